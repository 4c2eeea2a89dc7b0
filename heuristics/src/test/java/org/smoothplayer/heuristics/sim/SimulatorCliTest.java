package org.smoothplayer.heuristics.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code simulate} command: options, CSV, events and the Smooth Streaming video variant. */
class SimulatorCliTest {
  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SimulatorCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /**
   * Simulates {@code set} with {@code options}, the per-trace CSV to {@code csv}; expects exit 0.
   */
  private void simulateOk(Path set, Path csv, String... options) {
    List<String> args =
        new ArrayList<>(List.of("--traces", set.toString(), "--per-trace", csv.toString()));
    args.addAll(List.of(options));
    assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
  }

  /** A traces folder with two traces copied from the HSDPA set, next to pensieve-video/. */
  private Path smallSet() throws IOException {
    Path root = tmp.resolve("traces");
    Path set = root.resolve("mini-set");
    Files.createDirectories(set);
    Path shared = SharedData.traces();
    for (String t : List.of("norway_bus_1", "norway_ferry_1")) {
      Files.copy(shared.resolve("pensieve-hsdpa-test").resolve(t), set.resolve(t));
    }
    Path video = root.resolve("pensieve-video");
    Files.createDirectories(video);
    for (int l = 0; l < 6; l++) {
      Files.copy(
          shared.resolve("pensieve-video").resolve("video_size_" + l),
          video.resolve("video_size_" + l));
    }
    return set;
  }

  @Test
  void writes_one_csv_row_per_trace_and_policy_with_the_exact_header() throws IOException {
    Path set = smallSet();
    Path csv = tmp.resolve("per-trace.csv");
    int code =
        run(
            "simulate",
            "--traces",
            set.toString(),
            "--policy",
            "default",
            "--policy",
            "bb",
            "--per-trace",
            csv.toString(),
            "--threads",
            "2");
    assertThat(code).as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0))
        .isEqualTo("set,trace,policy,qoe_lin,qoe_log,qoe_hd,mean_bitrate_kbps,stall_s,switches");
    assertThat(lines).hasSize(1 + 2 * 3);
    assertThat(
            lines.stream()
                .skip(1)
                .map(l -> l.split(",")[2])
                .distinct()
                .collect(Collectors.toList()))
        .containsExactly("default", "bb", "optimum");
    assertThat(out.toString()).contains("mini-set").contains("default").contains("optimum");
  }

  @Test
  void states_the_defaults_share_of_the_optimum_and_of_robustmpc_with_bootstrap_intervals()
      throws IOException {
    Path set = smallSet();
    Path csv = tmp.resolve("ratios.csv");
    Path md = tmp.resolve("ratios.md");
    simulateOk(set, csv, "--policy", "default", "--policy", "robustmpc", "--threads", "2");
    String text = out.toString();
    assertRatioLine(
        text, "default / optimum: ", meanQoeLin(csv, "default") / meanQoeLin(csv, "optimum"));
    assertRatioLine(
        text, "default / robustmpc: ", meanQoeLin(csv, "default") / meanQoeLin(csv, "robustmpc"));
    assertThat(text).contains("default - robustmpc: ");

    out.reset();
    assertThat(run("--traces", set.toString(), "--markdown", md.toString(), "--threads", "2"))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(md))
        .containsPattern(
            "default / optimum: 0\\.\\d{3} \\(ratio of means\\), paired bootstrap 95% CI"
                + " \\[-?\\d+\\.\\d{3}, -?\\d+\\.\\d{3}\\] \\(QoE_lin, 10 000 resamples, seed 42\\)\\.")
        .contains("default / robustmpc: ");
  }

  /** Mean QoE_lin of one policy's rows in a per-trace CSV. */
  private static double meanQoeLin(Path csv, String policy) throws IOException {
    return Files.readAllLines(csv).stream()
        .skip(1)
        .map(row -> row.split(","))
        .filter(f -> f[2].equals(policy))
        .mapToDouble(f -> Double.parseDouble(f[3]))
        .average()
        .orElseThrow();
  }

  /** The line names the ratio of the CSV's means and an interval around it. */
  private static void assertRatioLine(String text, String prefix, double expected) {
    String line = text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    Matcher m =
        Pattern.compile(
                "(-?\\d+\\.\\d{3}) \\(ratio of means\\), paired bootstrap 95% CI"
                    + " \\[(-?\\d+\\.\\d{3}), (-?\\d+\\.\\d{3})\\]")
            .matcher(line);
    assertThat(m.find()).as(line).isTrue();
    double ratio = Double.parseDouble(m.group(1));
    assertThat(ratio).isCloseTo(expected, within(0.0005));
    assertThat(Double.parseDouble(m.group(2))).isLessThanOrEqualTo(ratio);
    assertThat(Double.parseDouble(m.group(3))).isGreaterThanOrEqualTo(ratio);
  }

  @Test
  void writes_session_events_as_json_lines_for_one_trace() throws IOException {
    Path set = smallSet();
    Path events = tmp.resolve("events.jsonl");
    int code =
        run(
            "--events",
            events.toString(),
            "--trace-file",
            set.resolve("norway_bus_1").toString(),
            "--policy",
            "default");
    assertThat(code).as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(events);
    assertThat(lines.get(0)).startsWith("{\"type\":\"session_started\"");
    assertThat(lines.get(lines.size() - 1))
        .startsWith("{\"type\":\"session_ended\"")
        .contains("\"qoeLin\":");
    assertThat(lines.stream().filter(l -> l.startsWith("{\"type\":\"fragment_loaded\"")).count())
        .isEqualTo(48);
    assertThat(lines.stream().filter(l -> l.startsWith("{\"type\":\"decision\"")).count())
        .isEqualTo(47);
    assertThat(lines)
        .filteredOn(l -> l.startsWith("{\"type\":\"fragment_loaded\""))
        .allSatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\"tMs\":",
                        "\"level\":",
                        "\"bitrateBps\":",
                        "\"bytes\":",
                        "\"downloadMs\":",
                        "\"throughputBps\":"));
    // Start-up is a state change, not a stall, as in the player's log.
    assertThat(lines)
        .anyMatch(l -> l.startsWith("{\"type\":\"state_changed\"") && l.contains("PLAYING"));
    assertThat(lines).anyMatch(l -> l.startsWith("{\"type\":\"quality_rendered\""));
  }

  @Test
  void simulates_a_generated_smooth_streaming_ladder_with_two_second_fragments()
      throws IOException {
    Path set = smallSet();
    Path video = tmp.resolve("presentation");
    long[] bitrates = {350_000, 1_000_000, 2_500_000};
    StringBuilder manifest = new StringBuilder();
    manifest.append("<SmoothStreamingMedia MajorVersion=\"2\" TimeScale=\"10000000\">\n");
    manifest.append(
        "<StreamIndex Type=\"video\" Url=\"QualityLevels({bitrate})/Fragments(video={start time})\">\n");
    for (int l = 0; l < bitrates.length; l++) {
      manifest.append(
          String.format(
              "<QualityLevel Index=\"%d\" Bitrate=\"%d\" MaxWidth=\"%d\" MaxHeight=\"%d\"/>%n",
              l, bitrates[l], 640 * (l + 1), 360 * (l + 1)));
      Path dir = video.resolve("QualityLevels(" + bitrates[l] + ")");
      Files.createDirectories(dir);
      for (int f = 0; f < 30; f++) {
        Files.write(
            dir.resolve("Fragments(video=" + (f * 20_000_000L) + ")"),
            new byte[(int) (bitrates[l] * 2 / 8)]);
      }
    }
    manifest.append("</StreamIndex></SmoothStreamingMedia>\n");
    Files.writeString(video.resolve("Manifest"), manifest.toString());

    Video v = SmoothVideoFolder.read(video);
    assertThat(v.fragmentDurationS()).isEqualTo(2.0);
    assertThat(v.fragmentCount()).isEqualTo(30);
    assertThat(v.ladder().levels().get(2).heightPx()).isEqualTo(1080);

    Path csv = tmp.resolve("smooth.csv");
    simulateOk(set, csv, "--video", video.toString(), "--policy", "default");
    assertThat(out.toString()).contains("video presentation");
    assertThat(Files.readAllLines(csv)).hasSize(1 + 2 * 2);
  }

  @Test
  void simulates_a_live_stream_joined_behind_its_edge_beside_the_on_demand_optimum()
      throws IOException {
    Path set = smallSet();
    Path csv = tmp.resolve("live.csv");
    simulateOk(set, csv, "--policy", "default", "--live", "2", "--threads", "1");
    assertThat(out.toString())
        .contains("mini-set")
        .contains(", live 2.0 fragments behind the edge");
    assertThat(Files.readAllLines(csv)).hasSize(1 + 2 * 2);
  }

  @Test
  void a_live_run_of_all_policies_adds_the_live_optimum_and_every_ratio_to_it() throws IOException {
    Path set = smallSet();
    Path csv = tmp.resolve("live-all.csv");
    simulateOk(set, csv, "--live", "1.5", "--threads", "2");
    String text = out.toString();
    assertThat(text).contains("\nlive-optimum ");
    String ratios =
        text.lines().filter(l -> l.startsWith("ratio to live-optimum: ")).findFirst().orElseThrow();
    assertThat(ratios).contains(" default 0.").contains("live-optimum 1.000");
    List<String> rows = Files.readAllLines(csv);
    assertThat(rows.stream().filter(r -> r.contains(",live-optimum,"))).hasSize(2);
    assertRatioLine(
        text,
        "default / live-optimum: ",
        meanQoeLin(csv, "default") / meanQoeLin(csv, "live-optimum"));
  }

  @Test
  void the_live_optimum_without_a_live_run_is_a_usage_error() {
    assertThat(run("--traces", "x", "--policy", "live-optimum")).isEqualTo(2);
    assertThat(err.toString()).contains("live-optimum needs --live FRAGMENTS");
  }

  @Test
  void rejects_a_live_join_closer_than_one_fragment_or_not_finite_with_usage() {
    assertThat(run("--traces", "x", "--live", "0.5")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--live: expected a finite number >= 1 of fragments behind the edge but was 0.5");
    assertThat(run("--traces", "x", "--live", "Infinity")).isEqualTo(2);
    assertThat(err.toString()).contains("behind the edge but was Infinity");
    assertThat(run("--traces", "x", "--live", "NaN")).isEqualTo(2);
    assertThat(err.toString()).contains("behind the edge but was NaN");
    assertThat(run("--traces", "x", "--live", "near")).isEqualTo(2);
    assertThat(err.toString()).contains("--live: expected a number of fragments");
  }

  @Test
  void rejects_unknown_policies_and_missing_traces_with_usage() {
    assertThat(run("--traces", "x", "--policy", "nope")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown policy 'nope'").contains("usage:");
    assertThat(err.toString())
        .contains(
            "expected one of default, bb, rb, bola, dashjs, media3, festive, mpc, robustmpc,"
                + " optimum, mpc-oracle, live-optimum");
    assertThat(run("--policy", "default")).isEqualTo(2);
    assertThat(run("--traces", tmp.resolve("absent").toString(), "--policy", "bb")).isEqualTo(1);
    assertThat(err.toString()).contains("expected a directory");
  }

  @Test
  void a_bad_set_is_a_usage_error_naming_the_key_before_any_simulation() {
    assertThat(run("--traces", "x", "--set", "heuristics.bogus=1")).isEqualTo(2);
    assertThat(err.toString())
        .contains("simulate: --set heuristics.bogus: not a heuristics setting")
        .contains("usage:");
    err.reset();
    assertThat(run("--traces", "x", "--set", "heuristics.default.horizon=2.5")).isEqualTo(2);
    assertThat(err.toString())
        .contains("simulate: --set heuristics.default.horizon: expected")
        .contains("whole number");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void a_trace_file_named_without_its_folder_is_found_in_the_traces_folder() throws IOException {
    Path set = smallSet();
    Path events = tmp.resolve("events.jsonl");
    Function<String, Integer> eventsOf =
        name ->
            run(
                "--traces",
                set.toString(),
                "--events",
                events.toString(),
                "--trace-file",
                name,
                "--policy",
                "bb");

    assertThat(eventsOf.apply("norway_bus_1")).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("bb on norway_bus_1: QoE_lin ");
    assertThat(Files.readAllLines(events)).hasSizeGreaterThan(100);
    err.reset();
    assertThat(eventsOf.apply("norway_tram_9")).isEqualTo(1);
    assertThat(err.toString()).contains("cannot read trace norway_tram_9: no such file");
  }

  @Test
  void an_output_file_whose_folder_cannot_be_made_fails_before_any_simulation() throws IOException {
    Path set = smallSet();
    Path blocker = Files.writeString(tmp.resolve("blocker"), "");
    Path csv = blocker.resolve("rows.csv");

    assertThat(run("--traces", set.toString(), "--policy", "rb", "--per-trace", csv.toString()))
        .isEqualTo(2);

    assertThat(err.toString())
        .startsWith("simulate: cannot create the folder of " + csv + ": ")
        .contains(blocker.toString());
    assertThat(out.toString()).as("nothing was simulated").isEmpty();
  }
}
