package org.smoothplayer.heuristics.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.TransferSample;
import org.smoothplayer.heuristics.qoe.QoeMetric;

/** The simulator with the player's abandon rule ({@code --abandon}), beside the reference one. */
class AbandonInSimulationTest {
  private static final SimConfig ABANDON = SimConfig.PENSIEVE.withAbandonRule(true);

  /** {@code fastMbps} for {@code fastS} seconds, then {@code slowMbps}; one sample a second. */
  private static Trace collapse(double fastMbps, int fastS, double slowMbps, int lengthS) {
    double[] t = new double[lengthS + 1];
    double[] bw = new double[lengthS + 1];
    for (int i = 0; i <= lengthS; i++) {
      t[i] = i;
      bw[i] = i <= fastS ? fastMbps : slowMbps;
    }
    return new Trace("collapse", t, bw);
  }

  private static Trace steady(double mbps) {
    return collapse(mbps, 1000, mbps, 1000);
  }

  @Test
  void a_transfer_in_pieces_takes_as_long_as_in_one_piece() {
    Trace t = collapse(3.0, 7, 0.4, 60);
    LinkCursor whole = new LinkCursor(t);
    LinkCursor pieces = new LinkCursor(t);
    long bytes = 2_500_000;
    double wholeS = whole.transferS(bytes, 0.95);
    double sent = 0;
    double usedS = 0;
    while (sent < bytes) {
      double[] part = pieces.transferUpTo(bytes - sent, 0.95, 0.25);
      sent += part[0];
      usedS += part[1];
    }
    assertThat(usedS).isCloseTo(wholeS, within(1e-9));
    assertThat(pieces.positionS()).isCloseTo(whole.positionS(), within(1e-9));
    assertThat(pieces.pointer()).isEqualTo(whole.pointer());
  }

  @Test
  void on_a_steady_link_nothing_is_abandoned_and_the_session_is_the_reference_one() {
    Video video = SharedData.pensieveVideo();
    Benchmark reference = SharedData.benchmark(video, SimConfig.PENSIEVE);
    Benchmark abandoning = SharedData.benchmark(video, ABANDON);
    Trace link = steady(2.0);

    SessionResult a = reference.session(link, "default", SessionListener.NONE);
    SessionResult b = abandoning.session(link, "default", SessionListener.NONE);

    assertThat(b.levels()).containsExactly(a.levels());
    assertThat(b.qoe(QoeMetric.LIN)).isCloseTo(a.qoe(QoeMetric.LIN), within(1e-6));
    assertThat(b.steps()).allSatisfy(s -> assertThat(s.abandoned()).isEmpty());
  }

  @Test
  void a_collapse_mid_transfer_is_abandoned_and_the_fragment_loaded_lower_with_less_stall() {
    Video video = SharedData.pensieveVideo();
    // 8 Mbit/s for 20 s, then 0.35 Mbit/s: the policy is on the top level when the link falls
    Trace link = collapse(8.0, 20, 0.35, 400);
    List<Double> times = new ArrayList<>();
    List<Map<String, Object>> abandonedEvents = new ArrayList<>();
    SessionListener listener =
        (type, fields) -> {
          times.add(((Number) fields.get("tMs")).doubleValue());
          if (type.equals("fragment_abandoned")) {
            abandonedEvents.add(fields);
          }
        };
    Benchmark reference = SharedData.benchmark(video, SimConfig.PENSIEVE);
    Benchmark abandoning = SharedData.benchmark(video, ABANDON);

    SessionResult without = reference.session(link, "rb", SessionListener.NONE);
    SessionResult with = abandoning.session(link, "rb", listener);

    ChunkEnv.Step first =
        with.steps().stream().filter(s -> !s.abandoned().isEmpty()).findFirst().orElseThrow();
    ChunkEnv.Attempt given = first.abandoned().get(0);
    assertThat(given.level()).isEqualTo(5);
    assertThat(given.verdict().reason()).startsWith("projected ");
    assertThat(first.level()).isLessThan(given.level());
    assertThat(first.level()).isEqualTo(given.verdict().fallbackLevel());
    assertThat(first.delayMs()).isCloseTo(given.elapsedMs() + first.loadMs(), within(1e-6));
    assertThat(with.stallS()).isLessThan(without.stallS());
    assertThat(abandonedEvents).isNotEmpty();
    assertThat(abandonedEvents.get(0))
        .containsEntry("stream", "video")
        .containsEntry("level", 5)
        .containsEntry("chunkIndex", first.fragment());
    // the abandonments fall between the other events in time order
    assertThat(times).isSorted();
  }

  @Test
  void a_stall_that_begins_before_the_transfer_is_given_up_is_logged_before_it() {
    Video video = SharedData.pensieveVideo();
    // 4 Mbit/s: the second fragment on the top level outlasts the 4 s of buffer, so playback
    // stalls; the link then falls to 0.05 Mbit/s and the transfer is given up during the stall
    Trace link = collapse(4.0, 5, 0.05, 400);
    List<String> types = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    SessionListener listener =
        (type, fields) -> {
          types.add(type);
          times.add(((Number) fields.get("tMs")).doubleValue());
        };
    Simulation.Decider top =
        Simulation.online(input -> AbrDecision.of(video.ladder().top(), "top"));

    SessionResult r = Simulation.run(link, video, ABANDON, "top", top, null, listener);

    assertThat(r.steps().get(1).abandoned()).isNotEmpty();
    int stallAt = types.indexOf("stall_started");
    int abandonedAt = types.indexOf("fragment_abandoned");
    assertThat(stallAt).isNotNegative().isLessThan(abandonedAt);
    assertThat(types.indexOf("stall_ended")).isGreaterThan(abandonedAt);
    assertThat(times).isSorted();
  }

  @Test
  void an_abandoned_transfer_is_not_a_sample_of_the_link_but_its_refetch_is() {
    Video video = SharedData.pensieveVideo();
    Trace link = collapse(8.0, 20, 0.35, 400);
    List<List<TransferSample>> seen = new ArrayList<>();
    Simulation.Decider rb =
        Simulation.online(
            input -> {
              seen.add(input.samples());
              return AbrDecision.of(video.ladder().top(), "top");
            });

    SessionResult r = Simulation.run(link, video, ABANDON, "top", rb, null, SessionListener.NONE);

    int f = 0;
    while (r.steps().get(f).abandoned().isEmpty()) {
      f++;
    }
    ChunkEnv.Step step = r.steps().get(f);
    assertThat(step.abandoned().get(0).bytes()).isPositive();
    // the decision after fragment f sees one sample per fragment loaded, the last the refetch
    List<TransferSample> next = seen.get(f);
    assertThat(next).hasSize(f + 1);
    assertThat(next.get(f).bytes()).isEqualTo(step.bytes());
    assertThat(next.get(f).durationMs()).isCloseTo(step.loadMs(), within(1e-9));
  }

  @Test
  void the_references_plan_their_own_levels_and_are_not_changed_by_the_rule() {
    Video video = SharedData.pensieveVideo();
    Trace link = collapse(8.0, 20, 0.35, 400);
    for (String reference : List.of(Benchmark.OPTIMUM, Benchmark.ORACLE)) {
      SessionResult plain =
          SharedData.benchmark(video, SimConfig.PENSIEVE)
              .session(link, reference, SessionListener.NONE);
      SessionResult flagged =
          SharedData.benchmark(video, ABANDON).session(link, reference, SessionListener.NONE);
      assertThat(flagged.levels()).as(reference).containsExactly(plain.levels());
      assertThat(flagged.qoe(QoeMetric.LIN)).as(reference).isEqualTo(plain.qoe(QoeMetric.LIN));
    }
  }
}
