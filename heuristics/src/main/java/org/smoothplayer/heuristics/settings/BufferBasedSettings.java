package org.smoothplayer.heuristics.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the buffer-based baseline (Huang et al. 2014, as run in Pensieve).
 *
 * @param reservoirS see {@link #RESERVOIR_S}
 * @param cushionS see {@link #CUSHION_S}
 */
public record BufferBasedSettings(double reservoirS, double cushionS) {
  /** Below this buffer the lowest level is chosen. */
  public static final SettingDescriptor RESERVOIR_S =
      new SettingDescriptor(
          "heuristics.bb.reservoirS",
          "Reservoir",
          "Below this buffer the lowest level is chosen.",
          "s",
          0.0,
          60.0,
          0.5,
          5.0);

  /** Buffer span over which the level rises linearly from lowest to highest. */
  public static final SettingDescriptor CUSHION_S =
      new SettingDescriptor(
          "heuristics.bb.cushionS",
          "Cushion",
          "Buffer span over which the level rises linearly from lowest to highest.",
          "s",
          0.5,
          120.0,
          0.5,
          10.0);

  /** All defaults. */
  public static final BufferBasedSettings DEFAULTS =
      new BufferBasedSettings(RESERVOIR_S.defaultValue(), CUSHION_S.defaultValue());

  /** Validates every value against its descriptor. */
  public BufferBasedSettings {
    RESERVOIR_S.check(reservoirS);
    CUSHION_S.check(cushionS);
  }

  /** The descriptors of this record, in declaration order. */
  public static List<SettingDescriptor> descriptors() {
    return List.of(RESERVOIR_S, CUSHION_S);
  }

  /** Values from a key map; missing keys take their default. */
  public static BufferBasedSettings from(Map<String, Double> values) {
    SettingValues v = new SettingValues(values);
    return new BufferBasedSettings(v.get(RESERVOIR_S), v.get(CUSHION_S));
  }

  /** The values keyed by dotted key. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(RESERVOIR_S.key(), reservoirS);
    m.put(CUSHION_S.key(), cushionS);
    return m;
  }
}
