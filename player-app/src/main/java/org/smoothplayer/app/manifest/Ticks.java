package org.smoothplayer.app.manifest;

/**
 * Exact conversion between manifest ticks and microseconds.
 *
 * <p>Every time the model exposes in microseconds is computed here, once, from the tick value, with
 * integer arithmetic (floor). A tick value {@code t} at time scale {@code ts} becomes {@code
 * floor(t * 1_000_000 / ts)}; the split into whole seconds and a remainder keeps the product inside
 * 64 bits for every time scale up to {@link #MAX_TIME_SCALE}.
 */
public final class Ticks {
  /** The default time scale of [MS-SSTR]: 10,000,000 ticks per second (100 ns ticks). */
  public static final long DEFAULT_TIME_SCALE = 10_000_000L;

  /** The largest accepted time scale (ticks per second); larger ones are refused by the parser. */
  public static final long MAX_TIME_SCALE = 1_000_000_000_000L;

  /** Microseconds per second. */
  public static final long US_PER_SECOND = 1_000_000L;

  private Ticks() {}

  /**
   * Converts a non-negative tick count to microseconds, rounding down.
   *
   * @throws ArithmeticException if the result does not fit in a long
   * @throws IllegalArgumentException if ticks is negative or the time scale is out of range
   */
  public static long toUs(long ticks, long timeScale) {
    if (ticks < 0) {
      throw new IllegalArgumentException("ticks must not be negative: " + ticks);
    }
    checkTimeScale(timeScale);
    long seconds = ticks / timeScale;
    long remainder = ticks % timeScale;
    return Math.addExact(
        Math.multiplyExact(seconds, US_PER_SECOND), remainder * US_PER_SECOND / timeScale);
  }

  /**
   * Converts a non-negative tick count from one time scale to another, rounding down.
   *
   * @throws ArithmeticException if the result does not fit in a long
   */
  public static long rescale(long ticks, long fromTimeScale, long toTimeScale) {
    checkTimeScale(fromTimeScale);
    checkTimeScale(toTimeScale);
    if (fromTimeScale == toTimeScale) {
      return ticks;
    }
    long seconds = ticks / fromTimeScale;
    long remainder = ticks % fromTimeScale;
    // remainder < 10^12 and toTimeScale <= 10^12 may overflow: use exact 128-bit-free steps.
    return Math.addExact(
        Math.multiplyExact(seconds, toTimeScale),
        java.math.BigInteger.valueOf(remainder)
            .multiply(java.math.BigInteger.valueOf(toTimeScale))
            .divide(java.math.BigInteger.valueOf(fromTimeScale))
            .longValueExact());
  }

  private static void checkTimeScale(long timeScale) {
    if (timeScale <= 0 || timeScale > MAX_TIME_SCALE) {
      throw new IllegalArgumentException(
          "time scale must be in 1.." + MAX_TIME_SCALE + ", was " + timeScale);
    }
  }
}
