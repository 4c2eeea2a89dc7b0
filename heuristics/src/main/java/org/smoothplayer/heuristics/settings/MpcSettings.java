package org.smoothplayer.heuristics.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings shared by MPC and robustMPC (Yin et al. 2015, as run in Pensieve).
 *
 * @param horizon see {@link #HORIZON}
 * @param window see {@link #WINDOW}
 * @param errorWindow see {@link #ERROR_WINDOW}
 * @param stallPenaltyPerS see {@link #STALL_PENALTY_PER_S}
 */
public record MpcSettings(int horizon, int window, int errorWindow, double stallPenaltyPerS) {
  /** Number of future fragments whose level sequences are enumerated. */
  public static final SettingDescriptor HORIZON =
      new SettingDescriptor(
          "heuristics.mpc.horizon",
          "Horizon",
          "Number of future fragments whose level sequences are enumerated.",
          "fragments",
          1.0,
          6.0,
          1.0,
          5.0);

  /** Number of recent transfers in the harmonic-mean prediction. */
  public static final SettingDescriptor WINDOW =
      new SettingDescriptor(
          "heuristics.mpc.window",
          "Throughput samples",
          "Number of recent transfers in the harmonic-mean prediction.",
          "transfers",
          1.0,
          50.0,
          1.0,
          5.0);

  /** Number of recent prediction errors whose maximum discounts the prediction (robustMPC). */
  public static final SettingDescriptor ERROR_WINDOW =
      new SettingDescriptor(
          "heuristics.mpc.errorWindow",
          "Error samples",
          "Number of recent prediction errors whose maximum discounts the prediction (robustMPC).",
          "transfers",
          1.0,
          50.0,
          1.0,
          5.0);

  /** Score lost per second of predicted stall, in Mbps-equivalents. */
  public static final SettingDescriptor STALL_PENALTY_PER_S =
      new SettingDescriptor(
          "heuristics.mpc.stallPenaltyPerS",
          "Stall penalty",
          "Score lost per second of predicted stall, in Mbps-equivalents.",
          "1/s",
          0.0,
          100.0,
          0.1,
          4.3);

  /** All defaults. */
  public static final MpcSettings DEFAULTS =
      new MpcSettings(
          HORIZON.defaultInt(),
          WINDOW.defaultInt(),
          ERROR_WINDOW.defaultInt(),
          STALL_PENALTY_PER_S.defaultValue());

  /** Validates every value against its descriptor. */
  public MpcSettings {
    HORIZON.check(horizon);
    WINDOW.check(window);
    ERROR_WINDOW.check(errorWindow);
    STALL_PENALTY_PER_S.check(stallPenaltyPerS);
  }

  /** The descriptors of this record, in declaration order. */
  public static List<SettingDescriptor> descriptors() {
    return List.of(HORIZON, WINDOW, ERROR_WINDOW, STALL_PENALTY_PER_S);
  }

  /** Values from a key map; missing keys take their default. */
  public static MpcSettings from(Map<String, Double> values) {
    SettingValues v = new SettingValues(values);
    return new MpcSettings(
        v.getInt(HORIZON), v.getInt(WINDOW), v.getInt(ERROR_WINDOW), v.get(STALL_PENALTY_PER_S));
  }

  /** The values keyed by dotted key. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(HORIZON.key(), (double) horizon);
    m.put(WINDOW.key(), (double) window);
    m.put(ERROR_WINDOW.key(), (double) errorWindow);
    m.put(STALL_PENALTY_PER_S.key(), stallPenaltyPerS);
    return m;
  }
}
