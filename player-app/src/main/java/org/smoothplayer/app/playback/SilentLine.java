package org.smoothplayer.app.playback;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.smoothplayer.app.net.TimeSource;
import org.smoothplayer.decoder.audio.PcmChunk;

/**
 * An {@link AudioLine} without a device: it consumes the written frames in real time, as read from
 * a {@link TimeSource}, and discards them. Played frames are the frames written, but no more than
 * the frames' worth of time that passed while the line was started; when the buffer runs dry the
 * position stops (underrun) and resumes with the next write.
 *
 * <p>A blocked {@link #write} re-reads the time source at most every {@value #MAX_POLL_US} us, so a
 * test can drive an injected clock without real sleeps.
 *
 * <p>Thread ownership: all state is guarded by {@code lock}.
 */
public final class SilentLine implements AudioLine {

  /** Longest wait of a blocked write before it re-reads the time source, in microseconds. */
  static final long MAX_POLL_US = 5_000;

  /** Shortest wait of a blocked write, in microseconds. */
  static final long MIN_POLL_US = 500;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final TimeSource time;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  // Guarded by lock.
  private int bufferFrames;
  private boolean open;
  private boolean started;
  private boolean closed;
  private long writtenFrames;
  // Frames played up to anchorNs; the line plays on from there while started.
  private long playedAtAnchorFrames;
  private long anchorNs;
  // Counts stop/flush/close calls, so a blocked write notices them.
  private long interruptions;

  /** A silent line timed by {@code time}. */
  public SilentLine(TimeSource time) {
    this.time = time;
  }

  /** A silent line timed by the JVM's monotonic clock. */
  public static SilentLine systemClock() {
    return new SilentLine(TimeSource.system());
  }

  @Override
  public void open(int bufferFrames) {
    if (bufferFrames <= 0) {
      throw new IllegalArgumentException("bufferFrames must be > 0, was " + bufferFrames);
    }
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the silent line is closed");
      }
      this.bufferFrames = bufferFrames;
      open = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int bufferFrames() {
    lock.lock();
    try {
      return bufferFrames;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void start() {
    lock.lock();
    try {
      if (!started && open) {
        anchorNs = time.nanoTime();
        started = true;
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stop() {
    lock.lock();
    try {
      if (started) {
        long now = time.nanoTime();
        playedAtAnchorFrames = playedFrames(now);
        anchorNs = now;
        started = false;
      }
      interruptions++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void flush() {
    lock.lock();
    try {
      long now = time.nanoTime();
      long played = playedFrames(now);
      writtenFrames = played;
      playedAtAnchorFrames = played;
      anchorNs = now;
      interruptions++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int write(byte[] data, int offset, int lengthBytes) {
    if (offset < 0 || lengthBytes < 0 || offset > data.length - lengthBytes) {
      throw new IndexOutOfBoundsException(
          "offset "
              + offset
              + " and length "
              + lengthBytes
              + " outside an array of "
              + data.length);
    }
    if (lengthBytes % PcmChunk.BYTES_PER_FRAME != 0) {
      throw new IllegalArgumentException(
          "lengthBytes must be whole sample frames (a multiple of 4), was " + lengthBytes);
    }
    int wantFrames = lengthBytes / PcmChunk.BYTES_PER_FRAME;
    int doneFrames = 0;
    lock.lock();
    try {
      long interruptionsAtStart = interruptions;
      while (open && !closed) {
        long now = time.nanoTime();
        long played = playedFrames(now);
        if (played == writtenFrames) {
          // Dry (or never started): the new frames play from now, not from when it ran dry.
          playedAtAnchorFrames = played;
          anchorNs = now;
        }
        long freeFrames = bufferFrames - (writtenFrames - played);
        int n = (int) Math.min(freeFrames, wantFrames - doneFrames);
        writtenFrames += n;
        doneFrames += n;
        if (doneFrames == wantFrames || !started || interruptions != interruptionsAtStart) {
          break;
        }
        long neededFrames = Math.min(wantFrames - doneFrames, bufferFrames);
        long waitUs = neededFrames * 1_000_000L / PcmChunk.SAMPLE_RATE_HZ;
        waitUs = Math.max(MIN_POLL_US, Math.min(MAX_POLL_US, waitUs));
        try {
          changed.await(waitUs, TimeUnit.MICROSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        if (interruptions != interruptionsAtStart) {
          break;
        }
      }
    } finally {
      lock.unlock();
    }
    return doneFrames * PcmChunk.BYTES_PER_FRAME;
  }

  @Override
  public long framePosition() {
    lock.lock();
    try {
      return playedFrames(time.nanoTime());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int availableBytes() {
    lock.lock();
    try {
      if (!open || closed) {
        return 0;
      }
      long queued = writtenFrames - playedFrames(time.nanoTime());
      return (int) (bufferFrames - queued) * PcmChunk.BYTES_PER_FRAME;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (started) {
        long now = time.nanoTime();
        playedAtAnchorFrames = playedFrames(now);
        anchorNs = now;
        started = false;
      }
      closed = true;
      open = false;
      interruptions++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Frames played by {@code nowNs}; caller holds the lock. */
  private long playedFrames(long nowNs) {
    if (!started) {
      return playedAtAnchorFrames;
    }
    long elapsedNs = nowNs - anchorNs;
    if (elapsedNs <= 0) {
      return playedAtAnchorFrames;
    }
    // Split to stay exact without overflowing for long runs.
    long elapsedFrames =
        elapsedNs / NANOS_PER_SECOND * PcmChunk.SAMPLE_RATE_HZ
            + elapsedNs % NANOS_PER_SECOND * PcmChunk.SAMPLE_RATE_HZ / NANOS_PER_SECOND;
    return Math.min(writtenFrames, playedAtAnchorFrames + elapsedFrames);
  }

  @Override
  public String toString() {
    return "SilentLine";
  }
}
