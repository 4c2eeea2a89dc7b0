package org.smoothplayer.heuristics.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of Media3 AdaptiveTrackSelection with its default bandwidth meter.
 *
 * @param bandwidthFraction see {@link #BANDWIDTH_FRACTION}
 * @param minBufferForIncreaseS see {@link #MIN_BUFFER_FOR_INCREASE_S}
 * @param maxBufferForDecreaseS see {@link #MAX_BUFFER_FOR_DECREASE_S}
 * @param maxWeight see {@link #MAX_WEIGHT}
 * @param percentile see {@link #PERCENTILE}
 */
public record Media3Settings(
    double bandwidthFraction,
    double minBufferForIncreaseS,
    double maxBufferForDecreaseS,
    double maxWeight,
    double percentile) {
  /** Share of the bandwidth estimate a level may use. */
  public static final SettingDescriptor BANDWIDTH_FRACTION =
      new SettingDescriptor(
          "heuristics.media3.bandwidthFraction",
          "Bandwidth fraction",
          "Share of the bandwidth estimate a level may use.",
          "×",
          0.1,
          1.0,
          0.05,
          0.7);

  /** Buffer needed before switching to a higher level. */
  public static final SettingDescriptor MIN_BUFFER_FOR_INCREASE_S =
      new SettingDescriptor(
          "heuristics.media3.minBufferForIncreaseS",
          "Buffer to switch up",
          "Buffer needed before switching to a higher level.",
          "s",
          0.0,
          120.0,
          0.5,
          10.0);

  /** Buffer at or above which a higher current level is kept. */
  public static final SettingDescriptor MAX_BUFFER_FOR_DECREASE_S =
      new SettingDescriptor(
          "heuristics.media3.maxBufferForDecreaseS",
          "Buffer to hold level",
          "Buffer at or above which a higher current level is kept.",
          "s",
          0.0,
          120.0,
          0.5,
          25.0);

  /** Total sqrt(bytes) weight kept by the sliding percentile bandwidth meter. */
  public static final SettingDescriptor MAX_WEIGHT =
      new SettingDescriptor(
          "heuristics.media3.maxWeight",
          "Meter weight",
          "Total sqrt(bytes) weight kept by the sliding percentile bandwidth meter.",
          "√B",
          10.0,
          100000.0,
          10.0,
          2000.0);

  /** Weighted percentile of per-transfer bit rates used as the estimate. */
  public static final SettingDescriptor PERCENTILE =
      new SettingDescriptor(
          "heuristics.media3.percentile",
          "Meter percentile",
          "Weighted percentile of per-transfer bit rates used as the estimate.",
          "quantile",
          0.05,
          0.95,
          0.05,
          0.5);

  /** All defaults. */
  public static final Media3Settings DEFAULTS =
      new Media3Settings(
          BANDWIDTH_FRACTION.defaultValue(),
          MIN_BUFFER_FOR_INCREASE_S.defaultValue(),
          MAX_BUFFER_FOR_DECREASE_S.defaultValue(),
          MAX_WEIGHT.defaultValue(),
          PERCENTILE.defaultValue());

  /** Validates every value against its descriptor. */
  public Media3Settings {
    BANDWIDTH_FRACTION.check(bandwidthFraction);
    MIN_BUFFER_FOR_INCREASE_S.check(minBufferForIncreaseS);
    MAX_BUFFER_FOR_DECREASE_S.check(maxBufferForDecreaseS);
    MAX_WEIGHT.check(maxWeight);
    PERCENTILE.check(percentile);
  }

  /** The descriptors of this record, in declaration order. */
  public static List<SettingDescriptor> descriptors() {
    return List.of(
        BANDWIDTH_FRACTION,
        MIN_BUFFER_FOR_INCREASE_S,
        MAX_BUFFER_FOR_DECREASE_S,
        MAX_WEIGHT,
        PERCENTILE);
  }

  /** Values from a key map; missing keys take their default. */
  public static Media3Settings from(Map<String, Double> values) {
    SettingValues v = new SettingValues(values);
    return new Media3Settings(
        v.get(BANDWIDTH_FRACTION),
        v.get(MIN_BUFFER_FOR_INCREASE_S),
        v.get(MAX_BUFFER_FOR_DECREASE_S),
        v.get(MAX_WEIGHT),
        v.get(PERCENTILE));
  }

  /** The values keyed by dotted key. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(BANDWIDTH_FRACTION.key(), bandwidthFraction);
    m.put(MIN_BUFFER_FOR_INCREASE_S.key(), minBufferForIncreaseS);
    m.put(MAX_BUFFER_FOR_DECREASE_S.key(), maxBufferForDecreaseS);
    m.put(MAX_WEIGHT.key(), maxWeight);
    m.put(PERCENTILE.key(), percentile);
    return m;
  }
}
