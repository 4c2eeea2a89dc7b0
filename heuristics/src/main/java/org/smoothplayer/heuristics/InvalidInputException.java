package org.smoothplayer.heuristics;

/**
 * Thrown when a value handed to the heuristics is outside what they accept; names field and rule.
 */
public final class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code field} with a message saying what was expected. */
  public InvalidInputException(String field, String expected, Object actual) {
    super(field + ": expected " + expected + " but was " + actual);
  }

  /** Checks that {@code value} is finite and {@code >= min}. */
  public static double requireAtLeast(String field, double value, double min) {
    if (!(value >= min) || Double.isInfinite(value)) {
      throw new InvalidInputException(field, "a finite number >= " + min, value);
    }
    return value;
  }

  /** Checks that {@code value} is finite and {@code > 0}. */
  public static double requirePositive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new InvalidInputException(field, "a finite number > 0", value);
    }
    return value;
  }
}
