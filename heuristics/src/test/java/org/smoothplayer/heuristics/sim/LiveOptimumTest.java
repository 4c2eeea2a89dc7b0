package org.smoothplayer.heuristics.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.qoe.QoeMetric;

/** The offline optimum of a live stream ({@code live-optimum}, with {@code --live} only). */
class LiveOptimumTest {
  private static final List<String> TRACES = List.of("norway_bus_1", "norway_ferry_1");

  @Test
  void the_live_optimum_plays_in_the_live_simulator_exactly_as_the_solver_computed() {
    Video video = SharedData.pensieveVideo();
    for (double join : new double[] {1.5, 3}) {
      SimConfig live = SimConfig.PENSIEVE.withLiveJoin(join);
      for (String name : TRACES) {
        Trace trace = SharedData.trace("pensieve-hsdpa-test", name);
        OptimumSolver.Solution solution =
            new OptimumSolver().solution(trace, video, live, QoeMetric.LIN);
        SessionResult replay =
            Simulation.run(
                trace,
                video,
                live,
                "replay",
                Simulation.fixed(solution.levels(), "replay"),
                null,
                SessionListener.NONE);
        // The solver waits for every publication as the live simulator does; without the waits
        // its sequence would be scored on another timeline than the one it is played on.
        assertThat(replay.qoe(QoeMetric.LIN))
            .as("%s, joined %s fragments behind", name, join)
            .isCloseTo(solution.qoe(), within(1e-6));
      }
    }
  }

  @Test
  void no_online_policy_beats_the_live_optimum_on_the_live_stream() {
    Video video = SharedData.pensieveVideo();
    Benchmark live = SharedData.benchmark(video, SimConfig.PENSIEVE.withLiveJoin(1.5));
    for (String name : TRACES) {
      Trace trace = SharedData.trace("pensieve-hsdpa-test", name);
      double best =
          live.session(trace, Benchmark.LIVE_OPTIMUM, SessionListener.NONE).qoe(QoeMetric.LIN);
      for (String policy : List.of("default", "robustmpc", "rb", "bb", "dashjs")) {
        assertThat(live.session(trace, policy, SessionListener.NONE).qoe(QoeMetric.LIN))
            .as("%s on %s", policy, name)
            .isLessThanOrEqualTo(best);
      }
    }
  }

  @Test
  void the_live_optimum_of_an_on_demand_run_is_refused_naming_the_option() {
    Benchmark onDemand = SharedData.benchmark(SharedData.pensieveVideo(), SimConfig.PENSIEVE);
    Trace trace = SharedData.trace("pensieve-hsdpa-test", "norway_bus_1");
    assertThatThrownBy(() -> onDemand.session(trace, Benchmark.LIVE_OPTIMUM, SessionListener.NONE))
        .isInstanceOf(SimulationDataException.class)
        .hasMessageContaining("--live");
  }
}
