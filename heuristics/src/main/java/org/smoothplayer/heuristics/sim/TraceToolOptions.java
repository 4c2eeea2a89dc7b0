package org.smoothplayer.heuristics.sim;

/**
 * Option values of the trace tools' command lines ({@link SyntheticTraces}, {@link
 * MahimahiTraces}): each parses one value or throws an {@link IllegalArgumentException} that names
 * the option and what was expected, which the tools report as a usage error (exit 2).
 */
final class TraceToolOptions {
  private TraceToolOptions() {}

  /** {@code value} as a whole number, or a usage error naming {@code option}. */
  static long wholeNumber(String option, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": expected a whole number but was " + value, e);
    }
  }

  /** {@code value} as a whole number >= 1, or a usage error naming {@code option}. */
  static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + ": expected a whole number >= 1 but was " + value);
  }

  static double positiveNumber(String option, String value) {
    try {
      double x = Double.parseDouble(value);
      if (x > 0 && Double.isFinite(x)) {
        return x;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + ": expected a number > 0 but was " + value);
  }
}
