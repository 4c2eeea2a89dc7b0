package org.smoothplayer.app.engine;

import java.util.ArrayDeque;

/**
 * Audio-only: the start and level of each audio fragment handed to the decoder since the last
 * flush, oldest first, so the level heard at a position is known (what the engine reports as the
 * level shown). Playback loop thread only.
 */
final class HeardLevels {
  // {startUs, level} per fragment, in decoding order (ascending start).
  private final ArrayDeque<long[]> fragments = new ArrayDeque<>();

  /** A fragment starting at {@code startUs}, of {@code level}, went to the decoder. */
  void add(long startUs, int level) {
    fragments.addLast(new long[] {startUs, level});
  }

  /** Everything decoded was flushed (a seek, a restart, another audio track). */
  void clear() {
    fragments.clear();
  }

  /**
   * The level of the last fragment that starts at or before {@code positionUs}, -1 when none does;
   * the fragments before that one are forgotten.
   */
  int at(long positionUs) {
    long[] heard;
    while ((heard = fragments.pollFirst()) != null) {
      long[] next = fragments.peekFirst();
      if (next == null || next[0] > positionUs) {
        fragments.addFirst(heard);
        break;
      }
    }
    return heard != null && heard[0] <= positionUs ? (int) heard[1] : -1;
  }
}
