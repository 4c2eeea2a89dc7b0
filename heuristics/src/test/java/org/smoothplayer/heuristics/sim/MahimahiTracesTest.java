package org.smoothplayer.heuristics.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.heuristics.policy.Policies;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;

/** The Mahimahi converter: packet opportunities to Mbit/s per bin, its files and command line. */
class MahimahiTracesTest {
  @TempDir Path tmp;

  /** One opportunity at every millisecond from {@code fromMs} up to and excluding {@code toMs}. */
  private static void everyMs(List<String> lines, long fromMs, long toMs, int perMs) {
    for (long ms = fromMs; ms < toMs; ms++) {
      for (int p = 0; p < perMs; p++) {
        lines.add(Long.toString(ms));
      }
    }
  }

  @Test
  void one_packet_every_millisecond_is_twelve_mbit_per_second_in_every_bin() {
    List<String> lines = new ArrayList<>();
    everyMs(lines, 0, 3000, 1);
    lines.add("3000");
    double[] mbps = MahimahiTraces.binnedMbps("t", lines, 1000, 1);
    assertThat(mbps).containsExactly(new double[] {12, 12, 12}, within(1e-9));
  }

  @Test
  void a_repeated_time_is_several_packets_and_a_silent_second_is_zero() {
    List<String> lines = new ArrayList<>();
    everyMs(lines, 0, 1000, 3);
    // nothing from 1000 to 1999 ms: an outage
    everyMs(lines, 2000, 3000, 1);
    lines.add("3000");
    double[] mbps = MahimahiTraces.binnedMbps("t", lines, 1000, 1);
    assertThat(mbps).containsExactly(new double[] {36, 0, 12}, within(1e-9));
  }

  @Test
  void bins_follow_the_bin_length_and_the_scale_multiplies_every_bin() {
    List<String> lines = new ArrayList<>();
    everyMs(lines, 0, 500, 2);
    everyMs(lines, 500, 1000, 1);
    lines.add("1000");
    double[] mbps = MahimahiTraces.binnedMbps("t", lines, 500, 0.5);
    assertThat(mbps).containsExactly(new double[] {12, 6}, within(1e-9));
  }

  @Test
  void opportunities_after_the_last_whole_bin_are_left_out() {
    List<String> lines = new ArrayList<>();
    everyMs(lines, 0, 2500, 1);
    double[] mbps = MahimahiTraces.binnedMbps("t", lines, 1000, 1);
    // ends at 2499 ms: two whole bins; the 499 opportunities of the third are not a slow second
    assertThat(mbps).containsExactly(new double[] {12, 12}, within(1e-9));
  }

  @Test
  void malformed_input_is_refused_naming_the_trace_and_the_line() {
    assertThatThrownBy(() -> MahimahiTraces.binnedMbps("up", List.of("1", "x2", "3"), 1000, 1))
        .isInstanceOf(SimulationDataException.class)
        .hasMessageContaining("up: line 2")
        .hasMessageContaining("whole milliseconds")
        .hasMessageContaining("'x2'");
    assertThatThrownBy(() -> MahimahiTraces.binnedMbps("up", List.of("5", "4"), 1000, 1))
        .hasMessageContaining("up: line 2: time goes backwards (4 after 5)");
    assertThatThrownBy(() -> MahimahiTraces.binnedMbps("up", List.of("-1"), 1000, 1))
        .hasMessageContaining("expected a time >= 0 ms but was -1");
    assertThatThrownBy(() -> MahimahiTraces.binnedMbps("up", List.of("1", "999"), 1000, 1))
        .hasMessageContaining("at least one bin (1000 ms) but it ends at 999 ms");
    assertThatThrownBy(() -> MahimahiTraces.binnedMbps("up", List.of("5000"), 1000, 0))
        .hasMessageContaining("scale: expected a finite number > 0 but was 0.0");
  }

  @Test
  void a_converted_file_reads_back_as_a_trace_with_the_bins_as_samples_and_plays()
      throws Exception {
    List<String> lines = new ArrayList<>();
    for (int s = 0; s < 300; s++) {
      // 1 packet a millisecond (12 Mbit/s) in even seconds, none in odd ones: 6 Mbit/s on average
      if (s % 2 == 0) {
        everyMs(lines, s * 1000L, (s + 1) * 1000L, 1);
      }
    }
    lines.add("300000");
    Path in = tmp.resolve("mm").resolve("Link-driving.down");
    Files.createDirectories(in.getParent());
    Files.write(in, lines, StandardCharsets.UTF_8);

    Path written = MahimahiTraces.convert(in, tmp.resolve("out"), 1000, 1);

    assertThat(written).isEqualTo(tmp.resolve("out").resolve("Link-driving.down"));
    Trace trace = Trace.read(written);
    assertThat(trace.timeS()).hasSize(301);
    assertThat(trace.timeS()[0]).isZero();
    assertThat(trace.timeS()[300]).isEqualTo(300.0);
    // sample i covers (i - 1, i]: the first second's 12 Mbit/s ends at 1 s, the silent one at 2 s
    assertThat(trace.bandwidthMbps()[1]).isEqualTo(12.0);
    assertThat(trace.bandwidthMbps()[2]).isZero();
    Video video = SharedData.pensieveVideo();
    SessionResult r =
        Simulation.run(
            trace,
            video,
            SimConfig.PENSIEVE,
            "rb",
            Simulation.online(Policies.create("rb", HeuristicsSettings.DEFAULTS)),
            null,
            SessionListener.NONE);
    assertThat(r.levels()).hasSize(48);
    assertThat(r.meanBitrateKbps()).isGreaterThan(300);
  }

  @Test
  void the_command_line_converts_each_file_and_reports_usage_and_data_errors() throws IOException {
    Path a = tmp.resolve("a.down");
    Files.writeString(a, "0\n0\n1000\n2000\n", StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int ok =
        MahimahiTraces.run(
            new String[] {"--out", tmp.resolve("o").toString(), "--scale", "0.5", a.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(ok).isZero();
    assertThat(Trace.read(tmp.resolve("o").resolve("a.down")).bandwidthMbps())
        .containsExactly(new double[] {0.012, 0.012, 0.006}, within(1e-9));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("a.down -> ");

    err.reset();
    int usage =
        MahimahiTraces.run(
            new String[] {"--out", tmp.toString(), "--bin-ms", "0", a.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(usage).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--bin-ms: expected a whole number >= 1 but was 0")
        .contains("usage: MahimahiTraces");

    err.reset();
    int noFiles =
        MahimahiTraces.run(
            new String[] {"--out", tmp.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(noFiles).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("expected at least one Mahimahi trace file");

    Path bad = tmp.resolve("bad.up");
    Files.writeString(bad, "10\n9\n", StandardCharsets.UTF_8);
    err.reset();
    int data =
        MahimahiTraces.run(
            new String[] {"--out", tmp.resolve("o2").toString(), bad.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(data).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("bad.up: line 2: time goes backwards");

    err.reset();
    int missing =
        MahimahiTraces.run(
            new String[] {"--out", tmp.resolve("o3").toString(), tmp.resolve("nope").toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(missing).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("I/O error").contains("nope");
  }
}
