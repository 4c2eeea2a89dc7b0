package org.smoothplayer.heuristics.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of dash.js DYNAMIC (throughput rule at low buffer, BOLA at high buffer).
 *
 * @param bolaOnBufferS see {@link #BOLA_ON_BUFFER_S}
 * @param bolaOffBufferS see {@link #BOLA_OFF_BUFFER_S}
 * @param insufficientBufferSafety see {@link #INSUFFICIENT_BUFFER_SAFETY}
 */
public record DynamicSettings(
    double bolaOnBufferS, double bolaOffBufferS, double insufficientBufferSafety) {
  /** Buffer at or above which BOLA takes over. */
  public static final SettingDescriptor BOLA_ON_BUFFER_S =
      new SettingDescriptor(
          "heuristics.dashjs.bolaOnBufferS",
          "BOLA from",
          "Buffer at or above which BOLA takes over.",
          "s",
          1.0,
          120.0,
          0.5,
          18.0);

  /** Buffer below which the throughput rule takes over again. */
  public static final SettingDescriptor BOLA_OFF_BUFFER_S =
      new SettingDescriptor(
          "heuristics.dashjs.bolaOffBufferS",
          "Throughput below",
          "Buffer below which the throughput rule takes over again.",
          "s",
          0.0,
          120.0,
          0.5,
          9.0);

  /** Share of throughput × buffer / fragment duration allowed by the insufficient-buffer cap. */
  public static final SettingDescriptor INSUFFICIENT_BUFFER_SAFETY =
      new SettingDescriptor(
          "heuristics.dashjs.insufficientBufferSafety",
          "Insufficient-buffer safety",
          "Share of throughput × buffer / fragment duration allowed by the insufficient-buffer cap.",
          "×",
          0.1,
          1.0,
          0.05,
          0.7);

  /** All defaults. */
  public static final DynamicSettings DEFAULTS =
      new DynamicSettings(
          BOLA_ON_BUFFER_S.defaultValue(),
          BOLA_OFF_BUFFER_S.defaultValue(),
          INSUFFICIENT_BUFFER_SAFETY.defaultValue());

  /** Validates every value against its descriptor. */
  public DynamicSettings {
    BOLA_ON_BUFFER_S.check(bolaOnBufferS);
    BOLA_OFF_BUFFER_S.check(bolaOffBufferS);
    INSUFFICIENT_BUFFER_SAFETY.check(insufficientBufferSafety);
  }

  /** The descriptors of this record, in declaration order. */
  public static List<SettingDescriptor> descriptors() {
    return List.of(BOLA_ON_BUFFER_S, BOLA_OFF_BUFFER_S, INSUFFICIENT_BUFFER_SAFETY);
  }

  /** Values from a key map; missing keys take their default. */
  public static DynamicSettings from(Map<String, Double> values) {
    SettingValues v = new SettingValues(values);
    return new DynamicSettings(
        v.get(BOLA_ON_BUFFER_S), v.get(BOLA_OFF_BUFFER_S), v.get(INSUFFICIENT_BUFFER_SAFETY));
  }

  /** The values keyed by dotted key. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(BOLA_ON_BUFFER_S.key(), bolaOnBufferS);
    m.put(BOLA_OFF_BUFFER_S.key(), bolaOffBufferS);
    m.put(INSUFFICIENT_BUFFER_SAFETY.key(), insufficientBufferSafety);
    return m;
  }
}
