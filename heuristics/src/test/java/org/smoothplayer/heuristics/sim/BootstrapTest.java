package org.smoothplayer.heuristics.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The benchmark's paired bootstrap intervals: of a mean difference and of a ratio of means. */
class BootstrapTest {

  /** Per-trace scores spread like a trace set's: from a few to a hundred. */
  private static double[] spread(int n, long seed) {
    Random random = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 5 + 95 * random.nextDouble();
    }
    return v;
  }

  private static double[] noisyShare(double[] reference, double share, double noise, long seed) {
    Random random = new Random(seed);
    double[] v = new double[reference.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = share * reference[i] + noise * random.nextGaussian();
    }
    return v;
  }

  @Test
  void a_constant_difference_on_every_trace_has_an_interval_of_that_difference_alone() {
    double[] b = spread(50, 1);
    double[] a = b.clone();
    for (int i = 0; i < a.length; i++) {
      a[i] += 3;
    }
    assertThat(Benchmark.pairedBootstrap(a, b, 2_000, 42))
        .containsExactly(new double[] {3, 3, 3}, within(1e-9));
  }

  @Test
  void a_policy_at_the_same_share_of_the_reference_on_every_trace_has_an_interval_of_that_share() {
    double[] b = spread(50, 2);
    double[] a = noisyShare(b, 0.85, 0, 0);
    assertThat(Benchmark.pairedRatioBootstrap(a, b, 2_000, 42).orElseThrow())
        .containsExactly(new double[] {0.85, 0.85, 0.85}, within(1e-12));
  }

  @Test
  void the_ratio_interval_holds_the_ratio_of_means_and_narrows_with_more_traces() {
    double[] few = spread(30, 3);
    double[] many = spread(600, 3);
    double[] fewA = noisyShare(few, 0.85, 8, 4);
    double[] manyA = noisyShare(many, 0.85, 8, 4);
    double[] small = Benchmark.pairedRatioBootstrap(fewA, few, 4_000, 42).orElseThrow();
    double[] large = Benchmark.pairedRatioBootstrap(manyA, many, 4_000, 42).orElseThrow();
    assertThat(small[0]).isCloseTo(mean(fewA) / mean(few), within(1e-12));
    assertThat(small[1]).isLessThan(small[0]);
    assertThat(small[2]).isGreaterThan(small[0]);
    assertThat(large[1]).isLessThan(large[0]).isGreaterThan(small[1]);
    assertThat(large[2]).isGreaterThan(large[0]).isLessThan(small[2]);
    // 20 times the traces: the interval about sqrt(20) ≈ 4.5 times narrower.
    double ratio = (small[2] - small[1]) / (large[2] - large[1]);
    assertThat(ratio).isBetween(3.0, 6.5);
    assertThat(large[1]).isLessThan(0.85);
    assertThat(large[2]).isGreaterThan(0.85);
  }

  @Test
  void pairing_cancels_what_the_two_share_so_the_interval_is_narrower_than_unpaired() {
    double[] b = spread(100, 5);
    double[] a = noisyShare(b, 0.9, 2, 6);
    double[] paired = Benchmark.pairedRatioBootstrap(a, b, 4_000, 42).orElseThrow();
    // The same a against b in reverse trace order: the shares no longer line up per trace.
    double[] unpaired = Benchmark.pairedRatioBootstrap(a, reversed(b), 4_000, 42).orElseThrow();
    assertThat(paired[2] - paired[1]).isLessThan((unpaired[2] - unpaired[1]) / 3);
  }

  @Test
  void no_ratio_is_given_when_the_reference_mean_is_not_positive() {
    assertThat(Benchmark.pairedRatioBootstrap(new double[] {1, 2}, new double[] {-1, 0.5}, 100, 42))
        .isEqualTo(Optional.empty());
    assertThat(Benchmark.pairedRatioBootstrap(new double[0], new double[0], 100, 42)).isEmpty();
  }

  @Test
  void the_interval_is_undefined_when_a_resample_of_the_reference_has_no_positive_mean() {
    // Both traces drawn as the second (probability 1/4 per resample) give a mean of −9.5.
    double[] r =
        Benchmark.pairedRatioBootstrap(new double[] {8, -9}, new double[] {10, -9.5}, 100, 42)
            .orElseThrow();
    assertThat(r[0]).isCloseTo(-1.0 / 0.5, within(1e-12));
    assertThat(r[1]).isNaN();
    assertThat(r[2]).isNaN();
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double[] reversed(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[v.length - 1 - i];
    }
    return out;
  }
}
