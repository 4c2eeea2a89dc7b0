package org.smoothplayer.heuristics.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of BOLA-E as in dash.js.
 *
 * @param minimumBufferS see {@link #MINIMUM_BUFFER_S}
 * @param bufferPerLevelS see {@link #BUFFER_PER_LEVEL_S}
 * @param stableBufferS see {@link #STABLE_BUFFER_S}
 * @param placeholderDecay see {@link #PLACEHOLDER_DECAY}
 * @param throughputSafety see {@link #THROUGHPUT_SAFETY}
 * @param fastHalfLifeS see {@link #FAST_HALF_LIFE_S}
 * @param slowHalfLifeS see {@link #SLOW_HALF_LIFE_S}
 */
public record BolaSettings(
    double minimumBufferS,
    double bufferPerLevelS,
    double stableBufferS,
    double placeholderDecay,
    double throughputSafety,
    double fastHalfLifeS,
    double slowHalfLifeS) {
  /** Buffer below which BOLA never prefers a higher level than the lowest. */
  public static final SettingDescriptor MINIMUM_BUFFER_S =
      new SettingDescriptor(
          "heuristics.bola.minimumBufferS",
          "Minimum buffer",
          "Buffer below which BOLA never prefers a higher level than the lowest.",
          "s",
          1.0,
          60.0,
          0.5,
          10.0);

  /** Extra target buffer per ladder level. */
  public static final SettingDescriptor BUFFER_PER_LEVEL_S =
      new SettingDescriptor(
          "heuristics.bola.bufferPerLevelS",
          "Buffer per level",
          "Extra target buffer per ladder level.",
          "s",
          0.0,
          20.0,
          0.5,
          2.0);

  /** Lower bound of the buffer target. */
  public static final SettingDescriptor STABLE_BUFFER_S =
      new SettingDescriptor(
          "heuristics.bola.stableBufferS",
          "Stable buffer",
          "Lower bound of the buffer target.",
          "s",
          2.0,
          120.0,
          0.5,
          18.0);

  /** Factor the virtual placeholder buffer is multiplied by at each decision. */
  public static final SettingDescriptor PLACEHOLDER_DECAY =
      new SettingDescriptor(
          "heuristics.bola.placeholderDecay",
          "Placeholder decay",
          "Factor the virtual placeholder buffer is multiplied by at each decision.",
          "×",
          0.0,
          1.0,
          0.01,
          0.99);

  /** Share of the throughput estimate considered sustainable (start-up and BOLA-O). */
  public static final SettingDescriptor THROUGHPUT_SAFETY =
      new SettingDescriptor(
          "heuristics.bola.throughputSafety",
          "Throughput safety",
          "Share of the throughput estimate considered sustainable (start-up and BOLA-O).",
          "×",
          0.1,
          1.0,
          0.05,
          0.9);

  /** Half-life of the fast throughput average, in seconds of transfer. */
  public static final SettingDescriptor FAST_HALF_LIFE_S =
      new SettingDescriptor(
          "heuristics.bola.fastHalfLifeS",
          "Fast half-life",
          "Half-life of the fast throughput average, in seconds of transfer.",
          "s",
          0.5,
          60.0,
          0.5,
          3.0);

  /** Half-life of the slow throughput average, in seconds of transfer. */
  public static final SettingDescriptor SLOW_HALF_LIFE_S =
      new SettingDescriptor(
          "heuristics.bola.slowHalfLifeS",
          "Slow half-life",
          "Half-life of the slow throughput average, in seconds of transfer.",
          "s",
          0.5,
          120.0,
          0.5,
          8.0);

  /** All defaults. */
  public static final BolaSettings DEFAULTS =
      new BolaSettings(
          MINIMUM_BUFFER_S.defaultValue(),
          BUFFER_PER_LEVEL_S.defaultValue(),
          STABLE_BUFFER_S.defaultValue(),
          PLACEHOLDER_DECAY.defaultValue(),
          THROUGHPUT_SAFETY.defaultValue(),
          FAST_HALF_LIFE_S.defaultValue(),
          SLOW_HALF_LIFE_S.defaultValue());

  /** Validates every value against its descriptor. */
  public BolaSettings {
    MINIMUM_BUFFER_S.check(minimumBufferS);
    BUFFER_PER_LEVEL_S.check(bufferPerLevelS);
    STABLE_BUFFER_S.check(stableBufferS);
    PLACEHOLDER_DECAY.check(placeholderDecay);
    THROUGHPUT_SAFETY.check(throughputSafety);
    FAST_HALF_LIFE_S.check(fastHalfLifeS);
    SLOW_HALF_LIFE_S.check(slowHalfLifeS);
  }

  /** The descriptors of this record, in declaration order. */
  public static List<SettingDescriptor> descriptors() {
    return List.of(
        MINIMUM_BUFFER_S,
        BUFFER_PER_LEVEL_S,
        STABLE_BUFFER_S,
        PLACEHOLDER_DECAY,
        THROUGHPUT_SAFETY,
        FAST_HALF_LIFE_S,
        SLOW_HALF_LIFE_S);
  }

  /** Values from a key map; missing keys take their default. */
  public static BolaSettings from(Map<String, Double> values) {
    SettingValues v = new SettingValues(values);
    return new BolaSettings(
        v.get(MINIMUM_BUFFER_S),
        v.get(BUFFER_PER_LEVEL_S),
        v.get(STABLE_BUFFER_S),
        v.get(PLACEHOLDER_DECAY),
        v.get(THROUGHPUT_SAFETY),
        v.get(FAST_HALF_LIFE_S),
        v.get(SLOW_HALF_LIFE_S));
  }

  /** The values keyed by dotted key. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(MINIMUM_BUFFER_S.key(), minimumBufferS);
    m.put(BUFFER_PER_LEVEL_S.key(), bufferPerLevelS);
    m.put(STABLE_BUFFER_S.key(), stableBufferS);
    m.put(PLACEHOLDER_DECAY.key(), placeholderDecay);
    m.put(THROUGHPUT_SAFETY.key(), throughputSafety);
    m.put(FAST_HALF_LIFE_S.key(), fastHalfLifeS);
    m.put(SLOW_HALF_LIFE_S.key(), slowHalfLifeS);
    return m;
  }
}
