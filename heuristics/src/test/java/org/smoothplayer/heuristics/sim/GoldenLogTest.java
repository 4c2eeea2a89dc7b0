package org.smoothplayer.heuristics.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.qoe.QoeMetric;

/** Replays the reference simulator's logged bitrate sequences (ABR-BENCHMARK §2). */
class GoldenLogTest {
  private static final String[] LOGS = {
    "pensieve-hsdpa-test/log_sim_rl_norway_bus_1",
    "pensieve-hsdpa-test/log_sim_cmc_norway_ferry_1",
    "pensieve-hsdpa-test/log_sim_rl_norway_tram_28",
    "pensieve-fcc-test/log_sim_rl_test_fcc_trace_10652_http---www.amazon.com_0",
    "pensieve-fcc-test/log_sim_cmc_test_fcc_trace_5554_http---www.amazon.com_0",
    "pensieve-fcc-test/log_sim_cmc_test_fcc_trace_14731_http---www.facebook.com_0",
  };

  @Test
  void replays_delay_buffer_rebuffer_and_reward_of_a_handful_of_logs_to_1e_6() throws IOException {
    for (String log : LOGS) {
      replay(SharedData.traces().resolve("golden-logs").resolve(log));
    }
  }

  /** All 694 logs; enable with {@code -Dsmoothplayer.golden.all=true}. */
  @Test
  void replays_every_golden_log_when_asked() throws IOException {
    if (!Boolean.getBoolean("smoothplayer.golden.all")) {
      return;
    }
    List<Path> logs = new ArrayList<>();
    for (String set : new String[] {"pensieve-hsdpa-test", "pensieve-fcc-test"}) {
      try (Stream<Path> s = Files.list(SharedData.traces().resolve("golden-logs").resolve(set))) {
        s.sorted().forEach(logs::add);
      }
    }
    assertThat(logs).hasSize(694);
    for (Path log : logs) {
      replay(log);
    }
  }

  private static void replay(Path log) throws IOException {
    String set = log.getParent().getFileName().toString();
    String traceName = log.getFileName().toString().replaceFirst("^log_sim_(rl|cmc)_", "");
    Video video = SharedData.pensieveVideo();
    ChunkEnv env = new ChunkEnv(SharedData.trace(set, traceName), video, SimConfig.PENSIEVE);
    int previous = 1;
    int lines = 0;
    for (String line : Files.readAllLines(log)) {
      if (line.isBlank()) {
        continue;
      }
      String[] c = line.split("\t");
      int level = levelOf(Double.parseDouble(c[1]));
      ChunkEnv.Step step = env.fetch(level);
      double reward =
          QoeMetric.LIN.reward(video.ladder(), level, previous, step.rebufferMs() / 1000.0);
      previous = level;
      String where = log.getFileName() + " line " + (lines + 1);
      assertThat(step.delayMs())
          .as(where + " delay")
          .isCloseTo(Double.parseDouble(c[5]), within(1e-6));
      assertThat(step.bufferMs() / 1000.0)
          .as(where + " buffer")
          .isCloseTo(Double.parseDouble(c[2]), within(1e-6));
      assertThat(step.rebufferMs() / 1000.0)
          .as(where + " rebuffer")
          .isCloseTo(Double.parseDouble(c[3]), within(1e-6));
      assertThat(reward)
          .as(where + " reward")
          .isCloseTo(Double.parseDouble(c[c.length - 1]), within(1e-6));
      assertThat(step.bytes()).as(where + " bytes").isEqualTo(Long.parseLong(c[4]));
      lines++;
    }
    assertThat(lines).isEqualTo(48);
  }

  private static int levelOf(double kbps) {
    for (int i = 0; i < Video.PENSIEVE_KBPS.length; i++) {
      if (Video.PENSIEVE_KBPS[i] == kbps) {
        return i;
      }
    }
    throw new AssertionError("bitrate " + kbps + " not in the Pensieve ladder");
  }
}
