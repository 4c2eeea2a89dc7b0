package org.smoothplayer.app.engine;

import java.util.Arrays;
import org.smoothplayer.app.manifest.Chunk;
import org.smoothplayer.app.manifest.ChunkTimeline;
import org.smoothplayer.app.manifest.Ticks;

/**
 * The fragments of one stream as the engine knows them: from the manifest, and for live streams
 * grown from each fragment's tfrf look-ahead entries and from refreshed manifests. Fragments are
 * kept in time order without overlaps; indices never change once given (new fragments are only
 * appended). Confined to the playback loop thread.
 */
final class TrackTimeline {
  /** Duration assumed for a fragment whose duration nobody announced yet. */
  static final long UNKNOWN_DURATION_FALLBACK_US = 2_000_000;

  private final long timeScale;
  private long[] startTicks = new long[16];
  private long[] durationTicks = new long[16];
  private int count;

  TrackTimeline(long timeScale) {
    if (timeScale <= 0) {
      throw new IllegalArgumentException("time scale: expected > 0 but was " + timeScale);
    }
    this.timeScale = timeScale;
  }

  /** The fragments of a manifest timeline. */
  static TrackTimeline of(ChunkTimeline timeline) {
    TrackTimeline t = new TrackTimeline(timeline.timeScale());
    t.merge(timeline);
    return t;
  }

  long timeScale() {
    return timeScale;
  }

  int count() {
    return count;
  }

  /** Appends the fragments of {@code timeline} that start at or after the current end. */
  int merge(ChunkTimeline timeline) {
    int added = 0;
    for (int i = 0; i < timeline.chunkCount(); i++) {
      Chunk c = timeline.chunk(i);
      if (add(c.startTicks(), c.durationKnown() ? c.durationTicks() : 0)) {
        added++;
      }
    }
    return added;
  }

  /**
   * Adds the fragment starting at {@code start} (ticks) lasting {@code duration} ticks (0 when not
   * known yet). A fragment already known is ignored, except that a known duration replaces an
   * unknown one; a fragment starting before the end of the known ones is ignored.
   *
   * @return true when a new fragment was appended
   */
  boolean add(long start, long duration) {
    if (duration < 0) {
      return false;
    }
    if (count > 0) {
      int last = count - 1;
      if (start == startTicks[last]) {
        if (durationTicks[last] == 0 && duration > 0) {
          durationTicks[last] = duration;
        }
        return false;
      }
      if (start < startTicks[last]) {
        return false;
      }
      if (durationTicks[last] == 0) {
        // The next start tells the previous duration.
        durationTicks[last] = start - startTicks[last];
      } else if (start < startTicks[last] + durationTicks[last]) {
        return false;
      }
    }
    if (count == startTicks.length) {
      startTicks = Arrays.copyOf(startTicks, count * 2);
      durationTicks = Arrays.copyOf(durationTicks, count * 2);
    }
    startTicks[count] = start;
    durationTicks[count] = duration;
    count++;
    return true;
  }

  /** Fragment {@code i}. */
  FragmentRef fragment(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("fragment " + i + " of " + count);
    }
    long startUs = Ticks.toUs(startTicks[i], timeScale);
    long endUs;
    if (durationTicks[i] > 0) {
      endUs = Ticks.toUs(startTicks[i] + durationTicks[i], timeScale);
    } else if (i > 0) {
      endUs = startUs + Math.max(1, startUs - Ticks.toUs(startTicks[i - 1], timeScale));
    } else {
      endUs = startUs + UNKNOWN_DURATION_FALLBACK_US;
    }
    return new FragmentRef(i, startTicks[i], durationTicks[i], startUs, endUs);
  }

  /** Start of the first fragment, microseconds (0 when empty). */
  long startUs() {
    return count == 0 ? 0 : Ticks.toUs(startTicks[0], timeScale);
  }

  /** End of the last fragment, microseconds (0 when empty). */
  long endUs() {
    return count == 0 ? 0 : fragment(count - 1).endUs();
  }

  /**
   * The index of the fragment holding {@code timeUs}: the last one starting at or before it; 0 when
   * it is before the first.
   */
  int indexOf(long timeUs) {
    int lo = 0;
    int hi = count - 1;
    int found = 0;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (Ticks.toUs(startTicks[mid], timeScale) <= timeUs) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** The index of the fragment starting exactly at {@code start} (ticks); -1 when none does. */
  int indexOfStart(long start) {
    int i = Arrays.binarySearch(startTicks, 0, count, start);
    return i >= 0 ? i : -1;
  }

  /** Forgets every fragment (an origin restart). */
  void clear() {
    count = 0;
  }
}
