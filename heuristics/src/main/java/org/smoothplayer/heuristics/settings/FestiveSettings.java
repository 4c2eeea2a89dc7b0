package org.smoothplayer.heuristics.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the FESTIVE baseline (Jiang, Sekar, Zhang, CoNEXT 2012): harmonic-mean throughput,
 * gradual switching and a delayed update that weighs stability against efficiency.
 *
 * @param window see {@link #WINDOW}
 * @param bandwidthFraction see {@link #BANDWIDTH_FRACTION}
 * @param efficiencyWeight see {@link #EFFICIENCY_WEIGHT}
 * @param stabilityWindowS see {@link #STABILITY_WINDOW_S}
 */
public record FestiveSettings(
    int window, double bandwidthFraction, double efficiencyWeight, double stabilityWindowS) {
  /** Recent transfers in the harmonic-mean bandwidth estimate. */
  public static final SettingDescriptor WINDOW =
      new SettingDescriptor(
          "heuristics.festive.window",
          "Throughput samples",
          "Recent transfers in the harmonic-mean bandwidth estimate.",
          "transfers",
          1.0,
          100.0,
          1.0,
          20.0);

  /** Share of the estimate the target level may use. */
  public static final SettingDescriptor BANDWIDTH_FRACTION =
      new SettingDescriptor(
          "heuristics.festive.bandwidthFraction",
          "Bandwidth fraction",
          "Share of the bandwidth estimate the target level may use.",
          "×",
          0.1,
          1.0,
          0.05,
          0.85);

  /** Weight of the efficiency cost against the stability cost (the paper's alpha). */
  public static final SettingDescriptor EFFICIENCY_WEIGHT =
      new SettingDescriptor(
          "heuristics.festive.efficiencyWeight",
          "Efficiency weight",
          "Weight of the efficiency cost against the stability cost (2 to the number of recent"
              + " switches) in the delayed update.",
          "×",
          0.0,
          100.0,
          1.0,
          12.0);

  /** Media time over which recent switches count towards the stability cost. */
  public static final SettingDescriptor STABILITY_WINDOW_S =
      new SettingDescriptor(
          "heuristics.festive.stabilityWindowS",
          "Stability window",
          "Media time of recent fragments whose level switches count in the stability cost.",
          "s",
          1.0,
          300.0,
          1.0,
          20.0);

  /** All defaults. */
  public static final FestiveSettings DEFAULTS =
      new FestiveSettings(
          WINDOW.defaultInt(),
          BANDWIDTH_FRACTION.defaultValue(),
          EFFICIENCY_WEIGHT.defaultValue(),
          STABILITY_WINDOW_S.defaultValue());

  /** Validates every value against its descriptor. */
  public FestiveSettings {
    WINDOW.check(window);
    BANDWIDTH_FRACTION.check(bandwidthFraction);
    EFFICIENCY_WEIGHT.check(efficiencyWeight);
    STABILITY_WINDOW_S.check(stabilityWindowS);
  }

  /** The descriptors of this record, in declaration order. */
  public static List<SettingDescriptor> descriptors() {
    return List.of(WINDOW, BANDWIDTH_FRACTION, EFFICIENCY_WEIGHT, STABILITY_WINDOW_S);
  }

  /** Values from a key map; missing keys take their default. */
  public static FestiveSettings from(Map<String, Double> values) {
    SettingValues v = new SettingValues(values);
    return new FestiveSettings(
        v.getInt(WINDOW),
        v.get(BANDWIDTH_FRACTION),
        v.get(EFFICIENCY_WEIGHT),
        v.get(STABILITY_WINDOW_S));
  }

  /** The values keyed by dotted key. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(WINDOW.key(), (double) window);
    m.put(BANDWIDTH_FRACTION.key(), bandwidthFraction);
    m.put(EFFICIENCY_WEIGHT.key(), efficiencyWeight);
    m.put(STABILITY_WINDOW_S.key(), stabilityWindowS);
    return m;
  }
}
