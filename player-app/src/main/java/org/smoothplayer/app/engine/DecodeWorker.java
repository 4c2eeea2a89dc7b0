package org.smoothplayer.app.engine;

import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smoothplayer.app.playback.AudioOutput;
import org.smoothplayer.app.playback.VideoPresenter;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.decoder.audio.AudioDecodeError;
import org.smoothplayer.decoder.audio.AudioDecoder;
import org.smoothplayer.decoder.audio.PcmChunk;
import org.smoothplayer.decoder.audio.PcmSink;
import org.smoothplayer.decoder.codec.AudioCodecConfig;
import org.smoothplayer.decoder.codec.VideoCodecConfig;
import org.smoothplayer.decoder.ffmpeg.FfmpegAudioDecoder;
import org.smoothplayer.decoder.ffmpeg.FfmpegVideoDecoder;
import org.smoothplayer.decoder.fragment.EncodedSample;
import org.smoothplayer.decoder.fragment.Fragment;
import org.smoothplayer.decoder.fragment.FragmentContext;
import org.smoothplayer.decoder.fragment.FragmentParseException;
import org.smoothplayer.decoder.fragment.FragmentParser;
import org.smoothplayer.decoder.fragment.ProtectedContentException;
import org.smoothplayer.decoder.fragment.TrackType;
import org.smoothplayer.decoder.video.VideoDecodeError;
import org.smoothplayer.decoder.video.VideoDecoder;
import org.smoothplayer.decoder.video.VideoDecoderOptions;
import org.smoothplayer.decoder.video.VideoFrame;
import org.smoothplayer.decoder.video.VideoFrameSink;

/**
 * One decode thread: parses fetched fragments, decodes them with FFmpeg and hands the output to the
 * {@link VideoPresenter} or the {@link AudioOutput}, which block it when they are full
 * (back-pressure). Tasks run in submission order; a task of an older generation than {@link
 * #setGeneration} is skipped, and a running one stops at its next sample.
 *
 * <p>Thread ownership: the decoder and {@code outputLevel} belong to the worker thread; {@code
 * generation} is written by the playback loop and read by the worker.
 */
final class DecodeWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecodeWorker.class);

  /** Sample rate of the silence made for presentations without audio. */
  private static final int SILENCE_PIECE_FRAMES = PcmChunk.SAMPLE_RATE_HZ / 20;

  /**
   * An audio fragment whose decoded audio ends this much or more before the fragment does (it did
   * not decode at all, or its last part did not) has the rest played as silence at once, so the
   * clock, which follows the audio, goes on. Shorter holes (a damaged frame) are closed when the
   * next audio comes.
   */
  static final long UNDECODED_FILL_MIN_US = 100_000;

  /** {@link SessionEvent.DecoderError#kind()} of a fragment that cannot be parsed. */
  static final String FRAGMENT_UNREADABLE = "FRAGMENT";

  /** {@link SessionEvent.DecoderError#kind()} of an audio level whose decoder cannot be opened. */
  static final String AUDIO_DECODER_UNAVAILABLE = "UNSUPPORTED_AUDIO";

  /** {@link SessionEvent.DecoderError#kind()} of a video level whose decoder cannot be opened. */
  static final String VIDEO_DECODER_UNAVAILABLE = "UNSUPPORTED_VIDEO";

  private final String stream;
  private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Consumer<SessionEvent> events;
  private final SessionClock clock;

  // Written by the playback loop, read by the worker thread.
  private volatile long generation;
  // Written by close() (any thread), read by the worker thread.
  private volatile boolean closed;
  // Tasks submitted and not finished yet: incremented by the submitter, decremented by the worker.
  private final java.util.concurrent.atomic.AtomicInteger pending =
      new java.util.concurrent.atomic.AtomicInteger();

  // Set once before the thread starts (video workers only).
  private @Nullable VideoPresenter presenter;

  // Set once before the thread starts (audio workers only).
  private @Nullable AudioOutput audioOutput;

  // Worker thread only.
  private VideoDecoder videoDecoder;
  private AudioDecoder audioDecoder;
  private int outputLevel;
  private long outputGeneration;
  // The end of the audio handed to the output in generation audioEndGeneration, microseconds.
  private long audioEndUs = Long.MIN_VALUE;
  private long audioEndGeneration = -1;

  private DecodeWorker(String stream, Consumer<SessionEvent> events, SessionClock clock) {
    this.stream = stream;
    this.events = events;
    this.clock = clock;
    this.thread = new Thread(this::run, "decode-" + stream);
    this.thread.setDaemon(true);
  }

  /** A video worker decoding into {@code presenter}. */
  static DecodeWorker video(
      VideoDecoderOptions options,
      VideoPresenter presenter,
      Consumer<SessionEvent> events,
      SessionClock clock) {
    DecodeWorker w = new DecodeWorker("video", events, clock);
    w.presenter = presenter;
    w.submit(
        () ->
            w.videoDecoder =
                new FfmpegVideoDecoder(
                    options,
                    new VideoFrameSink() {
                      @Override
                      public void onFrame(VideoFrame frame) {
                        w.present(presenter, frame);
                      }

                      @Override
                      public void onError(VideoDecodeError error) {
                        w.decoderError(error.kind().name(), error.message());
                      }
                    }));
    w.thread.start();
    return w;
  }

  /** An audio worker decoding into {@code output}. */
  static DecodeWorker audio(AudioOutput output, Consumer<SessionEvent> events, SessionClock clock) {
    DecodeWorker w = new DecodeWorker("audio", events, clock);
    w.audioOutput = output;
    w.submit(
        () ->
            w.audioDecoder =
                new FfmpegAudioDecoder(
                    new PcmSink() {
                      @Override
                      public void onPcm(PcmChunk chunk) {
                        w.play(output, chunk);
                      }

                      @Override
                      public void onError(AudioDecodeError error) {
                        w.decoderError(error.kind().name(), error.message());
                      }
                    }));
    w.thread.start();
    return w;
  }

  /**
   * True when every task submitted so far has run (its output handed over): nothing is left to
   * decode. Read by the playback loop.
   */
  boolean idle() {
    return pending.get() == 0;
  }

  /** Marks every task and output of older generations stale; the decoder is flushed in order. */
  void setGeneration(long newGeneration) {
    generation = newGeneration;
    submit(
        () -> {
          if (videoDecoder != null) {
            videoDecoder.flush();
          }
          if (audioDecoder != null) {
            audioDecoder.flush();
          }
        });
  }

  /** Parses and decodes one video fragment fetched at {@code level}. */
  void decodeVideo(
      byte[] body,
      long timeScale,
      FragmentRef chunk,
      int level,
      VideoCodecConfig config,
      long gen) {
    submit(
        () -> {
          Fragment fragment = parse(body, TrackType.VIDEO, timeScale, chunk, gen);
          if (fragment == null || videoDecoder == null) {
            return;
          }
          try {
            videoDecoder.configure(config);
          } catch (IllegalArgumentException | IllegalStateException e) {
            decoderError(VIDEO_DECODER_UNAVAILABLE, cannotOpen(chunk, config, e));
            // Its frames are lost at this level, as frames that do not decode are.
            VideoPresenter p = presenter;
            if (p != null) {
              p.countUndecoded(level, fragment.samples().size());
            }
            return;
          }
          outputLevel = level;
          outputGeneration = gen;
          long skippedBefore = videoDecoder.stats().samplesSkipped();
          for (EncodedSample sample : fragment.samples()) {
            if (gen != generation || closed) {
              return;
            }
            videoDecoder.decode(sample);
          }
          // Samples skipped after a decode error (until the next key frame) never become
          // pictures: they count as dropped at this level, for the frame-drop cap.
          long undecoded = videoDecoder.stats().samplesSkipped() - skippedBefore;
          VideoPresenter p = presenter;
          if (undecoded > 0 && p != null) {
            p.countUndecoded(level, undecoded);
          }
        });
  }

  /**
   * Parses and decodes one audio fragment. What of it does not decode (a fragment that cannot be
   * parsed, a decoder that cannot be opened for its level, frames the decoder refuses) is played as
   * silence once {@link #UNDECODED_FILL_MIN_US} or more is missing at its end: the clock follows
   * the audio, and audio that never comes would otherwise stop it for good.
   */
  void decodeAudio(
      byte[] body, long timeScale, FragmentRef chunk, AudioCodecConfig config, long gen) {
    submit(
        () -> {
          Fragment fragment = parse(body, TrackType.AUDIO, timeScale, chunk, gen);
          AudioDecoder decoder = audioDecoder;
          if (fragment != null && decoder != null) {
            if (configured(decoder, config, chunk)) {
              outputGeneration = gen;
              for (EncodedSample sample : fragment.samples()) {
                if (gen != generation || closed) {
                  return;
                }
                decoder.decode(sample);
              }
            }
          }
          AudioOutput output = audioOutput;
          if (output != null) {
            long decodedEndUs = audioEndGeneration == gen ? audioEndUs : Long.MIN_VALUE;
            long fromUs = Math.max(chunk.startUs(), decodedEndUs);
            if (chunk.endUs() - fromUs >= UNDECODED_FILL_MIN_US) {
              playSilence(output, fromUs, chunk.endUs(), gen);
            }
          }
        });
  }

  /** Queues silence from {@code startUs} to {@code endUs} (presentations without audio). */
  void silence(AudioOutput output, long startUs, long endUs, long gen) {
    submit(() -> playSilence(output, startUs, endUs, gen));
  }

  private void playSilence(AudioOutput output, long startUs, long endUs, long gen) {
    long at = startUs;
    while (at < endUs && gen == generation && !closed) {
      int frames =
          (int)
              Math.min(
                  SILENCE_PIECE_FRAMES,
                  Math.max(1, (endUs - at) * PcmChunk.SAMPLE_RATE_HZ / 1_000_000L));
      ByteBuffer zeros = ByteBuffer.allocate(frames * PcmChunk.BYTES_PER_FRAME).asReadOnlyBuffer();
      outputGeneration = gen;
      PcmChunk chunk = new PcmChunk(at, frames, zeros);
      play(output, chunk);
      at += chunk.durationUs();
    }
  }

  /** Pushes out every frame or sample still inside the decoder (end of stream). */
  void drain(long gen) {
    submit(
        () -> {
          if (gen != generation) {
            return;
          }
          if (videoDecoder != null) {
            videoDecoder.drain();
          }
          if (audioDecoder != null) {
            audioDecoder.drain();
          }
        });
  }

  /** Changes the size of the following frames (0, 0 for the source size). */
  void setOutputSize(int widthPx, int heightPx) {
    submit(
        () -> {
          if (videoDecoder != null) {
            videoDecoder.setOutputSize(widthPx, heightPx);
          }
        });
  }

  private Fragment parse(byte[] body, TrackType type, long timeScale, FragmentRef chunk, long gen) {
    if (gen != generation) {
      return null;
    }
    try {
      return FragmentParser.parse(
          ByteBuffer.wrap(body), new FragmentContext(type, timeScale, chunk.startTicks()));
    } catch (FragmentParseException | ProtectedContentException e) {
      decoderError(
          FRAGMENT_UNREADABLE,
          "fragment " + chunk.index() + " at " + chunk.startUs() + " us: " + e.getMessage());
      return null;
    }
  }

  private void present(VideoPresenter presenter, VideoFrame frame) {
    try {
      presenter.offer(frame, outputLevel, outputGeneration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void play(AudioOutput output, PcmChunk chunk) {
    long endUs = chunk.presentationTimeUs() + chunk.durationUs();
    if (audioEndGeneration != outputGeneration) {
      audioEndGeneration = outputGeneration;
      audioEndUs = endUs;
    } else {
      audioEndUs = Math.max(audioEndUs, endUs);
    }
    try {
      output.enqueue(chunk, outputGeneration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Configures {@code decoder} for {@code config}; false, reported as {@link
   * #AUDIO_DECODER_UNAVAILABLE}, when it cannot be opened for it.
   */
  private boolean configured(AudioDecoder decoder, AudioCodecConfig config, FragmentRef chunk) {
    try {
      decoder.configure(config);
      return true;
    } catch (IllegalArgumentException | IllegalStateException e) {
      decoderError(AUDIO_DECODER_UNAVAILABLE, cannotOpen(chunk, config, e));
      return false;
    }
  }

  /** The message of a fragment whose decoder cannot be opened for {@code config}. */
  private static String cannotOpen(FragmentRef chunk, Object config, RuntimeException e) {
    return "fragment "
        + chunk.index()
        + " at "
        + chunk.startUs()
        + " us: the decoder cannot be opened for "
        + config
        + ": "
        + e.getMessage();
  }

  private void decoderError(String kind, String message) {
    events.accept(new SessionEvent.DecoderError(clock.nowMs(), stream, kind, message));
  }

  private void submit(Runnable task) {
    if (!closed) {
      pending.incrementAndGet();
      tasks.add(task);
    }
  }

  private void run() {
    try {
      while (!closed) {
        Runnable task = tasks.poll(100, TimeUnit.MILLISECONDS);
        if (task == null) {
          continue;
        }
        try {
          task.run();
        } catch (RuntimeException e) {
          // A decoder bug must not kill the thread: report it and go on with the next fragment.
          LOG.warn("{} decode task failed", stream, e);
          decoderError("INTERNAL", e.toString());
        } finally {
          pending.decrementAndGet();
        }
        if (Thread.interrupted() && closed) {
          break;
        }
      }
    } catch (InterruptedException e) {
      // closing
    } finally {
      if (videoDecoder != null) {
        videoDecoder.close();
      }
      if (audioDecoder != null) {
        audioDecoder.close();
      }
    }
  }

  /**
   * Stops the thread and frees the decoder. Callers first close the presenter/output so a blocked
   * hand-over returns.
   */
  @Override
  public void close() {
    closed = true;
    tasks.clear();
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
