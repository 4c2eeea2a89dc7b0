package org.smoothplayer.heuristics.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.TransferSample;

class EstimatorsTest {
  /** A transfer of {@code bytes} at {@code mbps}. */
  private static TransferSample at(long bytes, double mbps) {
    return new TransferSample(bytes, bytes * 8 / (mbps * 1000.0), 0);
  }

  @Test
  void harmonic_mean_uses_the_last_window_and_ignores_tiny_transfers() {
    HarmonicMeanEstimator e = new HarmonicMeanEstimator(2, 10_000);
    List<TransferSample> s = List.of(at(100_000, 10), at(100_000, 1), at(100_000, 4), at(500, 100));
    assertThat(e.estimateBps(s).getAsDouble()).isCloseTo(2 / (1 / 1e6 + 1 / 4e6), within(1e-6));
    assertThat(e.estimateBps(List.of(at(500, 100)))).isEmpty();
  }

  @Test
  void dual_ewma_takes_the_lower_of_fast_and_slow_and_starts_unbiased() {
    DualEwmaEstimator e = new DualEwmaEstimator(3, 8, 0);
    assertThat(e.estimateBps(List.of(at(1_000_000, 2))).getAsDouble()).isCloseTo(2e6, within(1.0));
    double afterDrop =
        e.estimateBps(List.of(at(1_000_000, 4), at(1_000_000, 4), at(500_000, 1))).getAsDouble();
    double afterRise =
        e.estimateBps(List.of(at(1_000_000, 1), at(1_000_000, 1), at(2_000_000, 4))).getAsDouble();
    assertThat(afterDrop).isLessThan(4e6).isGreaterThan(1e6);
    assertThat(afterRise).isLessThan(2.5e6);
  }

  @Test
  void sliding_percentile_weights_by_square_root_of_bytes() {
    SlidingPercentileEstimator median = new SlidingPercentileEstimator(0.5, 2000, 0);
    // one big transfer at 1 Mbps outweighs two small ones at 9 Mbps
    List<TransferSample> s = List.of(at(1_000_000, 1), at(40_000, 9), at(40_000, 9));
    assertThat(median.estimateBps(s).getAsDouble()).isCloseTo(1e6, within(1.0));
    assertThat(median.estimateBps(List.of())).isEmpty();
  }
}
