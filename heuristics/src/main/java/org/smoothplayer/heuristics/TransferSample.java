package org.smoothplayer.heuristics;

/**
 * One completed transfer, as measured by the caller (never by reading a clock here).
 *
 * @param bytes payload bytes
 * @param durationMs request start to last byte, in milliseconds (includes latency)
 * @param endS time the transfer finished, session seconds
 */
public record TransferSample(long bytes, double durationMs, double endS) {
  /** Validates the sample. */
  public TransferSample {
    if (bytes < 0) {
      throw new InvalidInputException("bytes", ">= 0", bytes);
    }
    InvalidInputException.requirePositive("durationMs", durationMs);
    InvalidInputException.requireAtLeast("endS", endS, Double.NEGATIVE_INFINITY);
  }

  /** Throughput of this transfer in bits per second. */
  public double throughputBps() {
    return bytes * 8.0 / (durationMs / 1000.0);
  }

  /** Duration in seconds. */
  public double durationS() {
    return durationMs / 1000.0;
  }
}
