package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smoothplayer.app.manifest.CodecSupport;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.ManifestParser;
import org.smoothplayer.app.manifest.QualityLevel;
import org.smoothplayer.app.manifest.StreamIndex;
import org.smoothplayer.app.manifest.StreamType;
import org.smoothplayer.app.net.TimeSource;
import org.smoothplayer.app.playback.AudioOutput;
import org.smoothplayer.app.playback.AudioRenderer;
import org.smoothplayer.app.playback.ShownFrame;
import org.smoothplayer.app.playback.SilentLine;
import org.smoothplayer.app.playback.VideoPresenter;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.tools.PresentationReader;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.decoder.audio.PcmChunk;
import org.smoothplayer.decoder.codec.AudioCodecConfig;
import org.smoothplayer.decoder.codec.CodecConfigParser;
import org.smoothplayer.decoder.codec.VideoCodecConfig;
import org.smoothplayer.decoder.video.VideoDecoderOptions;

/**
 * A decode task that throws inside a real {@link DecodeWorker}: real fragments of {@code tiny} (4
 * s, four 1-s fragments of 25 frames, each starting with an IDR picture), real FFmpeg decoding, and
 * one fault at the hand-over of the decoded output. The worker must report it once as an {@code
 * INTERNAL} {@code decoder_error}, keep its thread, decode the next fragments, and close.
 *
 * <p>The video fault uses {@link VideoPresenter}'s own argument check (no production code changed):
 * the presenter counts one quality level, and the third fragment is handed to the worker as level
 * 1, so {@link VideoPresenter#offer} throws {@link IllegalArgumentException} for the first frame
 * the decoder hands over during that fragment's task. FFmpeg holds one frame back for reordering
 * (B-frames), so that frame is the second fragment's last; the task then ends, and the rest of the
 * third fragment is never decoded. The decoder runs on one thread so that this depth does not
 * depend on the machine's cores (frame threading adds a frame of delay per thread).
 *
 * <p>The audio fault is an {@link AudioOutput} around a real {@link AudioRenderer} whose {@code
 * enqueue} throws once, for the first PCM of the third fragment.
 */
class DecodeWorkerInternalErrorTest {
  private static final int FAULTY_CHUNK = 2;
  private static final int FRAMES_PER_FRAGMENT = 25;
  private static final long GENERATION = 0;
  private static final long AWAIT_MS = 30_000;

  private static Manifest tiny;

  @BeforeAll
  static void generate() throws Exception {
    Path folder = Presentations.cached(Preset.TINY);
    tiny = new ManifestParser().parse(folder.resolve(PresentationReader.MANIFEST_FILE));
  }

  @Test
  @Timeout(60)
  void a_video_task_that_throws_is_reported_once_as_internal_and_the_next_fragments_are_presented()
      throws Exception {
    StreamIndex stream = PresentationReader.mainVideoStream(tiny);
    QualityLevel level = stream.qualityLevels().get(0);
    VideoCodecConfig config = PresentationReader.videoLevels(tiny).get(0).config();
    TrackTimeline timeline = TrackTimeline.of(stream.timeline());
    assertThat(timeline.count()).isEqualTo(4);
    FragmentRef faulty = timeline.fragment(FAULTY_CHUNK);

    // Frames are presented when the test's clock reaches them; the queue holds the whole
    // presentation, so the worker never waits for it.
    AtomicLong positionUs = new AtomicLong();
    VideoPresenter presenter = new VideoPresenter(positionUs::get, 1, 8 * FRAMES_PER_FRAGMENT);
    Events events = new Events();
    DecodeWorker worker =
        DecodeWorker.video(
            VideoDecoderOptions.defaults().withThreads(1),
            presenter,
            events,
            new SessionClock(TimeSource.system()));
    List<Long> presentedUs = new ArrayList<>();
    try {
      for (int i = 0; i < timeline.count(); i++) {
        // The presenter has one level: frames handed over as level 1 make offer() throw.
        int handedLevel = i == FAULTY_CHUNK ? 1 : 0;
        worker.decodeVideo(
            body(stream, level, i),
            timeline.timeScale(),
            timeline.fragment(i),
            handedLevel,
            config,
            GENERATION);
      }
      worker.drain(GENERATION);
      LiveSession.await("the video worker has run every task", worker::idle, AWAIT_MS);

      // Present every queued frame, in order, by moving the clock to it.
      while (presenter.nextDueUs().isPresent()) {
        positionUs.set(presenter.nextDueUs().getAsLong());
        ShownFrame shown = presenter.pickDue();
        assertThat(shown).isNotNull();
        presentedUs.add(shown.frame().presentationTimeUs());
        shown.frame().close();
      }
    } finally {
      presenter.close();
      worker.close();
    }

    // One report, kind INTERNAL, naming the exception; nothing else went wrong.
    assertThat(events.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.stream()).isEqualTo("video");
              assertThat(e.kind()).isEqualTo("INTERNAL");
              assertThat(e.message())
                  .isEqualTo("java.lang.IllegalArgumentException: level must be in 0..0, was 1");
            });
    // The next fragment's frames were all presented: the thread survived the fault and decoding
    // resumed at that fragment's key frame. So were those of the first fragment.
    assertThat(framesIn(presentedUs, timeline.fragment(FAULTY_CHUNK + 1)))
        .as("frames of the fragment after the fault, of %s", presentedUs)
        .isEqualTo(FRAMES_PER_FRAGMENT);
    assertThat(framesIn(presentedUs, timeline.fragment(0))).isEqualTo(FRAMES_PER_FRAGMENT);
    // The task stopped at its first throw: the frame that threw and the samples of the third
    // fragment after it are lost, one second in all; the third fragment's first frame, still
    // inside the decoder, came out with the fourth.
    assertThat(framesIn(presentedUs, faulty))
        .as("frames of the faulty fragment, of %s", presentedUs)
        .isLessThan(FRAMES_PER_FRAGMENT / 2);
    assertThat(presentedUs).hasSize(3 * FRAMES_PER_FRAGMENT);
    // close() returned and the thread ended, which frees the decoder (the thread's last act).
    assertThat(events.workerThread()).hasValueSatisfying(t -> assertThat(t.isAlive()).isFalse());
  }

  @Test
  @Timeout(60)
  void an_audio_task_that_throws_is_reported_once_as_internal_and_the_next_fragments_are_queued()
      throws Exception {
    StreamIndex stream = tiny.streams(StreamType.AUDIO).get(0);
    QualityLevel level = stream.qualityLevels().get(0);
    AudioCodecConfig config =
        (AudioCodecConfig) CodecConfigParser.parse(CodecSupport.descriptor(stream, level));
    TrackTimeline timeline = TrackTimeline.of(stream.timeline());
    FragmentRef faulty = timeline.fragment(FAULTY_CHUNK);
    FragmentRef last = timeline.fragment(timeline.count() - 1);

    AudioRenderer renderer = pausedRenderer();
    String fault = "enqueue failed for the chunk at ";
    ThrowingOnceOutput output =
        new ThrowingOnceOutput(renderer, faulty.startUs(), faulty.endUs(), fault);
    Events events = new Events();
    DecodeWorker worker = DecodeWorker.audio(output, events, new SessionClock(TimeSource.system()));
    try {
      for (int i = 0; i < timeline.count(); i++) {
        worker.decodeAudio(
            body(stream, level, i), timeline.timeScale(), timeline.fragment(i), config, GENERATION);
      }
      worker.drain(GENERATION);
      LiveSession.await("the audio worker has run every task", worker::idle, AWAIT_MS);
    } finally {
      renderer.close();
      worker.close();
    }

    assertThat(output.thrownAtUs()).isNotNull();
    assertThat(events.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.stream()).isEqualTo("audio");
              assertThat(e.kind()).isEqualTo("INTERNAL");
              assertThat(e.message())
                  .isEqualTo("java.lang.IllegalStateException: " + fault + output.thrownAtUs());
            });
    // After the fault, PCM of the following fragments was handed over and accepted up to the end.
    assertThat(output.acceptedAfterFaultEndUs())
        .as("end of the audio accepted after the faulty fragment")
        .isGreaterThan(last.endUs() - 100_000);
    assertThat(events.workerThread()).hasValueSatisfying(t -> assertThat(t.isAlive()).isFalse());
  }

  @Test
  @Timeout(60)
  void an_audio_level_whose_decoder_cannot_be_opened_is_reported_and_played_as_silence_to_its_end()
      throws Exception {
    StreamIndex stream = tiny.streams(StreamType.AUDIO).get(0);
    QualityLevel level = stream.qualityLevels().get(0);
    AudioCodecConfig parsed =
        (AudioCodecConfig) CodecConfigParser.parse(CodecSupport.descriptor(stream, level));
    // Nine channels: FfmpegAudioDecoder.configure refuses them (it takes 0 to 8).
    AudioCodecConfig refused =
        new AudioCodecConfig(
            parsed.codec(),
            parsed.fourCc(),
            parsed.audioSpecificConfig(),
            parsed.samplingRateHz(),
            9);
    TrackTimeline timeline = TrackTimeline.of(stream.timeline());
    FragmentRef last = timeline.fragment(timeline.count() - 1);

    AudioRenderer renderer = pausedRenderer();
    Events events = new Events();
    DecodeWorker worker =
        DecodeWorker.audio(renderer, events, new SessionClock(TimeSource.system()));
    long queuedEndUs;
    try {
      for (int i = 0; i < timeline.count(); i++) {
        worker.decodeAudio(
            body(stream, level, i),
            timeline.timeScale(),
            timeline.fragment(i),
            refused,
            GENERATION);
      }
      LiveSession.await("the audio worker has run every task", worker::idle, AWAIT_MS);
      queuedEndUs = renderer.queuedEndUs();
    } finally {
      renderer.close();
      worker.close();
    }

    assertThat(events.errors())
        .hasSize(timeline.count())
        .allSatisfy(
            e -> {
              assertThat(e.kind()).isEqualTo(DecodeWorker.AUDIO_DECODER_UNAVAILABLE);
              assertThat(e.message()).contains("the decoder cannot be opened for ");
            });
    // Silence up to the end of the last fragment: the clock that follows the audio can go on.
    assertThat(queuedEndUs).isGreaterThanOrEqualTo(last.endUs() - 1_000);
  }

  /** Paused, with room for the whole presentation: the worker never waits for the output. */
  private static AudioRenderer pausedRenderer() throws Exception {
    SilentLine line = SilentLine.systemClock();
    line.open(AudioRenderer.DEFAULT_LINE_BUFFER_MS * PcmChunk.SAMPLE_RATE_HZ / 1000);
    return AudioRenderer.onLine(line, TimeSource.system(), 10_000_000);
  }

  private static byte[] body(StreamIndex stream, QualityLevel level, int chunk) throws Exception {
    return Files.readAllBytes(
        Path.of(stream.fragmentUri(tiny.baseUri(), level, chunk).orElseThrow()));
  }

  private static long framesIn(List<Long> presentedUs, FragmentRef fragment) {
    return presentedUs.stream()
        .filter(t -> t >= fragment.startUs() && t < fragment.endUs())
        .count();
  }

  /** The worker's session events, and the thread that emitted them. */
  private static final class Events implements Consumer<SessionEvent> {
    // Written by the worker thread, read by the test thread after close().
    private final List<SessionEvent.DecoderError> errors = new CopyOnWriteArrayList<>();
    private final AtomicReference<@Nullable Thread> thread = new AtomicReference<>();

    @Override
    public void accept(SessionEvent event) {
      thread.set(Thread.currentThread());
      if (event instanceof SessionEvent.DecoderError e) {
        errors.add(e);
      }
    }

    List<SessionEvent.DecoderError> errors() {
      return List.copyOf(errors);
    }

    Optional<Thread> workerThread() {
      return Optional.ofNullable(thread.get());
    }
  }

  /**
   * A real output whose {@code enqueue} throws once, for the first chunk starting inside {@code
   * [faultFromUs, faultToUs)}; it records the end of the audio accepted after that.
   */
  private static final class ThrowingOnceOutput implements AudioOutput {
    private final AudioOutput delegate;
    private final long faultFromUs;
    private final long faultToUs;
    private final String message;
    // Written by the audio decode thread, read by the test thread after close().
    private final AtomicBoolean thrown = new AtomicBoolean();
    private final AtomicLong thrownAtUs = new AtomicLong(-1);
    private final AtomicLong acceptedAfterFaultEndUs = new AtomicLong(-1);

    ThrowingOnceOutput(AudioOutput delegate, long faultFromUs, long faultToUs, String message) {
      this.delegate = delegate;
      this.faultFromUs = faultFromUs;
      this.faultToUs = faultToUs;
      this.message = message;
    }

    @Override
    public boolean enqueue(PcmChunk chunk, long generation) throws InterruptedException {
      long startUs = chunk.presentationTimeUs();
      if (startUs >= faultFromUs && startUs < faultToUs && thrown.compareAndSet(false, true)) {
        thrownAtUs.set(startUs);
        throw new IllegalStateException(message + startUs);
      }
      boolean accepted = delegate.enqueue(chunk, generation);
      if (accepted && thrown.get()) {
        acceptedAfterFaultEndUs.set(startUs + chunk.durationUs());
      }
      return accepted;
    }

    @Nullable Long thrownAtUs() {
      long t = thrownAtUs.get();
      return t < 0 ? null : t;
    }

    long acceptedAfterFaultEndUs() {
      return acceptedAfterFaultEndUs.get();
    }

    @Override
    public long positionUs() {
      return delegate.positionUs();
    }

    @Override
    public void play() {
      delegate.play();
    }

    @Override
    public void pause() {
      delegate.pause();
    }

    @Override
    public void flush(long generation, long positionUs) {
      delegate.flush(generation, positionUs);
    }

    @Override
    public long queuedEndUs() {
      return delegate.queuedEndUs();
    }

    @Override
    public void setVolume(double gain) {
      delegate.setVolume(gain);
    }

    @Override
    public void setMuted(boolean muted) {
      delegate.setMuted(muted);
    }

    @Override
    public boolean deviceAvailable() {
      return delegate.deviceAvailable();
    }

    @Override
    public Optional<String> deviceProblem() {
      return delegate.deviceProblem();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
