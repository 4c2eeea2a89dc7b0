package org.smoothplayer.app.session.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.session.SessionLog;
import org.smoothplayer.app.session.SessionLogReader;
import org.smoothplayer.app.session.SessionSummary;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.policy.Policies;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;
import org.smoothplayer.heuristics.sim.JsonLines;
import org.smoothplayer.heuristics.sim.SessionResult;
import org.smoothplayer.heuristics.sim.SimConfig;
import org.smoothplayer.heuristics.sim.Simulation;
import org.smoothplayer.heuristics.sim.Trace;
import org.smoothplayer.heuristics.sim.Video;

/**
 * The trace simulator writes the player's event format: its output reads back with the player's
 * reader (no event skipped) and summarises to what the simulator itself measured.
 */
class SimulatedSessionLogTest {

  @Test
  void a_simulated_session_reads_as_a_session_log_and_summarises_like_the_simulator()
      throws Exception {
    // 3 levels, 20 fragments of 4 s; the link falls from 3 to 0.4 Mbit/s at 30 s (a stall).
    Ladder ladder = Ladder.ofKbps(300, 1200, 2800);
    long[][] bytes = new long[3][20];
    for (int level = 0; level < 3; level++) {
      for (int f = 0; f < 20; f++) {
        bytes[level][f] = (long) (ladder.bitrateBps(level) * 4 / 8);
      }
    }
    Video video = new Video("synthetic", ladder, 4, bytes);
    Trace trace =
        new Trace("drop", new double[] {0, 30, 31, 120, 400}, new double[] {3, 3, 0.4, 0.4, 3});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SessionResult result;
    try (PrintStream events = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      result =
          Simulation.run(
              trace,
              video,
              SimConfig.PENSIEVE,
              "bb",
              Simulation.online(Policies.create("bb", HeuristicsSettings.DEFAULTS)),
              null,
              new JsonLines(events));
    }

    SessionLog log =
        SessionLogReader.readLog(new StringReader(out.toString(StandardCharsets.UTF_8)));
    SessionSummary summary = SessionSummary.of(log.events());

    assertThat(log.skippedTypes()).isEmpty();
    assertThat(log.truncatedLastLine()).isFalse();
    assertThat(summary.fragments()).isEqualTo(20);
    assertThat(summary.endReason()).isEqualTo("ended");
    assertThat(summary.playedS()).isEqualTo(80.0);
    assertThat(summary.stallS())
        .isCloseTo(result.stallS(), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(summary.stalls()).isPositive();
    assertThat(summary.switches()).isEqualTo(result.switches());
    assertThat(summary.levels().values().stream().mapToDouble(Double::doubleValue).sum())
        .isEqualTo(80.0, org.assertj.core.data.Offset.offset(1e-6));
    SessionSeries series = SessionSeries.of(log.events());
    assertThat(series.chosenBitrateBps()).hasSize(19);
    assertThat(series.stalls()).hasSize(summary.stalls());
  }
}
