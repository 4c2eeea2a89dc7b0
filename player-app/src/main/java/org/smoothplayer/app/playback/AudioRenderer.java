package org.smoothplayer.app.playback;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sound.sampled.LineUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smoothplayer.app.net.TimeSource;
import org.smoothplayer.decoder.audio.PcmChunk;

/**
 * The {@link AudioOutput} of the player: feeds an {@link AudioLine} (the sound card, or a {@link
 * SilentLine} when there is none) from a bounded queue on its own thread ("audio-out") and derives
 * the master clock from the frames the line has played.
 *
 * <p>Timeline: {@link #flush} starts it at a position; each chunk is placed by its presentation
 * time, the part before the end of the accepted audio trimmed and a gap of more than {@value
 * #GAP_TOLERANCE_US} us filled with silence. {@link #positionUs()} is the timeline start plus the
 * frames played since the flush; a coarse device position is extrapolated with the time source, at
 * most {@value #MAX_EXTRAPOLATION_US} us and never past the frames written, and the clock never
 * runs backwards within a timeline. When queue and line run dry the clock stops.
 *
 * <p>Device failure: when a device line (any line but a {@link SilentLine}) throws a {@link
 * RuntimeException} from any call mid-session (headset unplugged, sound server restarted), the
 * renderer closes it and goes on, once, on a {@link SilentLine} timed by the same time source:
 * {@link #deviceAvailable()} turns false, {@link #deviceProblem()} says why, and the clock goes on
 * from where it was (the device's last reading, extrapolated as above). The audio the device held
 * but had not played, and the piece being written, are replaced by as much silence, so the clock
 * still reaches the end of the accepted audio. A silent line that throws is a bug: the renderer
 * logs it and closes.
 *
 * <p>Thread ownership: {@link #enqueue} runs on the audio decode thread, {@link #positionUs()} and
 * {@link #queuedEndUs()} on any thread, the rest on the playback loop thread; the feeding thread
 * owns the line's {@code write}. Shared state is guarded by {@code lock}; line writes, flushes and
 * the switch to the silent line are serialized by {@code lineLock}; starting and stopping the line
 * by {@code runLock}. Lock order: {@code lineLock}, then {@code runLock}, then {@code lock}; no
 * line method is called while holding {@code lock}.
 */
public final class AudioRenderer implements AudioOutput {
  private static final Logger LOG = LoggerFactory.getLogger(AudioRenderer.class);

  /** Default limit of audio waiting in the queue (not yet in the line), in microseconds. */
  public static final long DEFAULT_QUEUE_LIMIT_US = 500_000;

  /** Default size of the line's buffer, in milliseconds. */
  public static final int DEFAULT_LINE_BUFFER_MS = 150;

  /** Longest time {@link #open} waits for the audio system before it plays silently. */
  public static final long OPEN_TIMEOUT_MS = 3_000;

  /** A gap between chunks up to this long is closed by abutting instead of inserting silence. */
  static final long GAP_TOLERANCE_US = 1_000;

  /** Longest extrapolation beyond the line's last reported position, in microseconds. */
  static final long MAX_EXTRAPOLATION_US = 40_000;

  /** Frames per write to the line (10 ms): bounds how late pause, flush, close and gain react. */
  static final int PIECE_FRAMES = PcmChunk.SAMPLE_RATE_HZ / 100;

  /** A chunk further than this from the timeline start is rejected as a broken timestamp. */
  static final long MAX_PLACEMENT_DISTANCE_US = 24L * 3600 * 1_000_000;

  /** How often a thread waiting to switch away from a failed line looks whether another did. */
  private static final long LINE_LOCK_POLL_MS = 5;

  private static final int RATE_HZ = PcmChunk.SAMPLE_RATE_HZ;
  private static final int FRAME_BYTES = PcmChunk.BYTES_PER_FRAME;
  private static final int UNITY_GAIN_Q16 = 1 << 16;

  // The device line until it fails, then the SilentLine replacing it: changes at most once, in
  // failOver, while holding lineLock and lock. Volatile so any thread reads it without a lock; a
  // reading taken from a line that was replaced meanwhile is discarded (positionUs checks).
  private volatile AudioLine line;
  private final TimeSource time;
  private final long queueLimitFrames;
  // Buffer size of the line given at construction, for the silent line replacing a failed device.
  private final int lineBufferFrames;
  // Turns false at most once, in failOver; read by any thread.
  private volatile boolean deviceAvailable;
  // Set at construction or by failOver; read and cleared once by any thread.
  private final AtomicReference<@Nullable String> deviceProblem;
  private final Thread feeder;

  private final ReentrantLock lock = new ReentrantLock();
  // Signalled when the queue shrinks, on flush and on close (wakes enqueue).
  private final Condition spaceFreed = lock.newCondition();
  // Signalled on enqueue, play, flush and close (wakes the feeder).
  private final Condition workAvailable = lock.newCondition();
  // Signalled when the feeder has handed everything to the line.
  private final Condition handedOver = lock.newCondition();
  // Held by the feeder around line.write, by flush around line.flush, by close around line.close
  // and by failOver around the switch of the line.
  private final ReentrantLock lineLock = new ReentrantLock();
  // Held around line.start/stop by play, pause, flush and close, and by failOver while it starts
  // the new line, so the last start or stop follows the last change of the playing state.
  private final Object runLock = new Object();
  // Guarded by lineLock: close() has released the line.
  private boolean released;

  // Guarded by lock.
  private final ArrayDeque<Piece> queue = new ArrayDeque<>();
  private long queuedFrames;
  private long generation;
  private long timelineStartUs;
  private long acceptedEndFrames;
  private long writtenFrames;
  private long inFlightFrames;
  private long lineBaseFrames;
  private long lastRawFrames;
  private long lastRawNs;
  private long reportedFrames;
  private boolean playing;
  private boolean closed;
  private double volume = 1.0;
  private boolean muted;
  private int gainQ16 = UNITY_GAIN_Q16;
  // Written under lock, read by the feeder under lineLock without the lock.
  private volatile long epoch;

  /** A queued run of audio: PCM bytes, or silence when {@code data} is null. */
  private static final class Piece {
    final @Nullable ByteBuffer data;
    final long frames;
    long consumedFrames;

    Piece(@Nullable ByteBuffer data, long frames) {
      this.data = data;
      this.frames = frames;
    }
  }

  private AudioRenderer(
      AudioLine line,
      TimeSource time,
      long queueLimitUs,
      boolean deviceAvailable,
      @Nullable String deviceProblem) {
    if (queueLimitUs <= 0) {
      throw new IllegalArgumentException("queueLimitUs must be > 0, was " + queueLimitUs);
    }
    this.line = line;
    this.time = time;
    this.queueLimitFrames = queueLimitUs * RATE_HZ / 1_000_000L;
    this.deviceAvailable = deviceAvailable;
    this.deviceProblem = new AtomicReference<>(deviceProblem);
    this.lineBufferFrames = bufferFramesOf(line);
    this.lineBaseFrames = line.framePosition();
    this.lastRawNs = time.nanoTime();
    this.feeder = new Thread(this::feed, "audio-out");
    feeder.setDaemon(true);
    feeder.start();
  }

  /**
   * Opens the machine's audio device, or, when {@code forceSilent} or when no device can be opened
   * within {@link #OPEN_TIMEOUT_MS}, a silent output timed by the system clock ({@link
   * #deviceAvailable()} false, {@link #deviceProblem()} says why). The output starts paused at
   * position 0, generation 0.
   */
  public static AudioRenderer open(boolean forceSilent) {
    int bufferFrames = DEFAULT_LINE_BUFFER_MS * RATE_HZ / 1000;
    String reason;
    if (forceSilent) {
      reason = "silent output requested";
    } else {
      long startNs = System.nanoTime();
      OpenAttempt attempt = openDevice(bufferFrames);
      long tookMs = (System.nanoTime() - startNs) / 1_000_000;
      if (attempt.line != null) {
        LOG.debug("audio device {} opened in {} ms", attempt.line, tookMs);
        return new AudioRenderer(
            attempt.line, TimeSource.system(), DEFAULT_QUEUE_LIMIT_US, true, null);
      }
      reason = attempt.problem;
      LOG.debug("no audio device after {} ms: {}", tookMs, reason);
    }
    SilentLine silent = SilentLine.systemClock();
    silent.open(bufferFrames);
    String problem =
        "no audio device (" + reason + "); playing silently, the clock follows the system clock";
    // Not logged above debug: whoever opens the output tells the user (the engine makes the
    // problem a notice, which its log and the session log carry), so it is said once.
    LOG.debug(problem);
    return new AudioRenderer(silent, TimeSource.system(), DEFAULT_QUEUE_LIMIT_US, false, problem);
  }

  /**
   * An output on an already opened {@code line}, timed by {@code time} (a silent line with an
   * injected clock makes playback deterministic under test). {@link #deviceAvailable()} is false
   * for a {@link SilentLine}.
   */
  public static AudioRenderer onLine(AudioLine line, TimeSource time, long queueLimitUs) {
    boolean silent = line instanceof SilentLine;
    return new AudioRenderer(
        line,
        time,
        queueLimitUs,
        !silent,
        silent ? "no audio device (silent line); the clock follows the time source" : null);
  }

  /** The buffer size of {@code line}, or the default when it does not tell. */
  private static int bufferFramesOf(AudioLine line) {
    int frames;
    try {
      frames = line.bufferFrames();
    } catch (RuntimeException e) {
      frames = 0;
    }
    return frames > 0 ? frames : DEFAULT_LINE_BUFFER_MS * RATE_HZ / 1000;
  }

  private record OpenAttempt(@Nullable AudioLine line, String problem) {}

  /** Opens the device on a helper thread so a hanging audio system cannot hang the player. */
  private static OpenAttempt openDevice(int bufferFrames) {
    AtomicBoolean abandoned = new AtomicBoolean();
    FutureTask<JavaSoundLine> task =
        new FutureTask<>(
            () -> {
              JavaSoundLine l = new JavaSoundLine();
              l.open(bufferFrames);
              if (abandoned.get()) {
                l.close();
              }
              return l;
            });
    Thread opener = new Thread(task, "audio-open");
    opener.setDaemon(true);
    opener.start();
    try {
      return new OpenAttempt(task.get(OPEN_TIMEOUT_MS, TimeUnit.MILLISECONDS), "");
    } catch (TimeoutException e) {
      abandoned.set(true);
      return new OpenAttempt(
          null, "the audio system did not answer within " + OPEN_TIMEOUT_MS + " ms");
    } catch (InterruptedException e) {
      abandoned.set(true);
      Thread.currentThread().interrupt();
      return new OpenAttempt(null, "interrupted while opening the audio device");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String message = cause.getMessage() == null ? "" : cause.getMessage();
      if (cause instanceof IllegalArgumentException) {
        // What Java Sound throws when no mixer offers the format, e.g. without a sound card.
        return new OpenAttempt(null, "no output line plays 48 kHz 16-bit stereo");
      }
      if (cause instanceof LineUnavailableException) {
        return new OpenAttempt(null, "the device is unavailable: " + message);
      }
      if (cause instanceof RuntimeException || cause instanceof LinkageError) {
        return new OpenAttempt(
            null,
            "the audio system failed: "
                + cause.getClass().getSimpleName()
                + (message.isBlank() ? "" : ": " + message));
      }
      throw new IllegalStateException("opening the audio device failed unexpectedly", cause);
    }
  }

  @Override
  public boolean enqueue(PcmChunk chunk, long generation) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (true) {
        if (closed || generation != this.generation) {
          return false;
        }
        if (queuedFrames <= queueLimitFrames) {
          break;
        }
        spaceFreed.await();
      }
      long offsetUs = chunk.presentationTimeUs() - timelineStartUs;
      if (Math.abs(offsetUs) > MAX_PLACEMENT_DISTANCE_US) {
        throw new IllegalArgumentException(
            "audio chunk at "
                + chunk.presentationTimeUs()
                + " us is more than 24 h away from the timeline start "
                + timelineStartUs
                + " us; expected timestamps near the flushed position");
      }
      long startFrame = Math.floorDiv(offsetUs * RATE_HZ + 500_000L, 1_000_000L);
      long endFrame = startFrame + chunk.frameCount();
      if (chunk.frameCount() == 0) {
        return endFrame > acceptedEndFrames;
      }
      if (endFrame <= acceptedEndFrames) {
        return false;
      }
      long gapFrames = startFrame - acceptedEndFrames;
      if (gapFrames * 1_000_000L > GAP_TOLERANCE_US * RATE_HZ) {
        queue.addLast(new Piece(null, gapFrames));
        queuedFrames += gapFrames;
        acceptedEndFrames += gapFrames;
      }
      long skipFrames = Math.max(0, acceptedEndFrames - startFrame);
      ByteBuffer data = chunk.data().duplicate();
      data.position(data.position() + (int) (skipFrames * FRAME_BYTES));
      long frames = chunk.frameCount() - skipFrames;
      queue.addLast(new Piece(data.slice(), frames));
      queuedFrames += frames;
      acceptedEndFrames += frames;
      workAvailable.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void play() {
    lock.lock();
    try {
      if (closed || playing) {
        return;
      }
      playing = true;
      lastRawNs = time.nanoTime();
      workAvailable.signalAll();
    } finally {
      lock.unlock();
    }
    setLineRunning(true);
  }

  @Override
  public void pause() {
    lock.lock();
    try {
      if (closed || !playing) {
        return;
      }
      playing = false;
    } finally {
      lock.unlock();
    }
    setLineRunning(false);
  }

  @Override
  public void flush(long generation, long positionUs) {
    boolean restart;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      this.generation = generation;
      epoch++;
      queue.clear();
      queuedFrames = 0;
      timelineStartUs = positionUs;
      acceptedEndFrames = 0;
      writtenFrames = 0;
      inFlightFrames = 0;
      lastRawFrames = 0;
      reportedFrames = 0;
      lastRawNs = time.nanoTime();
      restart = playing;
      spaceFreed.signalAll();
      workAvailable.signalAll();
      handedOver.signalAll();
    } finally {
      lock.unlock();
    }
    // Stopping makes a blocked write return; the feeder then sees the new epoch and discards.
    setLineRunning(false);
    lineLock.lock();
    try {
      onCurrentLine(
          l -> {
            l.flush();
            return 0;
          });
      long base = onCurrentLine(AudioLine::framePosition);
      lock.lock();
      try {
        lineBaseFrames = base;
        lastRawNs = time.nanoTime();
      } finally {
        lock.unlock();
      }
      if (restart) {
        onCurrentLine(
            l -> {
              l.start();
              return 0;
            });
      }
    } finally {
      lineLock.unlock();
    }
  }

  @Override
  public long positionUs() {
    while (true) {
      AudioLine l = line;
      long lineFrames;
      try {
        lineFrames = l.framePosition();
      } catch (RuntimeException e) {
        failOver(l, e);
        continue;
      }
      long now = time.nanoTime();
      lock.lock();
      try {
        if (l != line) {
          // Replaced after the reading: a position of the old line means nothing on the new base.
          continue;
        }
        return positionUs(lineFrames, now);
      } finally {
        lock.unlock();
      }
    }
  }

  /** The clock from a reading of the current line taken at {@code now}; holds lock. */
  private long positionUs(long lineFrames, long now) {
    long handedFrames = writtenFrames + inFlightFrames;
    long raw = Math.max(0, Math.min(lineFrames - lineBaseFrames, handedFrames));
    long estimate;
    if (raw != lastRawFrames) {
      lastRawFrames = raw;
      lastRawNs = now;
      estimate = raw;
    } else if (playing && raw < handedFrames) {
      long sinceUs = Math.min(MAX_EXTRAPOLATION_US, Math.max(0, (now - lastRawNs) / 1000));
      estimate = Math.min(handedFrames, raw + sinceUs * RATE_HZ / 1_000_000L);
    } else {
      // Paused or dry: nothing plays, so extrapolation restarts from now.
      lastRawNs = now;
      estimate = raw;
    }
    if (estimate < reportedFrames) {
      estimate = reportedFrames;
    } else {
      reportedFrames = estimate;
    }
    return timelineStartUs + estimate * 1_000_000L / RATE_HZ;
  }

  @Override
  public long queuedEndUs() {
    lock.lock();
    try {
      return timelineStartUs + acceptedEndFrames * 1_000_000L / RATE_HZ;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void setVolume(double gain) {
    if (!(gain >= 0.0 && gain <= 1.0)) {
      throw new IllegalArgumentException("volume must be between 0 and 1, was " + gain);
    }
    lock.lock();
    try {
      volume = gain;
      updateGain();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void setMuted(boolean muted) {
    lock.lock();
    try {
      this.muted = muted;
      updateGain();
    } finally {
      lock.unlock();
    }
  }

  private void updateGain() {
    gainQ16 = muted ? 0 : (int) Math.round(volume * UNITY_GAIN_Q16);
  }

  /** False when no device could be opened, and from the moment a device failed mid-session. */
  @Override
  public boolean deviceAvailable() {
    return deviceAvailable;
  }

  /**
   * Why no device plays (none could be opened, or it failed mid-session), on the first call after
   * that became known only (so it is told once); empty otherwise.
   */
  @Override
  public Optional<String> deviceProblem() {
    return Optional.ofNullable(deviceProblem.getAndSet(null));
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      playing = false;
      spaceFreed.signalAll();
      workAvailable.signalAll();
      handedOver.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      setLineRunning(false);
    } catch (RuntimeException e) {
      LOG.warn("stopping the audio line on close failed", e);
    }
    try {
      feeder.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lineLock.lock();
    try {
      released = true;
      try {
        line.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the audio line failed", e);
      }
    } finally {
      lineLock.unlock();
    }
  }

  /** A call on the line that returns a number (or 0 for void calls). */
  @FunctionalInterface
  private interface LineCall {
    long call(AudioLine line);
  }

  /**
   * Runs {@code call} on the current line; when a device line throws, switches to the silent line
   * and runs it there. Any other failure propagates.
   */
  private long onCurrentLine(LineCall call) {
    AudioLine l = line;
    try {
      return call.call(l);
    } catch (RuntimeException e) {
      return call.call(failOver(l, e));
    }
  }

  /**
   * Starts or stops the current line under {@code runLock}. A device line that throws is replaced
   * (outside {@code runLock}, by lock order); the switch brings the silent line to the playing
   * state itself.
   */
  private void setLineRunning(boolean run) {
    AudioLine l;
    RuntimeException failure = null;
    synchronized (runLock) {
      l = line;
      try {
        if (run) {
          l.start();
        } else {
          l.stop();
        }
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      failOver(l, failure);
    }
  }

  /**
   * Replaces the device line {@code failed}, which threw {@code cause}, by a silent line timed by
   * the renderer's time source, once, and returns the line to use now. The clock goes on from where
   * it is: the position last reported, or the device's last reading extrapolated (at most {@value
   * #MAX_EXTRAPOLATION_US} us) if that is further; the frames the device held but had not played,
   * and the piece being written, are queued again as silence. The failed line is closed (a failure
   * doing so is logged). Called on any thread, with or without {@code lineLock}, never holding
   * {@code lock} or {@code runLock}.
   *
   * @throws RuntimeException {@code cause}, when {@code failed} is a silent line (a bug)
   */
  private AudioLine failOver(AudioLine failed, RuntimeException cause) {
    if (failed instanceof SilentLine) {
      throw cause;
    }
    AudioLine current = line;
    if (current != failed) {
      return current;
    }
    try {
      // Makes a write blocked on the device return, so the feeder lets go of lineLock.
      failed.stop();
    } catch (RuntimeException e) {
      LOG.debug("stopping the failed audio device threw too", e);
    }
    SilentLine silent;
    boolean closeFailed;
    if (!lockLineWhileCurrent(failed)) {
      return line;
    }
    try {
      current = line;
      if (current != failed) {
        return current;
      }
      silent = new SilentLine(time);
      silent.open(lineBufferFrames);
      long silentStartFrames = silent.framePosition();
      String message = cause.getMessage();
      String problem =
          "the audio device failed ("
              + cause.getClass().getSimpleName()
              + (message == null || message.isBlank() ? "" : ": " + message)
              + "); playing on silently, the clock follows the system clock";
      lock.lock();
      try {
        // Where the clock is now: the device's last reading, extrapolated as positionUs would.
        positionUs(lastRawFrames + lineBaseFrames, time.nanoTime());
        long playedFrames = reportedFrames;
        long lostFrames = Math.max(0, writtenFrames + inFlightFrames - playedFrames);
        if (lostFrames > 0) {
          queue.addFirst(new Piece(null, lostFrames));
          queuedFrames += lostFrames;
        }
        writtenFrames = playedFrames;
        inFlightFrames = 0;
        lastRawFrames = playedFrames;
        lastRawNs = time.nanoTime();
        lineBaseFrames = silentStartFrames - playedFrames;
        // The feeder drops the piece it holds (now part of the silence above).
        epoch++;
        line = silent;
        deviceAvailable = false;
        deviceProblem.set(problem);
        workAvailable.signalAll();
      } finally {
        lock.unlock();
      }
      LOG.warn(problem, cause);
      synchronized (runLock) {
        boolean run;
        lock.lock();
        try {
          run = playing && !closed;
        } finally {
          lock.unlock();
        }
        if (run) {
          silent.start();
        }
      }
      if (released) {
        // close() ran already and released the failed line.
        silent.close();
      }
      closeFailed = !released;
    } finally {
      lineLock.unlock();
    }
    if (closeFailed) {
      try {
        failed.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the failed audio device failed", e);
      }
    }
    return silent;
  }

  /**
   * Takes {@code lineLock} for the switch away from {@code failed}, unless another thread switches
   * first (false then). A clock reader that met the failure never waits behind a feeder that holds
   * the lock while blocked writing to the line that already replaced it.
   */
  private boolean lockLineWhileCurrent(AudioLine failed) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (lineLock.tryLock(LINE_LOCK_POLL_MS, TimeUnit.MILLISECONDS)) {
            return true;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
        if (line != failed) {
          return false;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The line audio goes to now: the device, or the silent line that replaced it (for tests). */
  AudioLine currentLine() {
    return line;
  }

  /**
   * Waits until every queued frame is in the line (for tests).
   *
   * @return false on timeout
   */
  boolean awaitHandedToLine(long timeoutMs) throws InterruptedException {
    long remainingNs = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    lock.lock();
    try {
      while (!queue.isEmpty() || inFlightFrames > 0) {
        if (remainingNs <= 0 || closed) {
          return false;
        }
        remainingNs = handedOver.awaitNanos(remainingNs);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The feeding thread: moves pieces of at most {@link #PIECE_FRAMES} from the queue to the line.
   */
  private void feed() {
    byte[] buffer = new byte[PIECE_FRAMES * FRAME_BYTES];
    int pendingOffset = 0;
    int pendingBytes = 0;
    long pendingEpoch = -1;
    try {
      while (true) {
        lock.lock();
        try {
          if (pendingBytes > 0 && pendingEpoch != epoch) {
            pendingBytes = 0;
          }
          while (!closed && pendingBytes == 0 && queue.isEmpty()) {
            handedOver.signalAll();
            workAvailable.await();
          }
          if (closed) {
            return;
          }
          if (pendingBytes == 0) {
            int frames = takePiece(buffer);
            pendingOffset = 0;
            pendingBytes = frames * FRAME_BYTES;
            pendingEpoch = epoch;
            inFlightFrames = frames;
            if (lastRawFrames >= writtenFrames) {
              // The line was dry: extrapolation starts when this audio does.
              lastRawNs = time.nanoTime();
            }
            spaceFreed.signalAll();
          }
        } finally {
          lock.unlock();
        }
        int written = -1;
        lineLock.lock();
        try {
          if (epoch == pendingEpoch) {
            AudioLine l = line;
            try {
              written = l.write(buffer, pendingOffset, pendingBytes);
            } catch (RuntimeException e) {
              // A failed device is replaced; a failing silent line ends the feeding (below).
              failOver(l, e);
            }
          }
        } finally {
          lineLock.unlock();
        }
        lock.lock();
        try {
          if (written < 0 || pendingEpoch != epoch) {
            pendingBytes = 0;
            continue;
          }
          writtenFrames += written / FRAME_BYTES;
          inFlightFrames -= written / FRAME_BYTES;
          pendingOffset += written;
          pendingBytes -= written;
          if (pendingBytes > 0 && !closed) {
            // The line is stopped (paused) and full: wait for play, flush or close.
            if (playing) {
              workAvailable.await(2, TimeUnit.MILLISECONDS);
            } else {
              workAvailable.await();
            }
          }
        } finally {
          lock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("audio output failed; the clock stops here", e);
      lock.lock();
      try {
        closed = true;
        spaceFreed.signalAll();
        handedOver.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Copies up to one piece from the queue into {@code buffer}, applying the gain; holds lock. */
  private int takePiece(byte[] buffer) {
    Piece head = queue.getFirst();
    int frames = (int) Math.min(PIECE_FRAMES, head.frames - head.consumedFrames);
    int bytes = frames * FRAME_BYTES;
    ByteBuffer data = head.data;
    if (data == null || gainQ16 == 0) {
      Arrays.fill(buffer, 0, bytes, (byte) 0);
    } else {
      data.get((int) (head.consumedFrames * FRAME_BYTES), buffer, 0, bytes);
      if (gainQ16 != UNITY_GAIN_Q16) {
        applyGain(buffer, bytes, gainQ16);
      }
    }
    head.consumedFrames += frames;
    if (head.consumedFrames == head.frames) {
      queue.removeFirst();
    }
    queuedFrames -= frames;
    return frames;
  }

  /** Scales signed 16-bit little-endian samples by {@code gainQ16 / 65536}, clipping. */
  static void applyGain(byte[] pcm, int lengthBytes, int gainQ16) {
    for (int i = 0; i + 1 < lengthBytes; i += 2) {
      int sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
      int scaled = (int) (((long) sample * gainQ16 + (1 << 15)) >> 16);
      scaled = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, scaled));
      pcm[i] = (byte) scaled;
      pcm[i + 1] = (byte) (scaled >> 8);
    }
  }

  @Override
  public String toString() {
    return "AudioRenderer[" + line + "]";
  }
}
