package org.smoothplayer.heuristics.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.qoe.QoeMetric;

/** The simulator with a live stream ({@code --live}), beside the on-demand reference. */
class LiveSimulationTest {
  private static final double JOIN_FRAGMENTS = 1.5;
  private static final SimConfig LIVE = SimConfig.PENSIEVE.withLiveJoin(JOIN_FRAGMENTS);

  private static Trace steady(double mbps) {
    double[] t = new double[1001];
    double[] bw = new double[1001];
    for (int i = 0; i <= 1000; i++) {
      t[i] = i;
      bw[i] = mbps;
    }
    return new Trace("steady", t, bw);
  }

  @Test
  void a_live_fragment_is_asked_for_only_once_published_and_the_buffer_stays_behind_the_edge() {
    Video video = SharedData.pensieveVideo();
    ChunkEnv env = new ChunkEnv(steady(20.0), video, LIVE);
    double fragmentS = video.fragmentDurationS();
    double clockS = 0;
    for (int f = 0; f < 12; f++) {
      clockS += env.awaitPublicationMs() / 1000.0;
      double publishedAtS = (f + 1 - JOIN_FRAGMENTS) * fragmentS;
      assertThat(clockS).isGreaterThanOrEqualTo(publishedAtS - 1e-9);
      // Buffer plus the fragment asked for fit between the position and the edge.
      assertThat(env.bufferMs() / 1000.0 + fragmentS)
          .isLessThanOrEqualTo(env.liveLatencyS() + 1e-9);
      ChunkEnv.Step step = env.fetch(0);
      clockS += (step.delayMs() + step.sleepMs()) / 1000.0;
    }
    // On a link this fast every fragment but the first is waited for, and the latency stays at
    // the join distance plus the start-up time (the first download).
    assertThat(env.liveLatencyS()).isLessThan(JOIN_FRAGMENTS * fragmentS + 1.0);
  }

  @Test
  void a_stall_adds_to_the_latency() {
    Video video = SharedData.pensieveVideo();
    ChunkEnv env = new ChunkEnv(steady(0.5), video, LIVE);
    env.awaitPublicationMs();
    env.fetch(0);
    double before = env.liveLatencyS();
    env.awaitPublicationMs();
    ChunkEnv.Step slow = env.fetch(video.ladder().top());
    assertThat(slow.rebufferMs()).isGreaterThan(0);
    assertThat(env.liveLatencyS() - before).isCloseTo(slow.rebufferMs() / 1000.0, within(1e-6));
  }

  @Test
  void a_live_session_is_logged_live_and_tells_the_policy_its_latency_not_the_sizes_or_the_end() {
    Video video = SharedData.pensieveVideo();
    List<AbrInput> inputs = new ArrayList<>();
    Simulation.Decider recording =
        Simulation.online(
            input -> {
              inputs.add(input);
              return AbrDecision.of(1, "recording");
            });
    List<Object> liveFlags = new ArrayList<>();
    SessionListener listener =
        (type, fields) -> {
          if (type.equals("manifest_loaded")) {
            liveFlags.add(fields.get("live"));
          }
        };
    Simulation.run(steady(3.0), video, LIVE, "recording", recording, null, listener);

    assertThat(liveFlags).containsExactly(true);

    assertThat(inputs).hasSize(video.fragmentCount() - 1);
    assertThat(inputs)
        .allSatisfy(
            in -> {
              assertThat(in.fragmentsRemaining()).isEqualTo(-1);
              assertThat(in.upcomingSizes().count()).isZero();
              assertThat(in.liveLatencyS()).isPresent();
              assertThat(in.liveLatencyS().getAsDouble())
                  .isGreaterThanOrEqualTo(in.bufferedS() + video.fragmentDurationS() - 1e-9);
            });
  }

  @Test
  void the_references_of_a_live_run_are_the_on_demand_ones() {
    Video video = SharedData.pensieveVideo();
    Trace link = steady(1.6);
    Benchmark live = SharedData.benchmark(video, LIVE);
    Benchmark onDemand = SharedData.benchmark(video, SimConfig.PENSIEVE);

    for (String reference : List.of(Benchmark.OPTIMUM, Benchmark.ORACLE)) {
      SessionResult a = live.session(link, reference, SessionListener.NONE);
      SessionResult b = onDemand.session(link, reference, SessionListener.NONE);
      assertThat(a.levels()).containsExactly(b.levels());
    }
    // The online policies do play live: the same link gives them another session.
    SessionResult liveDefault = live.session(link, "default", SessionListener.NONE);
    SessionResult onDemandDefault = onDemand.session(link, "default", SessionListener.NONE);
    assertThat(liveDefault.qoe(QoeMetric.LIN)).isNotEqualTo(onDemandDefault.qoe(QoeMetric.LIN));
  }

  @Test
  void a_join_closer_than_one_fragment_to_the_edge_is_refused_with_the_rule() {
    assertThatThrownBy(() -> SimConfig.PENSIEVE.withLiveJoin(0.5))
        .isInstanceOf(SimulationDataException.class)
        .hasMessageContaining("liveJoinFragments")
        .hasMessageContaining(">= 1");
  }
}
