package org.smoothplayer.heuristics.caps;

import java.util.LinkedHashMap;
import java.util.Map;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.FrameStats;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.Level;
import org.smoothplayer.heuristics.Viewport;
import org.smoothplayer.heuristics.settings.CapSettings;

/** Pure computation of the level ceilings imposed by frame drops, the viewport and the user. */
public final class Caps {
  private Caps() {}

  /**
   * Frame-drop cap: the highest level below the lowest level whose dropped-frame ratio exceeds the
   * threshold (over at least the minimum number of frames), while less than the cool-down has
   * passed since drops were last observed there. The ladder top when no level is excluded.
   */
  public static int frameDropCeiling(AbrInput input, CapSettings settings) {
    int ceiling = input.ladder().top();
    for (int level = input.ladder().top(); level >= 0; level--) {
      FrameStats f = input.framesPerLevel().get(level);
      boolean excluded =
          f.totalFrames() >= settings.frameDropMinFrames()
              && f.dropRatio() > settings.frameDropThreshold()
              && input.nowS() - f.lastDropObservedAtS() < settings.frameDropCooldownS();
      if (excluded) {
        ceiling = Math.max(0, level - 1);
      }
    }
    return ceiling;
  }

  /**
   * Viewport cap: the highest level whose width and height are within {@code viewportFactor} times
   * the surface; levels without a resolution are never excluded; level 0 is always allowed.
   */
  public static int viewportCeiling(AbrInput input, CapSettings settings) {
    Ladder ladder = input.ladder();
    if (input.viewport().isEmpty()) {
      return ladder.top();
    }
    Viewport v = input.viewport().get();
    int ceiling = 0;
    for (int level = 0; level <= ladder.top(); level++) {
      Level l = ladder.levels().get(level);
      boolean unknown = l.widthPx() == 0 || l.heightPx() == 0;
      boolean fits =
          l.widthPx() <= v.widthPx() * settings.viewportFactor()
              && l.heightPx() <= v.heightPx() * settings.viewportFactor();
      if (unknown || fits) {
        ceiling = level;
      }
    }
    return ceiling;
  }

  /** The user's manual cap, or the ladder top. */
  public static int manualCeiling(AbrInput input) {
    return input.manualCapLevel().orElse(input.ladder().top());
  }

  /** All ceilings by name, in a fixed order, plus their minimum under {@code "ceiling"}. */
  public static Map<String, Integer> ceilings(AbrInput input, CapSettings settings) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("frame-drop", frameDropCeiling(input, settings));
    m.put("viewport", viewportCeiling(input, settings));
    m.put("manual", manualCeiling(input));
    m.put("input", input.levelCeiling());
    int min = Integer.MAX_VALUE;
    for (int c : m.values()) {
      min = Math.min(min, c);
    }
    m.put("ceiling", min);
    return m;
  }
}
