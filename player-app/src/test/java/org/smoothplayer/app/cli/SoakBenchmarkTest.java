package org.smoothplayer.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.cli.SoakFaultPlan.FragmentTimes;
import org.smoothplayer.app.cli.SoakLogs.LogCheck;
import org.smoothplayer.app.cli.SoakSamples.Bounds;
import org.smoothplayer.app.cli.SoakSamples.Check;
import org.smoothplayer.app.cli.SoakSamples.Sample;
import org.smoothplayer.app.cli.SoakSchedule.Action;
import org.smoothplayer.app.cli.SoakSchedule.Kind;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionJson;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.live.LiveOptions;
import picocli.CommandLine;

/**
 * {@code bench soak}: its pure parts (the /proc parsing, the bound checks and verdict, the action
 * schedule, the fault rules, the log check) and one short real soak on {@code tiny} in which a seam
 * leaks threads, to show the verdict machinery finds and names a leak.
 */
class SoakBenchmarkTest {

  // ---- command line ----

  record Outcome(int exit, String out, String err) {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  static SoakBenchmark.Options parse(String... args) {
    SoakBenchmark command = new SoakBenchmark();
    CommandLine cl = new CommandLine(command);
    cl.parseArgs(args);
    return command.options();
  }

  @Test
  void without_options_it_soaks_10_minutes_of_the_soak_content_sampling_every_30_s() {
    SoakBenchmark.Options o = parse();

    assertThat(o.durationMs()).isEqualTo(600_000);
    assertThat(o.reportEveryMs()).isEqualTo(30_000);
    assertThat(o.phaseMs()).isEqualTo(60_000);
    assertThat(o.content()).isEqualTo(SoakBenchmark.Content.SOAK);
    assertThat(o.keep()).isNull();
  }

  @Test
  void fractional_minutes_and_the_tiny_content_are_accepted() {
    SoakBenchmark.Options o =
        parse("--minutes", "0.25", "--report-every", "5", "--phase-s", "6", "--content", "TINY");

    assertThat(o.durationMs()).isEqualTo(15_000);
    assertThat(o.reportEveryMs()).isEqualTo(5_000);
    assertThat(o.phaseMs()).isEqualTo(6_000);
    assertThat(o.content()).isEqualTo(SoakBenchmark.Content.TINY);
  }

  @Test
  void out_of_range_options_are_usage_errors_naming_the_option_and_the_range() {
    Outcome zero = run("bench", "soak", "--minutes", "0");
    Outcome fast = run("bench", "soak", "--report-every", "0");
    Outcome phase = run("bench", "soak", "--phase-s", "2");
    Outcome content = run("bench", "soak", "--content", "huge");

    assertThat(List.of(zero.exit(), fast.exit(), phase.exit(), content.exit())).containsOnly(2);
    assertThat(zero.err()).contains("--minutes must be > 0 and <= 1440, was 0.0");
    assertThat(fast.err()).contains("--report-every must be 1..3600 seconds, was 0");
    assertThat(phase.err()).contains("--phase-s must be 5..3600 seconds, was 2");
    assertThat(content.err()).contains("--content must be soak or tiny, was 'huge'");
  }

  @Test
  void a_keep_folder_that_cannot_be_made_is_a_usage_error_before_the_content_is_prepared(
      @TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");

    Outcome o =
        run("bench", "soak", "--content", "tiny", "--keep", file.resolve("logs").toString());

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err())
        .contains("--keep " + file.resolve("logs") + ": cannot create it: ")
        .doesNotContain("encod");
  }

  // ---- /proc ----

  @Test
  void vm_rss_is_read_in_kb_from_a_proc_status_text() {
    String status =
        "Name:\tjava\nVmPeak:\t 7000000 kB\nVmHWM:\t  400123 kB\nVmRSS:\t  390456 kB\nThreads:\t42\n";

    assertThat(BenchSupport.statusKb(status, "VmRSS")).isEqualTo(390_456);
    assertThat(BenchSupport.statusKb(status, "VmHWM")).isEqualTo(400_123);
    assertThat(BenchSupport.statusKb("Name:\tkthreadd\n", "VmRSS")).isEqualTo(-1);
  }

  @Test
  void a_malformed_vm_rss_line_is_refused_naming_the_expected_form() {
    assertThatThrownBy(() -> BenchSupport.statusKb("VmRSS:\t 12 MB\n", "VmRSS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 'VmRSS: N kB'")
        .hasMessageContaining("12 MB");
    assertThatThrownBy(() -> BenchSupport.statusKb("VmRSS:\t lots kB\n", "VmRSS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lots");
  }

  @Test
  void this_process_has_a_resident_set_threads_and_open_files_to_sample() throws Exception {
    String status = Files.readString(Path.of("/proc/self/status"));

    assertThat(BenchSupport.statusKb(status, "VmRSS")).isPositive();
    assertThat(SoakProcessProbe.threadNames()).contains(Thread.currentThread().getName());
    assertThat(SoakProcessProbe.fdTargets()).isNotEmpty();
  }

  // ---- bounds and verdict ----

  private static Sample sample(long rssMib, long heapMib, int threads, int fds) {
    return new Sample(
        "x",
        0,
        "-",
        rssMib * 1024,
        heapMib * 1024 * 1024,
        heapMib * 2 * 1024 * 1024,
        30L * 1024 * 1024,
        1024 * 1024,
        2,
        0,
        threads,
        threads + 14,
        fds);
  }

  @Test
  void growth_within_every_bound_is_flat() {
    List<Check> checks =
        SoakSamples.checks(sample(300, 40, 10, 50), sample(364, 60, 12, 55), Bounds.DEFAULT);

    assertThat(checks).noneMatch(Check::exceeded);
    assertThat(SoakSamples.verdict(checks, List.of()))
        .isEqualTo("verdict: flat: every change within its bound, every session log consistent");
  }

  @Test
  void each_bound_exceeded_is_named_with_its_growth_in_the_verdict() {
    List<Check> checks =
        SoakSamples.checks(sample(300, 40, 10, 50), sample(365, 61, 13, 56), Bounds.DEFAULT);

    assertThat(checks)
        .filteredOn(Check::exceeded)
        .extracting(Check::metric)
        .containsExactly("RSS, MiB", "heap used after GC, MiB", "JVM threads", "open fds");
    assertThat(SoakSamples.verdict(checks, List.of("session 3 live: failed: x")))
        .isEqualTo(
            "verdict: NOT FLAT: RSS, MiB +65.0 > +64.0; heap used after GC, MiB +21.0 > +20.0;"
                + " JVM threads +3 > +2; open fds +6 > +5; 1 other problem");
  }

  @Test
  void threads_and_fds_that_ended_during_the_soak_do_not_hide_new_ones_that_grew() {
    Map<String, Integer> threadsBefore =
        SoakProcessProbe.shapes(
            List.of(
                "main", "HttpClient-1-Worker-0", "HttpClient-1-Worker-1", "HttpClient-2-Worker-0"));
    Map<String, Integer> threadsAfter =
        SoakProcessProbe.shapes(List.of("main", "soak-leak-1", "soak-leak-2", "soak-leak-3"));
    int grown = SoakProcessProbe.grown(threadsBefore, threadsAfter);

    List<Check> checks =
        SoakSamples.checks(
            sample(300, 40, 4, 50), sample(300, 40, 4, 50), grown, 0, Bounds.DEFAULT);

    assertThat(grown).isEqualTo(3);
    assertThat(SoakSamples.verdict(checks, List.of()))
        .isEqualTo("verdict: NOT FLAT: JVM threads +3 > +2");
    assertThat(SoakSamples.checkTable(checks))
        .contains("| JVM threads | 4 | 4 | +3 | +2 | EXCEEDED |")
        .contains(
            "JVM threads: the change counts those in the name shapes that grew (+3); end minus"
                + " start is +0, as some that were there at the start ended")
        .contains("| open fds | 50 | 50 | +0 | +5 | ok |");
  }

  @Test
  void a_metric_this_system_cannot_measure_is_shown_as_such_and_never_fails() {
    Sample before = new Sample("start", 0, "-", -1, 1, 2, 3, 0, 0, 0, 9, -1, -1);
    Sample after = new Sample("end", 5, "-", -1, 1, 2, 3, 0, 0, 0, 9, -1, -1);
    List<Check> checks = SoakSamples.checks(before, after, Bounds.DEFAULT);

    assertThat(checks).noneMatch(Check::exceeded);
    assertThat(SoakSamples.checkTable(checks))
        .contains("| RSS, MiB | n/a | n/a | n/a | +64.0 | not measured |")
        .contains("| JVM threads | 9 | 9 | +0 | +2 | ok |");
  }

  @Test
  void other_problems_make_the_verdict_not_flat_even_within_the_bounds() {
    List<Check> checks =
        SoakSamples.checks(sample(300, 40, 10, 50), sample(300, 40, 10, 50), Bounds.DEFAULT);

    assertThat(SoakSamples.verdict(checks, List.of("session 4 vod: failed: x")))
        .isEqualTo("verdict: NOT FLAT: 1 other problem");
  }

  @Test
  void a_sample_row_gives_mib_with_one_decimal_and_counts() {
    Sample s =
        new Sample(
            "30 s",
            3,
            "live",
            400_000,
            50L * 1024 * 1024,
            96L * 1024 * 1024,
            40L * 1024 * 1024 + 52_429,
            3 * 1024 * 1024 / 2,
            3,
            0,
            21,
            40,
            54);

    assertThat(SoakSamples.sampleRow(s))
        .isEqualTo(
            "| 30 s | 3 | live | 390.6 | 50.0 | 96.0 | 40.1 | 1.5 (3) | 0.0 | 21 | 40 | 54 |");
  }

  @Test
  void names_are_grouped_by_shape_and_the_difference_lists_what_grew_and_shrank() {
    Map<String, Integer> before =
        SoakProcessProbe.shapes(List.of("origin-40123-conn-7", "main", "OkHttp TaskRunner"));
    Map<String, Integer> after =
        SoakProcessProbe.shapes(
            List.of("origin-40999-conn-2", "origin-41000-conn-1", "main", "soak-leak-1"));

    assertThat(before).containsEntry("origin-N-conn-N", 1);
    assertThat(SoakProcessProbe.shapeDiff(before, after))
        .containsExactly("-1 OkHttp TaskRunner", "+1 origin-N-conn-N", "+1 soak-leak-N");
    assertThat(SoakProcessProbe.shapeDiff(after, after)).isEmpty();
  }

  @Test
  void the_trend_is_the_least_squares_slope_per_minute() {
    List<SoakSamples.Point> rising =
        List.of(
            new SoakSamples.Point(5, 200),
            new SoakSamples.Point(6, 203),
            new SoakSamples.Point(7, 204),
            new SoakSamples.Point(8, 207));

    assertThat(SoakSamples.slopePerMinute(rising)).isCloseTo(2.2, within(1e-9));
    assertThat(SoakSamples.slopePerMinute(List.of(new SoakSamples.Point(5, 1)))).isNaN();
    assertThat(SoakSamples.slopePerMinute(List.of())).isNaN();
  }

  // ---- schedule ----

  @Test
  void three_minutes_alternate_vod_and_live_phases_with_switches_seeks_and_dvr_returns() {
    List<Action> plan = SoakSchedule.schedule(180_000, 60_000, 3, 24_000_000);

    assertThat(plan.stream().map(Action::describe).collect(Collectors.joining("\n")))
        .isEqualTo(
            """
            10.0 s vod seek to 2.400 s
            20.0 s force level 0
            35.0 s vod seek to 14.400 s
            40.0 s auto quality
            60.0 s force level 1
            72.0 s dvr seek 15 s behind the edge
            80.0 s auto quality
            84.0 s back to live
            100.0 s force level 2
            102.0 s dvr seek 15 s behind the edge
            114.0 s back to live
            120.0 s auto quality
            130.0 s vod seek to 16.800 s
            140.0 s force level 0
            155.0 s vod seek to 9.600 s
            160.0 s auto quality""");
    assertThat(SoakSchedule.phaseAt(59_999, 60_000)).isEqualTo(Kind.VOD);
    assertThat(SoakSchedule.phaseAt(60_000, 60_000)).isEqualTo(Kind.LIVE);
    assertThat(SoakSchedule.phaseAt(120_000, 60_000)).isEqualTo(Kind.VOD);
  }

  @Test
  void a_schedule_needs_positive_inputs() {
    assertThatThrownBy(() -> SoakSchedule.schedule(0, 60_000, 3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected positive");
  }

  // ---- faults ----

  /** Tiny's timing: 4 video fragments of 1 s, 4 AAC fragments, 4-s loop, timescale 10 MHz. */
  static final FragmentTimes TINY =
      new FragmentTimes(
          10_000_000,
          40_000_000,
          List.of(0L, 10_000_000L, 20_000_000L, 30_000_000L),
          List.of(10_000_000L, 10_000_000L, 10_000_000L, 10_000_000L),
          List.of(0L, 10_026_667L, 20_053_333L, 30_080_000L),
          List.of(10_026_667L, 10_026_666L, 10_026_667L, 9_920_000L));

  static final LiveOptions LIVE = LiveOptions.defaults().withEndless(true).withStartOffsetS(30);

  @Test
  void a_vod_session_gets_three_video_faults_one_audio_fault_and_a_manifest_fault() {
    List<String> rules =
        SoakFaultPlan.faults(Kind.VOD, 0, TINY, LIVE).stream().map(FaultRule::text).toList();

    assertThat(rules)
        .containsExactly(
            "Fragments(video=10000000)=500@2",
            "Fragments(video=20000000)=reset@1",
            "Fragments(video=30000000)=stall:2@1",
            "Fragments(audio=30080000)=truncate@1",
            "Manifest=503@1");
  }

  @Test
  void a_live_session_aims_its_faults_at_public_timestamps_after_the_publish_edge() {
    // 30 s published at start: 30 video fragments (edge index 30); fragment g is public at
    // 3600 + g seconds. Audio: 29 whole fragments by then, fragment 34 starts at 3608 + 12.0053 s.
    List<String> rules =
        SoakFaultPlan.faults(Kind.LIVE, 1, TINY, LIVE).stream().map(FaultRule::text).toList();

    assertThat(rules)
        .containsExactly(
            "Fragments(video=36330000000)=reset@1",
            "Fragments(video=36380000000)=stall:2@1",
            "Fragments(video=36430000000)=truncate@1",
            "Fragments(audio=36340053333)=404@1",
            "Manifest=500@1");
  }

  @Test
  void the_fault_kinds_rotate_so_every_kind_hits_video_within_six_sessions() {
    List<String> kinds = new ArrayList<>();
    for (int s = 0; s < 6; s++) {
      kinds.add(SoakFaultPlan.faults(Kind.VOD, s, TINY, LIVE).get(0).kind().text());
    }

    assertThat(kinds).containsExactly("500", "reset", "stall:2", "truncate", "404", "503");
  }

  // ---- session logs ----

  private static void writeLog(Path file, List<SessionEvent> events, String tail) throws Exception {
    StringBuilder text = new StringBuilder();
    for (SessionEvent e : events) {
      text.append(SessionJson.toJson(e)).append('\n');
    }
    Files.writeString(file, text + tail, StandardCharsets.UTF_8);
  }

  private static SessionEvent.SessionStarted started() {
    return new SessionEvent.SessionStarted(
        0, 1, "dev", "Linux", "JVM", "http://127.0.0.1/Manifest", Map.of(), 0);
  }

  @Test
  void a_whole_log_reads_back_with_its_end_reason_and_failures(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s.jsonl");
    writeLog(
        file,
        List.of(
            started(),
            new SessionEvent.FragmentFailed(5, "video", 1, 2, "HTTP 500", "retry"),
            new SessionEvent.SessionEnded(900, "closed", "", 800_000, 20, 0, 0)),
        "");

    LogCheck check = SoakLogs.checkLog(file);

    assertThat(check.problems()).isEmpty();
    assertThat(check.events()).isEqualTo(3);
    assertThat(check.endReason()).isEqualTo("closed");
    assertThat(check.fragmentFailures()).isEqualTo(1);
  }

  @Test
  void a_log_without_session_ended_or_with_a_cut_off_line_is_a_problem(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("s.jsonl");
    writeLog(file, List.of(started()), "{\"type\":\"progress\",\"tMs\":1");

    LogCheck check = SoakLogs.checkLog(file);

    assertThat(check.problems())
        .containsExactly(
            "its last line is cut off", "it ends with session_started, not session_ended");
  }

  @Test
  void a_log_that_cannot_be_read_back_is_a_problem_naming_why(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s.jsonl");
    Files.writeString(file, "not json\n{}\n");

    assertThat(SoakLogs.checkLog(file).problems())
        .singleElement()
        .asString()
        .startsWith("cannot be read back:");
    assertThat(SoakLogs.checkLog(dir.resolve("missing.jsonl")).problems())
        .singleElement()
        .asString()
        .contains("cannot be read back");
  }

  @Test
  void faults_are_counted_by_kind_from_the_origin_request_log(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("origin.jsonl");
    Files.writeString(
        log,
        """
        {"path":"/Manifest","method":"GET","status":503,"bytes":10,"fault":"503","fault_rule":"Manifest=503@1"}
        {"path":"/Manifest","method":"GET","status":200,"bytes":900}
        {"path":"/QualityLevels(1)/Fragments(video=0)","method":"GET","status":200,"bytes":9,"fault":"reset","fault_rule":"x"}
        {"path":"/QualityLevels(1)/Fragments(video=1)","method":"GET","status":200,"bytes":9,"fault":"reset","fault_rule":"y"}
        """);

    assertThat(SoakLogs.faultsInRequestLog(log))
        .containsExactly(Map.entry("503", 1), Map.entry("reset", 2));
  }

  // ---- one short real soak ----

  @Test
  @Timeout(90)
  void a_short_real_soak_on_tiny_reads_every_log_back_and_names_threads_a_session_leaks(
      @TempDir Path dir) throws Exception {
    // The seam leaks two parked threads per judged session: the verdict must find and name them.
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> leaked = new ArrayList<>();
    Runnable leak =
        () -> {
          for (int i = 0; i < 2; i++) {
            Thread t =
                new Thread(
                    () -> {
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    },
                    "soak-test-leak-" + leaked.size());
            t.setDaemon(true);
            t.start();
            leaked.add(t);
          }
        };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit;
    try {
      exit =
          SoakBenchmark.run(
              new SoakBenchmark.Options(8_000, 5_000, 5_000, SoakBenchmark.Content.TINY, dir),
              new PrintWriter(out),
              new PrintWriter(err),
              leak);
    } finally {
      release.countDown();
    }
    for (Thread t : leaked) {
      t.join(5_000);
    }

    String report = out.toString();
    List<String> lines = report.lines().toList();
    assertThat(exit).as("report:%n%s%nerr:%n%s", report, err).isEqualTo(1);
    assertThat(leaked).as("judged sessions leaked 2 threads each").hasSizeGreaterThanOrEqualTo(4);
    assertThat(lines.get(lines.size() - 1))
        .startsWith("verdict: NOT FLAT: JVM threads +")
        .doesNotContain("other problem");
    assertThat(report)
        .contains("| start | 0 | - |")
        .contains("| 5 s | ")
        .containsPattern("\\| end \\| [2-9] \\| - \\|")
        .contains("+" + leaked.size() + " soak-test-leak-N")
        .contains("grew: soak-test-leak-N (daemon true, WAITING)")
        .contains("read back")
        .contains("no event dropped")
        .doesNotContain("PROBLEM");
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).contains("session-0000-vod.jsonl").anyMatch(n -> n.endsWith("-live.jsonl"));
      assertThat(names.stream().filter(n -> n.startsWith("session-")))
          .hasSizeGreaterThanOrEqualTo(4);
      assertThat(names.stream().filter(n -> n.startsWith("origin-")))
          .hasSizeGreaterThanOrEqualTo(4);
    }
    assertThat(report).containsPattern("faults injected by the origins: [1-9][0-9]* ");
  }
}
