package org.smoothplayer.heuristics.estimate;

import java.util.List;
import java.util.OptionalDouble;
import org.smoothplayer.heuristics.InvalidInputException;
import org.smoothplayer.heuristics.TransferSample;

/**
 * Harmonic mean of the throughput of the last {@code window} usable transfers (robust to single
 * outliers upwards).
 *
 * @param window number of most recent usable transfers
 * @param minBytes transfers below this size are ignored
 */
public record HarmonicMeanEstimator(int window, long minBytes) implements ThroughputEstimator {

  /** Validates the window. */
  public HarmonicMeanEstimator {
    if (window < 1) {
      throw new InvalidInputException("window", ">= 1", window);
    }
  }

  @Override
  public OptionalDouble estimateBps(List<TransferSample> samples) {
    return harmonicMean(samples, samples.size(), window, minBytes);
  }

  /**
   * Harmonic mean over the last {@code window} usable samples among the first {@code end} of the
   * list (lets callers replay the estimate as it was earlier in the session).
   */
  public static OptionalDouble harmonicMean(
      List<TransferSample> samples, int end, int window, long minBytes) {
    double inverseSum = 0;
    int n = 0;
    for (int i = end - 1; i >= 0 && n < window; i--) {
      TransferSample s = samples.get(i);
      if (!ThroughputEstimator.usable(s, minBytes)) {
        continue;
      }
      double bps = s.throughputBps();
      if (bps <= 0) {
        continue;
      }
      inverseSum += 1.0 / bps;
      n++;
    }
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(n / inverseSum);
  }
}
