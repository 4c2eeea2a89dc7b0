package org.smoothplayer.heuristics.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the caps applied on top of every policy.
 *
 * @param frameDropThreshold see {@link #FRAME_DROP_THRESHOLD}
 * @param frameDropMinFrames see {@link #FRAME_DROP_MIN_FRAMES}
 * @param frameDropCooldownS see {@link #FRAME_DROP_COOLDOWN_S}
 * @param viewportFactor see {@link #VIEWPORT_FACTOR}
 */
public record CapSettings(
    double frameDropThreshold,
    int frameDropMinFrames,
    double frameDropCooldownS,
    double viewportFactor) {
  /** Dropped share of frames above which a level (and all above it) is excluded. */
  public static final SettingDescriptor FRAME_DROP_THRESHOLD =
      new SettingDescriptor(
          "heuristics.caps.frameDropThreshold",
          "Frame-drop threshold",
          "Dropped share of frames above which a level (and all above it) is excluded.",
          "ratio",
          0.01,
          1.0,
          0.01,
          0.15);

  /** Frames that must have been played at a level before its drop ratio counts. */
  public static final SettingDescriptor FRAME_DROP_MIN_FRAMES =
      new SettingDescriptor(
          "heuristics.caps.frameDropMinFrames",
          "Frames to judge",
          "Frames that must have been played at a level before its drop ratio counts.",
          "frames",
          1.0,
          10000.0,
          1.0,
          20.0);

  /** Time after the last observed drop before an excluded level may be tried again. */
  public static final SettingDescriptor FRAME_DROP_COOLDOWN_S =
      new SettingDescriptor(
          "heuristics.caps.frameDropCooldownS",
          "Frame-drop cool-down",
          "Time after the last observed drop before an excluded level may be tried again.",
          "s",
          0.0,
          3600.0,
          1.0,
          120.0);

  /** How much larger than the surface (per dimension) a level may be. */
  public static final SettingDescriptor VIEWPORT_FACTOR =
      new SettingDescriptor(
          "heuristics.caps.viewportFactor",
          "Viewport slack",
          "How much larger than the surface (per dimension) a level may be.",
          "×",
          1.0,
          8.0,
          0.05,
          1.5);

  /** All defaults. */
  public static final CapSettings DEFAULTS =
      new CapSettings(
          FRAME_DROP_THRESHOLD.defaultValue(),
          FRAME_DROP_MIN_FRAMES.defaultInt(),
          FRAME_DROP_COOLDOWN_S.defaultValue(),
          VIEWPORT_FACTOR.defaultValue());

  /** Validates every value against its descriptor. */
  public CapSettings {
    FRAME_DROP_THRESHOLD.check(frameDropThreshold);
    FRAME_DROP_MIN_FRAMES.check(frameDropMinFrames);
    FRAME_DROP_COOLDOWN_S.check(frameDropCooldownS);
    VIEWPORT_FACTOR.check(viewportFactor);
  }

  /** The descriptors of this record, in declaration order. */
  public static List<SettingDescriptor> descriptors() {
    return List.of(
        FRAME_DROP_THRESHOLD, FRAME_DROP_MIN_FRAMES, FRAME_DROP_COOLDOWN_S, VIEWPORT_FACTOR);
  }

  /** Values from a key map; missing keys take their default. */
  public static CapSettings from(Map<String, Double> values) {
    SettingValues v = new SettingValues(values);
    return new CapSettings(
        v.get(FRAME_DROP_THRESHOLD),
        v.getInt(FRAME_DROP_MIN_FRAMES),
        v.get(FRAME_DROP_COOLDOWN_S),
        v.get(VIEWPORT_FACTOR));
  }

  /** The values keyed by dotted key. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(FRAME_DROP_THRESHOLD.key(), frameDropThreshold);
    m.put(FRAME_DROP_MIN_FRAMES.key(), (double) frameDropMinFrames);
    m.put(FRAME_DROP_COOLDOWN_S.key(), frameDropCooldownS);
    m.put(VIEWPORT_FACTOR.key(), viewportFactor);
    return m;
  }
}
