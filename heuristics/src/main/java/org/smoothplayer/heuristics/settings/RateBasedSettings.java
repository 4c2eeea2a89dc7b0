package org.smoothplayer.heuristics.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the rate-based baseline (harmonic mean of recent throughput).
 *
 * @param window see {@link #WINDOW}
 */
public record RateBasedSettings(int window) {
  /** Number of most recent transfers in the harmonic mean. */
  public static final SettingDescriptor WINDOW =
      new SettingDescriptor(
          "heuristics.rb.window",
          "Samples",
          "Number of most recent transfers in the harmonic mean.",
          "transfers",
          1.0,
          50.0,
          1.0,
          5.0);

  /** All defaults. */
  public static final RateBasedSettings DEFAULTS = new RateBasedSettings(WINDOW.defaultInt());

  /** Validates every value against its descriptor. */
  public RateBasedSettings {
    WINDOW.check(window);
  }

  /** The descriptors of this record, in declaration order. */
  public static List<SettingDescriptor> descriptors() {
    return List.of(WINDOW);
  }

  /** Values from a key map; missing keys take their default. */
  public static RateBasedSettings from(Map<String, Double> values) {
    SettingValues v = new SettingValues(values);
    return new RateBasedSettings(v.getInt(WINDOW));
  }

  /** The values keyed by dotted key. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(WINDOW.key(), (double) window);
    return m;
  }
}
