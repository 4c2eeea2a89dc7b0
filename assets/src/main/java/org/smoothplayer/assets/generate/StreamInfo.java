package org.smoothplayer.assets.generate;

import java.util.List;

/**
 * One StreamIndex of the presentation.
 *
 * @param type {@code video} or {@code audio}
 * @param levels its quality levels, by index
 * @param fragments its fragments in time order
 */
public record StreamInfo(String type, List<LevelInfo> levels, List<FragmentInfo> fragments) {
  /** Copies the lists. */
  public StreamInfo {
    levels = List.copyOf(levels);
    fragments = List.copyOf(fragments);
  }

  /** Relative URL of a fragment, e.g. {@code QualityLevels(400000)/Fragments(video=20000000)}. */
  public String fragmentPath(LevelInfo level, FragmentInfo fragment) {
    return "QualityLevels("
        + level.bitrateBps()
        + ")/Fragments("
        + type
        + "="
        + fragment.startTicks()
        + ")";
  }
}
