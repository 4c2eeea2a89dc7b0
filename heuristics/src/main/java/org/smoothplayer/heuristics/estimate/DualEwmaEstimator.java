package org.smoothplayer.heuristics.estimate;

import java.util.List;
import java.util.OptionalDouble;
import org.smoothplayer.heuristics.InvalidInputException;
import org.smoothplayer.heuristics.TransferSample;

/**
 * Two exponentially weighted moving averages of per-transfer throughput, weighted by transfer
 * duration, with fast and slow half-lives (in seconds of transfer); the estimate is the smaller of
 * the two, each corrected for its zero start (as dash.js does).
 *
 * @param fastHalfLifeS half-life of the fast average, seconds
 * @param slowHalfLifeS half-life of the slow average, seconds
 * @param minBytes transfers below this size are ignored
 */
public record DualEwmaEstimator(double fastHalfLifeS, double slowHalfLifeS, long minBytes)
    implements ThroughputEstimator {

  /** Validates the half-lives. */
  public DualEwmaEstimator {
    InvalidInputException.requirePositive("fastHalfLifeS", fastHalfLifeS);
    InvalidInputException.requirePositive("slowHalfLifeS", slowHalfLifeS);
  }

  @Override
  public OptionalDouble estimateBps(List<TransferSample> samples) {
    double fast = 0;
    double slow = 0;
    double totalWeightS = 0;
    for (TransferSample s : samples) {
      if (!ThroughputEstimator.usable(s, minBytes)) {
        continue;
      }
      double weightS = s.durationS();
      double fastAlpha = Math.pow(0.5, weightS / fastHalfLifeS);
      double slowAlpha = Math.pow(0.5, weightS / slowHalfLifeS);
      fast = (1 - fastAlpha) * s.throughputBps() + fastAlpha * fast;
      slow = (1 - slowAlpha) * s.throughputBps() + slowAlpha * slow;
      totalWeightS += weightS;
    }
    if (totalWeightS <= 0) {
      return OptionalDouble.empty();
    }
    double fastEstimate = fast / (1 - Math.pow(0.5, totalWeightS / fastHalfLifeS));
    double slowEstimate = slow / (1 - Math.pow(0.5, totalWeightS / slowHalfLifeS));
    return OptionalDouble.of(Math.min(fastEstimate, slowEstimate));
  }
}
