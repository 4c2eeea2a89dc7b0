package org.smoothplayer.heuristics.settings;

/**
 * One tunable of the heuristics: everything a settings panel, a config file and the docs need.
 *
 * @param key dotted key, e.g. {@code heuristics.default.horizon}
 * @param label short human label
 * @param description one sentence
 * @param unit unit symbol ("s", "×", "fragments", "bit/s" ...)
 * @param min smallest accepted value
 * @param max largest accepted value
 * @param step UI step (1 for integers)
 * @param defaultValue the default, declared only here
 */
public record SettingDescriptor(
    String key,
    String label,
    String description,
    String unit,
    double min,
    double max,
    double step,
    double defaultValue) {

  /** Checks the descriptor is self-consistent. */
  public SettingDescriptor {
    if (!(min <= defaultValue && defaultValue <= max) || !(step > 0)) {
      throw new IllegalArgumentException(
          key
              + ": default "
              + defaultValue
              + " outside ["
              + min
              + ", "
              + max
              + "] or step "
              + step);
    }
  }

  /** True when the setting only takes whole numbers. */
  public boolean integral() {
    return step == Math.rint(step) && min == Math.rint(min);
  }

  /** Returns {@code value} when it is inside the range (and whole when integral), else throws. */
  public double check(double value) {
    if (!(value >= min && value <= max)) {
      throw new InvalidSettingException(
          key, "a value in [" + min + ", " + max + "] " + unit, value);
    }
    if (integral() && value != Math.rint(value)) {
      throw new InvalidSettingException(key, "a whole number", value);
    }
    return value;
  }

  /** Integer form of {@link #check(double)}. */
  public int checkInt(int value) {
    return (int) check(value);
  }

  /** The default as an int (for integral settings). */
  public int defaultInt() {
    return (int) defaultValue;
  }
}
