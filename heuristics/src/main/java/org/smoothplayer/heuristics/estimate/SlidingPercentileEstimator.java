package org.smoothplayer.heuristics.estimate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.smoothplayer.heuristics.InvalidInputException;
import org.smoothplayer.heuristics.TransferSample;

/**
 * Weighted sliding percentile of per-transfer throughput, each transfer weighted by the square root
 * of its bytes; the newest transfers are kept until their total weight reaches {@code maxWeight}
 * (the oldest kept one is trimmed), like the Media3 default bandwidth meter.
 *
 * @param percentile quantile in (0, 1), 0.5 for the weighted median
 * @param maxWeight total weight kept
 * @param minBytes transfers below this size are ignored
 */
public record SlidingPercentileEstimator(double percentile, double maxWeight, long minBytes)
    implements ThroughputEstimator {

  /** Validates the parameters. */
  public SlidingPercentileEstimator {
    if (!(percentile > 0 && percentile < 1)) {
      throw new InvalidInputException("percentile", "in (0, 1)", percentile);
    }
    InvalidInputException.requirePositive("maxWeight", maxWeight);
  }

  @Override
  public OptionalDouble estimateBps(List<TransferSample> samples) {
    List<double[]> kept = new ArrayList<>(); // {value, weight}, newest first
    double total = 0;
    for (int i = samples.size() - 1; i >= 0 && total < maxWeight; i--) {
      TransferSample s = samples.get(i);
      if (!ThroughputEstimator.usable(s, minBytes)) {
        continue;
      }
      double w = Math.min(Math.sqrt(s.bytes()), maxWeight - total);
      kept.add(new double[] {s.throughputBps(), w});
      total += w;
    }
    if (kept.isEmpty() || total <= 0) {
      return OptionalDouble.empty();
    }
    kept.sort(Comparator.comparingDouble(a -> a[0]));
    double desired = percentile * total;
    double acc = 0;
    for (double[] vw : kept) {
      acc += vw[1];
      if (acc >= desired) {
        return OptionalDouble.of(vw[0]);
      }
    }
    return OptionalDouble.of(kept.get(kept.size() - 1)[0]);
  }
}
