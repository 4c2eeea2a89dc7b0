package org.smoothplayer.heuristics.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smoothplayer.heuristics.qoe.QoeMetric;

/**
 * Pins the benchmark QoE_lin (fragments 2..48) of the reference baselines and the offline optimum
 * on a few traces; the full sets run in the benchmark (docs/BENCHMARKS.md), where the means match
 * ABR-BENCHMARK §5 within 1 %.
 */
class ReferenceValuesTest {
  private static final Benchmark BENCH =
      SharedData.benchmark(SharedData.pensieveVideo(), SimConfig.PENSIEVE);

  @ParameterizedTest(name = "{1} on {0}")
  @CsvSource({
    "pensieve-hsdpa-test/norway_bus_1, bb, BB_BUS",
    "pensieve-hsdpa-test/norway_bus_1, rb, RB_BUS",
    "pensieve-hsdpa-test/norway_bus_1, robustmpc, RMPC_BUS",
    "pensieve-hsdpa-test/norway_bus_1, optimum, OPT_BUS",
    "pensieve-fcc-test/test_fcc_trace_5554_http---www.amazon.com_0, bb, BB_FCC",
    "pensieve-fcc-test/test_fcc_trace_5554_http---www.amazon.com_0, rb, RB_FCC",
    "pensieve-fcc-test/test_fcc_trace_5554_http---www.amazon.com_0, robustmpc, RMPC_FCC",
    "pensieve-fcc-test/test_fcc_trace_5554_http---www.amazon.com_0, optimum, OPT_FCC",
  })
  void reproduces_the_pinned_qoe_of_reference_policies(String trace, String policy, String key) {
    String[] parts = trace.split("/");
    SessionResult r =
        BENCH.session(SharedData.trace(parts[0], parts[1]), policy, SessionListener.NONE);
    assertThat(r.qoe(QoeMetric.LIN)).isCloseTo(Pinned.valueOf(key).qoe, within(1e-6));
  }

  /** Values measured with this simulator (see the benchmark for the set means). */
  enum Pinned {
    BB_BUS(80.95),
    RB_BUS(73.61720214183046),
    RMPC_BUS(100.878007408499),
    OPT_BUS(130.7668548353058),
    BB_FCC(32.1),
    RB_FCC(32.74804558674464),
    RMPC_FCC(41.74804558674465),
    OPT_FCC(46.50000000000003);

    final double qoe;

    Pinned(double qoe) {
      this.qoe = qoe;
    }
  }
}
