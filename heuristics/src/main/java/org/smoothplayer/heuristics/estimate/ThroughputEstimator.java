package org.smoothplayer.heuristics.estimate;

import java.util.List;
import java.util.OptionalDouble;
import org.smoothplayer.heuristics.TransferSample;

/** A throughput estimate computed as a pure fold over transfer samples (oldest first). */
public interface ThroughputEstimator {
  /** Estimate in bits per second, empty when no usable sample exists. */
  OptionalDouble estimateBps(List<TransferSample> samples);

  /** Transfers smaller than this many bytes say more about latency than bandwidth. */
  long DEFAULT_MIN_BYTES = 10_000;

  /** True when a sample is large enough to count. */
  static boolean usable(TransferSample s, long minBytes) {
    return s.bytes() >= minBytes;
  }
}
