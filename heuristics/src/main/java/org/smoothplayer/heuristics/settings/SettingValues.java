package org.smoothplayer.heuristics.settings;

import java.util.Map;

/** Reads values by descriptor from a key/value map, falling back to the descriptor's default. */
final class SettingValues {
  private final Map<String, Double> values;

  SettingValues(Map<String, Double> values) {
    this.values = values;
  }

  double get(SettingDescriptor d) {
    Double v = values.get(d.key());
    return v == null ? d.defaultValue() : v;
  }

  int getInt(SettingDescriptor d) {
    double v = get(d);
    if (!Double.isFinite(v)) {
      d.check(v); // out of every range: named as given, not as the int it would be cast to
    }
    if (v != Math.rint(v)) {
      throw new InvalidSettingException(d.key(), "a whole number", v);
    }
    return (int) v;
  }
}
