package org.smoothplayer.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionJson;
import org.smoothplayer.app.session.SessionSummary;

/** {@code smooth-player report LOG... [--out DIR]}. */
class ReportCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  /** A short session: start-up, two fragments at two levels, a switch, a stall, the end. */
  private static List<SessionEvent> session(String policy) {
    return List.of(
        new SessionEvent.SessionStarted(
            0,
            1,
            "test",
            "Linux",
            "Java 17",
            "http://127.0.0.1/Manifest",
            policy.equals("default") ? Map.of() : Map.of("heuristics.policy", policy),
            0),
        new SessionEvent.ManifestLoaded(
            5,
            "http://127.0.0.1/Manifest",
            false,
            4_000_000,
            List.of(300_000L, 900_000L),
            2_000_000,
            List.of(),
            5),
        new SessionEvent.Decision(10, 0, 0, 300_000, "startup", 0, 0, -1, Map.of()),
        new SessionEvent.FragmentLoaded(
            110, "video", 0, 0, 0, 2_000_000, 300_000, 75_000, 10, 100, 6e6),
        new SessionEvent.StateChanged(120, "BUFFERING", "PLAYING", 0),
        new SessionEvent.QualityRendered(125, 0, 300_000, -1, 0),
        new SessionEvent.Decision(130, 1, 1, 900_000, "throughput", 1.9, 6e6, 0, Map.of()),
        new SessionEvent.StallStarted(2130, 2_000_000),
        new SessionEvent.FragmentLoaded(
            2400, "video", 1, 1, 2_000_000, 2_000_000, 900_000, 225_000, 20, 2270, 0.8e6),
        new SessionEvent.StallEnded(2400, 2_000_000, 270),
        new SessionEvent.QualityRendered(2410, 1, 900_000, 0, 2_000_000),
        new SessionEvent.SessionEnded(4400, "ended", "", 4_000_000, 100, 0, 0));
  }

  private static Path writeLog(Path file, List<SessionEvent> events) throws Exception {
    StringBuilder text = new StringBuilder();
    events.forEach(e -> text.append(SessionJson.toJson(e)).append('\n'));
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void a_log_gives_the_summary_the_fragment_csv_and_three_png_charts(@TempDir Path dir)
      throws Exception {
    Path log = writeLog(dir.resolve("bola.jsonl"), session("bola"));
    Path outDir = dir.resolve("report");

    assertThat(run("report", log.toString(), "--out", outDir.toString()))
        .as(err.toString())
        .isZero();

    Path report = outDir.resolve("bola");
    SessionSummary expected = SessionSummary.of(session("bola"));
    assertThat(Files.readString(report.resolve("summary.json")))
        .isEqualTo(expected.toJson() + "\n");
    assertThat(Files.readString(report.resolve("summary.txt")))
        .startsWith(expected.toText() + "\n")
        .contains("source: " + log + " (12 events)")
        .contains("video: 2 fragments, 300000 bytes (300 kbps \u00d71, 900 kbps \u00d71)");
    assertThat(Files.readAllLines(report.resolve("fragments.csv")))
        .hasSize(3)
        .first()
        .isEqualTo(
            "t_ms,stream,chunk,level,bitrate_bps,bytes,ttfb_ms,download_ms,throughput_bps,"
                + "buffer_at_decision_s,reason");
    for (String chart : new String[] {"bitrate.png", "buffer.png", "drops.png"}) {
      var image = ImageIO.read(report.resolve(chart).toFile());
      assertThat(image.getWidth()).as(chart).isEqualTo(1000);
      assertThat(image.getHeight()).as(chart).isEqualTo(320);
    }
    assertThat(out.toString()).startsWith("== bola ==\n").contains("wrote " + report);
    assertThat(outDir.resolve("comparison.md")).doesNotExist();
  }

  @Test
  void a_log_cut_off_in_the_middle_of_its_last_line_still_reports(@TempDir Path dir)
      throws Exception {
    Path log = writeLog(dir.resolve("crash.jsonl"), session("default"));
    byte[] whole = Files.readAllBytes(log);
    Files.write(log, java.util.Arrays.copyOf(whole, whole.length - 25)); // mid session_ended

    assertThat(run("report", log.toString(), "--out", dir.resolve("out").toString()))
        .as(err.toString())
        .isZero();

    assertThat(err.toString()).contains(log + ": the last line was cut off (ignored)");
    Path summary = dir.resolve("out/crash/summary.txt");
    assertThat(Files.readString(summary))
        .contains("end: incomplete")
        .contains("(11 events, truncated last line ignored)");
    assertThat(dir.resolve("out/crash/bitrate.png")).isRegularFile();
    assertThat(dir.resolve("out/crash/fragments.csv")).isRegularFile();
  }

  @Test
  void a_cut_off_log_is_reported_once_by_the_command_and_not_again_by_a_logger(@TempDir Path dir)
      throws Exception {
    Path log = writeLog(dir.resolve("crash.jsonl"), session("default"));
    byte[] whole = Files.readAllBytes(log);
    Files.write(log, java.util.Arrays.copyOf(whole, whole.length - 25));
    java.io.PrintStream stderr = System.err;
    var logged = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      assertThat(run("report", log.toString(), "--out", dir.resolve("out").toString())).isZero();
    } finally {
      System.setErr(stderr);
    }

    assertThat(err.toString()).contains("the last line was cut off");
    assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain("truncated last line");
  }

  @Test
  void several_logs_also_give_a_comparison_table_in_markdown_and_csv(@TempDir Path dir)
      throws Exception {
    Path a =
        writeLog(
            Files.createDirectories(dir.resolve("a")).resolve("run.jsonl"), session("default"));
    Path b =
        writeLog(Files.createDirectories(dir.resolve("b")).resolve("run.jsonl"), session("bb"));
    Path outDir = dir.resolve("out");

    assertThat(run("report", a.toString(), b.toString(), "--out", outDir.toString())).isZero();

    assertThat(outDir.resolve("run/summary.json")).isRegularFile();
    assertThat(outDir.resolve("run-2/summary.json")).isRegularFile();
    List<String> csv = Files.readAllLines(outDir.resolve("comparison.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(1)).startsWith("run,default,defaults,120,");
    assertThat(csv.get(2)).startsWith("run-2,bb,defaults,120,");
    assertThat(Files.readString(outDir.resolve("comparison.md")))
        .startsWith("| log | policy | settings |")
        .contains("| run-2 | bb | defaults | 120 |");
  }

  @Test
  void a_missing_log_is_an_error_and_no_log_at_all_a_usage_error(@TempDir Path dir) {
    assertThat(run("report", dir.resolve("none.jsonl").toString(), "--out", dir.toString()))
        .isEqualTo(Main.EXIT_FAILED);
    assertThat(err.toString()).contains("none.jsonl: no such file");

    assertThat(run("report")).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void an_empty_file_or_one_that_is_not_a_log_is_an_error_and_writes_no_report(@TempDir Path dir)
      throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    Path binary =
        Files.write(dir.resolve("picture.jsonl"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Path out = dir.resolve("out");

    assertThat(run("report", empty.toString(), "--out", out.toString()))
        .isEqualTo(Main.EXIT_FAILED);
    assertThat(run("report", binary.toString(), "--out", out.toString()))
        .isEqualTo(Main.EXIT_FAILED);

    assertThat(err.toString().lines())
        .containsExactly(
            "smooth-player report: "
                + empty
                + ": field \"<file>\": expected session events as JSON lines (the first a"
                + " session_started), found nothing (the file is empty)",
            "smooth-player report: "
                + binary
                + ": field \"<file>\": expected session events as JSON lines (the first a"
                + " session_started), found one cut-off line that is not JSON (not a session"
                + " log?)");
    assertThat(out).doesNotExist();
  }

  @Test
  void a_malformed_line_inside_a_log_is_an_error_naming_the_line(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("bad.jsonl");
    Files.writeString(log, "{\"type\":\"seek\",\"tMs\":1,\"fromUs\":0}\n{}\n");

    assertThat(run("report", log.toString(), "--out", dir.resolve("out").toString()))
        .isEqualTo(Main.EXIT_FAILED);
    assertThat(err.toString()).contains("line 1: field \"toUs\": expected a 64-bit integer");
  }
}
