package org.smoothplayer.app.engine;

/**
 * Delays between the attempts of a failed request: exponential back-off (200 ms, doubling per
 * attempt, at most 2 s) spread by ±25 % jitter so that clients that failed together do not retry
 * together, and never sooner than the server asked for with {@code Retry-After}. Pure: the random
 * draw comes in as an argument.
 */
final class RetryBackoff {
  /** Back-off before the first retry, before jitter. */
  static final long FIRST_DELAY_NS = 200_000_000L;

  /** Longest back-off, before jitter. */
  static final long MAX_DELAY_NS = 2_000_000_000L;

  /** Jitter: the back-off is multiplied by a factor uniformly spread over 1 ± this share. */
  static final double JITTER_SHARE = 0.25;

  private RetryBackoff() {}

  /**
   * The delay before retry number {@code attempt}.
   *
   * @param attempt 1 for the first retry
   * @param unitRandom a uniform draw in [0, 1)
   * @param retryAfterMs what the server asked for, negative when it did not
   * @return the delay in nanoseconds
   */
  static long delayNs(int attempt, double unitRandom, long retryAfterMs) {
    if (attempt < 1 || !(unitRandom >= 0 && unitRandom < 1)) {
      throw new IllegalArgumentException(
          "expected attempt >= 1 and a random draw in [0, 1) but got attempt "
              + attempt
              + ", draw "
              + unitRandom);
    }
    long backoffNs = Math.min(MAX_DELAY_NS, FIRST_DELAY_NS << Math.min(20, attempt - 1));
    long delayNs = (long) (backoffNs * (1 - JITTER_SHARE + 2 * JITTER_SHARE * unitRandom));
    return retryAfterMs >= 0 ? Math.max(delayNs, retryAfterMs * 1_000_000L) : delayNs;
  }
}
