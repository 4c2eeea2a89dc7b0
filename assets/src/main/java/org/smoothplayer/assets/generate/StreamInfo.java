package org.smoothplayer.assets.generate;

import java.util.List;
import java.util.Objects;

/**
 * One StreamIndex of the presentation.
 *
 * <p>Files written before text streams existed have no {@code name}, {@code subtype}, {@code
 * language} or {@code cues}: they read as the type, empty text and no cues.
 *
 * @param type {@code video}, {@code audio} or {@code text}
 * @param name the StreamIndex Name, also the stream name in fragment URLs ({@code video}, {@code
 *     audio}, {@code textstream_eng})
 * @param subtype the StreamIndex Subtype ({@code CAPT} for captions), empty when there is none
 * @param language the StreamIndex Language ({@code eng}), empty when there is none
 * @param levels its quality levels, by index
 * @param fragments its fragments in time order
 * @param cues text streams: every cue of every fragment, in fragment order and by start within a
 *     fragment; empty for video and audio
 */
public record StreamInfo(
    String type,
    String name,
    String subtype,
    String language,
    List<LevelInfo> levels,
    List<FragmentInfo> fragments,
    List<CueInfo> cues) {
  /** Copies the lists; a missing name is the type, missing texts and cues are empty. */
  public StreamInfo {
    name = Objects.requireNonNullElse(name, type);
    subtype = Objects.requireNonNullElse(subtype, "");
    language = Objects.requireNonNullElse(language, "");
    levels = List.copyOf(levels);
    fragments = List.copyOf(fragments);
    cues = List.copyOf(Objects.requireNonNullElse(cues, List.of()));
  }

  /** A video or audio stream: named after its type, no subtype, language or cues. */
  public StreamInfo(String type, List<LevelInfo> levels, List<FragmentInfo> fragments) {
    this(type, type, "", "", levels, fragments, List.of());
  }

  /**
   * Relative URL of a fragment, e.g. {@code QualityLevels(400000)/Fragments(video=20000000)} or
   * {@code QualityLevels(1000)/Fragments(textstream_eng=20000000)}.
   */
  public String fragmentPath(LevelInfo level, FragmentInfo fragment) {
    return "QualityLevels("
        + level.bitrateBps()
        + ")/Fragments("
        + name
        + "="
        + fragment.startTicks()
        + ")";
  }
}
