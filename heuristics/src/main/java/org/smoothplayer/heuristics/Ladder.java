package org.smoothplayer.heuristics;

import java.util.ArrayList;
import java.util.List;

/**
 * The quality levels of one video stream, lowest bitrate first (index 0).
 *
 * @param levels at least one level, strictly increasing bitrate
 */
public record Ladder(List<Level> levels) {
  /** Validates and copies the levels. */
  public Ladder {
    levels = List.copyOf(levels);
    if (levels.isEmpty()) {
      throw new InvalidInputException("levels", "at least one level", "none");
    }
    for (int i = 1; i < levels.size(); i++) {
      if (levels.get(i).bitrateBps() <= levels.get(i - 1).bitrateBps()) {
        throw new InvalidInputException(
            "levels[" + i + "].bitrateBps",
            "strictly above level " + (i - 1) + " (" + levels.get(i - 1).bitrateBps() + ")",
            levels.get(i).bitrateBps());
      }
    }
  }

  /** A ladder from bitrates in kbps without resolutions. */
  public static Ladder ofKbps(double... kbps) {
    List<Level> list = new ArrayList<>();
    for (double k : kbps) {
      list.add(new Level(Math.round(k * 1000), 0, 0));
    }
    return new Ladder(list);
  }

  /** Number of levels. */
  public int size() {
    return levels.size();
  }

  /** Index of the top level. */
  public int top() {
    return levels.size() - 1;
  }

  /** Bitrate of level {@code i} in bits per second. */
  public long bitrateBps(int i) {
    return levels.get(i).bitrateBps();
  }

  /** Bitrate of level {@code i} in kbps. */
  public double bitrateKbps(int i) {
    return levels.get(i).bitrateKbps();
  }

  /** Highest level whose bitrate is at most {@code bps} (level 0 when none fits). */
  public int highestAtMost(double bps, int maxLevel) {
    int best = 0;
    for (int i = 0; i <= Math.min(maxLevel, top()); i++) {
      if (bitrateBps(i) <= bps) {
        best = i;
      }
    }
    return best;
  }
}
