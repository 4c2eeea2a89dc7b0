package org.smoothplayer.heuristics.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.qoe.QoeMetric;

/**
 * Golden decision dumps (committed under {@code src/test/resources/golden}): any change to a
 * policy's decisions on these traces shows up as a diff. Regenerate deliberately with {@code
 * -Dsmoothplayer.golden.update=true}.
 */
class GoldenDecisionsTest {
  @ParameterizedTest(name = "{1} on {0}")
  @CsvSource({
    "pensieve-hsdpa-test, norway_bus_1, default",
    "pensieve-hsdpa-test, norway_tram_28, default",
    "pensieve-fcc-test, test_fcc_trace_5554_http---www.amazon.com_0, default",
    "pensieve-hsdpa-test, norway_bus_1, robustmpc",
    "pensieve-hsdpa-test, norway_bus_1, dashjs",
  })
  void decisions_match_the_committed_dump(String set, String trace, String policy)
      throws IOException {
    Benchmark b = SharedData.benchmark(SharedData.pensieveVideo(), SimConfig.PENSIEVE);
    SessionResult r = b.session(SharedData.trace(set, trace), policy, SessionListener.NONE);
    String dump = dump(r);
    Path golden =
        Path.of("src/test/resources/golden")
            .resolve(
                "decisions-" + policy + "-" + trace.replaceAll("[^A-Za-z0-9_.-]", "_") + ".txt");
    if (Boolean.getBoolean("smoothplayer.golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, dump, StandardCharsets.UTF_8);
    }
    assertThat(dump).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  static String dump(SessionResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("# fragment level buffer_after_s rebuffer_s reason numbers\n");
    for (int i = 0; i < r.steps().size(); i++) {
      ChunkEnv.Step s = r.steps().get(i);
      AbrDecision d = r.decisions().get(i);
      sb.append(
          String.format(
              Locale.ROOT,
              "%d %d %.4f %.4f %s",
              i + 1,
              s.level(),
              s.bufferMs() / 1000.0,
              s.rebufferMs() / 1000.0,
              d.reason()));
      d.numbers().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.4g", k, v)));
      sb.append('\n');
    }
    sb.append(String.format(Locale.ROOT, "qoe_lin %.6f%n", r.qoe(QoeMetric.LIN)));
    return sb.toString();
  }
}
