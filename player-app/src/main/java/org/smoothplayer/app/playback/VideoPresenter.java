package org.smoothplayer.app.playback;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.decoder.video.VideoFrame;

/**
 * The queue of decoded video frames between the video decode thread and the renderer, paced by the
 * master clock.
 *
 * <p>Drop rule: {@link #pickDue()} reads the clock once; of the queued frames whose presentation
 * time has come it returns the newest and drops the older ones, counting them per level. Right
 * after a {@link #flush} the first frame is due up to one frame duration early, so a seek shows its
 * frame at once. Frames are closed exactly once: the queue closes dropped, stale and flushed ones;
 * the renderer closes the frame it was given.
 *
 * <p>Thread ownership: {@link #offer} runs on the video decode thread, {@link #pickDue()} and
 * {@link #nextDueUs()} on the render thread, {@link #flush} on the playback loop thread; the
 * getters on any thread. All state is guarded by {@code lock}.
 */
public final class VideoPresenter implements FrameSource, AutoCloseable {

  /** Default number of decoded frames queued before {@link #offer} blocks. */
  public static final int DEFAULT_CAPACITY_FRAMES = 12;

  /** Frame duration assumed for the first frame after a flush when the frame gives none. */
  static final long FALLBACK_FRAME_DURATION_US = 40_000;

  /**
   * Drift values kept for {@link #drainDriftUs()}; older ones are discarded when it is not read.
   */
  static final int MAX_PENDING_DRIFTS = 4096;

  private final MediaClock clock;
  private final int levelCount;
  private final int capacityFrames;

  private final ReentrantLock lock = new ReentrantLock();
  // Signalled when the queue shrinks, on flush and on close.
  private final Condition notFull = lock.newCondition();

  // Guarded by lock.
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private final long[] renderedPerLevel;
  private final long[] droppedPerLevel;
  private long rendered;
  private long dropped;
  private long[] drifts = new long[64];
  private int driftCount;
  private long generation;
  private long showFromUs = Long.MIN_VALUE;
  private boolean firstAfterFlush = true;
  private long queuedEndUs = -1;
  private int lastShownLevel = -1;
  private long lastShownPtsUs = -1;
  private boolean closed;

  private record Queued(VideoFrame frame, int level) {}

  /** A presenter queueing up to {@link #DEFAULT_CAPACITY_FRAMES} frames. */
  public VideoPresenter(MediaClock clock, int levelCount) {
    this(clock, levelCount, DEFAULT_CAPACITY_FRAMES);
  }

  /**
   * A presenter paced by {@code clock}, counting {@code levelCount} quality levels, queueing up to
   * {@code capacityFrames} frames.
   */
  public VideoPresenter(MediaClock clock, int levelCount, int capacityFrames) {
    if (levelCount < 1) {
      throw new IllegalArgumentException("levelCount must be >= 1, was " + levelCount);
    }
    if (capacityFrames < 1) {
      throw new IllegalArgumentException("capacityFrames must be >= 1, was " + capacityFrames);
    }
    this.clock = clock;
    this.levelCount = levelCount;
    this.capacityFrames = capacityFrames;
    this.renderedPerLevel = new long[levelCount];
    this.droppedPerLevel = new long[levelCount];
  }

  /**
   * Queues {@code frame} in presentation order, blocking while the queue is full. A frame of
   * another generation than the last {@link #flush}'s, or ending at or before its {@code
   * showFromUs}, is closed at once (not counted).
   *
   * @return true when queued; false when the frame was closed instead (stale, before the flush
   *     position, flushed or closed while waiting, or the presenter is closed)
   * @throws IllegalArgumentException if {@code level} is outside {@code 0..levelCount-1} (the frame
   *     is closed)
   */
  public boolean offer(VideoFrame frame, int level, long generation) throws InterruptedException {
    if (level < 0 || level >= levelCount) {
      frame.close();
      throw new IllegalArgumentException(
          "level must be in 0.." + (levelCount - 1) + ", was " + level);
    }
    boolean queued = false;
    try {
      lock.lockInterruptibly();
      try {
        if (!acceptable(frame, generation)) {
          return false;
        }
        while (queue.size() >= capacityFrames) {
          notFull.await();
          if (!acceptable(frame, generation)) {
            return false;
          }
        }
        insertInOrder(new Queued(frame, level));
        queuedEndUs = frame.presentationTimeUs() + frame.durationUs();
        queued = true;
        return true;
      } finally {
        lock.unlock();
      }
    } finally {
      if (!queued) {
        frame.close();
      }
    }
  }

  /** Whether {@code frame} of {@code gen} may still be queued; holds lock. */
  private boolean acceptable(VideoFrame frame, long gen) {
    if (closed || gen != generation) {
      return false;
    }
    long endUs = frame.presentationTimeUs() + Math.max(1, frame.durationUs());
    return endUs > showFromUs;
  }

  private void insertInOrder(Queued q) {
    long pts = q.frame.presentationTimeUs();
    if (queue.isEmpty() || queue.peekLast().frame.presentationTimeUs() <= pts) {
      queue.addLast(q);
      return;
    }
    // Rare: a frame earlier than the last queued one. Rebuild in order.
    ArrayDeque<Queued> later = new ArrayDeque<>();
    while (!queue.isEmpty() && queue.peekLast().frame.presentationTimeUs() > pts) {
      later.addFirst(queue.removeLast());
    }
    queue.addLast(q);
    queue.addAll(later);
  }

  /**
   * The newest queued frame due by the clock, or null; older due frames are closed and counted as
   * dropped. The caller draws the returned frame and closes it.
   */
  @Override
  public @Nullable ShownFrame pickDue() {
    long nowUs = clock.positionUs();
    lock.lock();
    try {
      Queued head = queue.peekFirst();
      if (head == null) {
        return null;
      }
      Queued chosen = null;
      if (firstAfterFlush) {
        long durationUs =
            head.frame.durationUs() > 0 ? head.frame.durationUs() : FALLBACK_FRAME_DURATION_US;
        if (head.frame.presentationTimeUs() - nowUs < durationUs) {
          chosen = queue.removeFirst();
        }
      }
      Iterator<Queued> it = queue.iterator();
      while (it.hasNext()) {
        Queued q = it.next();
        if (q.frame.presentationTimeUs() > nowUs) {
          break;
        }
        it.remove();
        if (chosen != null) {
          chosen.frame.close();
          dropped++;
          droppedPerLevel[chosen.level]++;
        }
        chosen = q;
      }
      if (chosen == null) {
        return null;
      }
      firstAfterFlush = false;
      long ptsUs = chosen.frame.presentationTimeUs();
      long driftUs = nowUs - ptsUs;
      rendered++;
      renderedPerLevel[chosen.level]++;
      lastShownLevel = chosen.level;
      lastShownPtsUs = ptsUs;
      recordDrift(driftUs);
      notFull.signalAll();
      return new ShownFrame(chosen.frame, chosen.level, driftUs);
    } finally {
      lock.unlock();
    }
  }

  private void recordDrift(long driftUs) {
    if (driftCount == drifts.length) {
      if (drifts.length < MAX_PENDING_DRIFTS) {
        drifts = Arrays.copyOf(drifts, drifts.length * 2);
      } else {
        // Nobody drains: keep the newest half.
        int keep = drifts.length / 2;
        System.arraycopy(drifts, driftCount - keep, drifts, 0, keep);
        driftCount = keep;
      }
    }
    drifts[driftCount++] = driftUs;
  }

  /** Presentation time of the oldest queued frame; empty when none is queued. */
  public OptionalLong nextDueUs() {
    lock.lock();
    try {
      Queued head = queue.peekFirst();
      return head == null ? OptionalLong.empty() : OptionalLong.of(head.frame.presentationTimeUs());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes every queued frame (not counted), wakes a blocked {@link #offer}, and accepts from now
   * on frames of {@code generation} that end after {@code showFromUs}.
   */
  public void flush(long generation, long showFromUs) {
    lock.lock();
    try {
      this.generation = generation;
      this.showFromUs = showFromUs;
      firstAfterFlush = true;
      queuedEndUs = -1;
      closeQueued();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void closeQueued() {
    for (Queued q : queue) {
      q.frame.close();
    }
    queue.clear();
  }

  /**
   * Counts {@code frames} of {@code level} that the decoder could not turn into pictures (samples
   * skipped after a decode error until the next key frame) as dropped at that level, so that the
   * frame-drop cap of the heuristics sees a level that does not decode as it sees one that cannot
   * keep up. Any thread.
   *
   * @throws IllegalArgumentException if {@code level} is outside {@code 0..levelCount-1} or {@code
   *     frames} is negative
   */
  public void countUndecoded(int level, long frames) {
    if (level < 0 || level >= levelCount || frames < 0) {
      throw new IllegalArgumentException(
          "expected a level in 0.."
              + (levelCount - 1)
              + " and frames >= 0, was "
              + level
              + ", "
              + frames);
    }
    lock.lock();
    try {
      dropped += frames;
      droppedPerLevel[level] += frames;
    } finally {
      lock.unlock();
    }
  }

  /** A snapshot of the rendered and dropped counts. */
  public FrameCounters counters() {
    lock.lock();
    try {
      return new FrameCounters(rendered, dropped, renderedPerLevel, droppedPerLevel);
    } finally {
      lock.unlock();
    }
  }

  /** The drift (clock minus pts, in microseconds) of every frame picked since the last call. */
  public long[] drainDriftUs() {
    lock.lock();
    try {
      long[] out = Arrays.copyOf(drifts, driftCount);
      driftCount = 0;
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Level of the frame picked last; -1 before any. */
  public int lastShownLevel() {
    lock.lock();
    try {
      return lastShownLevel;
    } finally {
      lock.unlock();
    }
  }

  /** Presentation time of the frame picked last; -1 before any. */
  public long lastShownPtsUs() {
    lock.lock();
    try {
      return lastShownPtsUs;
    } finally {
      lock.unlock();
    }
  }

  /** End (pts + duration) of the frame queued last; -1 when none was queued since the flush. */
  public long queuedEndUs() {
    lock.lock();
    try {
      return queuedEndUs;
    } finally {
      lock.unlock();
    }
  }

  /** Frames waiting in the queue. */
  public int queuedFrames() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Closes the queued frames and wakes a blocked {@link #offer}; later offers return false. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      closeQueued();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
