package org.smoothplayer.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionLogReader;
import org.smoothplayer.app.session.SessionSummary;
import org.smoothplayer.assets.generate.LevelSpec;
import org.smoothplayer.assets.generate.ManifestStyle;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveOptions;

/** {@code smooth-player URL --headless} against the local origin, as a script would run it. */
class HeadlessPlayCommandTest {

  @Test
  @Timeout(60)
  void headless_play_prints_a_summary_that_matches_its_session_log_and_json(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("session.jsonl");
    Path summaryFile = dir.resolve("out/summary.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (LocalOrigin origin = LocalOrigin.builder(Presentations.cached(Preset.TINY)).start()) {
      var cl = Main.commandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      code =
          cl.execute(
              origin.baseUri().resolve("Manifest").toString(),
              "--headless",
              "--no-audio-device",
              "--duration",
              "3",
              "--log",
              log.toString(),
              "--summary",
              summaryFile.toString());
    }
    assertThat(code).as("stderr: %s", err).isZero();
    SessionSummary fromLog = SessionSummary.of(SessionLogReader.read(log));
    // The last line ends with a line feed too, so `while read` loops in scripts see it.
    assertThat(out.toString()).isEqualTo(fromLog.toText() + "\n");
    JsonNode json = new ObjectMapper().readTree(Files.readString(summaryFile));
    for (String key :
        new String[] {
          "startup_ms",
          "played_s",
          "avg_bitrate_bps",
          "switches",
          "stalls",
          "stall_s",
          "rendered_frames",
          "dropped_frames",
          "av_drift_ms_p95",
          "levels",
          "qoe_lin_per_fragment"
        }) {
      assertThat(json.has(key)).as("summary key %s", key).isTrue();
    }
    assertThat(json.get("played_s").asDouble()).isBetween(2.9, 3.3);
    assertThat(json.get("stalls").asInt()).isZero();
    assertThat(json.get("rendered_frames").asLong()).isGreaterThanOrEqualTo(70);
    assertThat(json).isEqualTo(new ObjectMapper().readTree(fromLog.toJson()));
  }

  /**
   * Plays tiny with its caption stream from the local origin, headless, silent and without a log,
   * with {@code more} options; stderr goes to {@code err}. Returns the exit code.
   */
  private static int playTinyWithCaptions(StringWriter err, String... more) throws Exception {
    return playTinyWithCaptions(UnaryOperator.identity(), err, more);
  }

  /** As above, with the origin set up by {@code origin} as well. */
  private static int playTinyWithCaptions(
      UnaryOperator<LocalOrigin.Builder> setUp, StringWriter err, String... more) throws Exception {
    Path presentation = Presentations.cached(Preset.TINY.spec().withCaptions(true));
    try (LocalOrigin origin = setUp.apply(LocalOrigin.builder(presentation)).start()) {
      var cl = Main.commandLine();
      cl.setOut(new PrintWriter(new StringWriter(), true));
      cl.setErr(new PrintWriter(err, true));
      List<String> args =
          new ArrayList<>(
              List.of(
                  origin.baseUri().resolve("Manifest").toString(),
                  "--headless",
                  "--no-audio-device",
                  "--no-log"));
      args.addAll(List.of(more));
      return cl.execute(args.toArray(String[]::new));
    }
  }

  @Test
  @Timeout(60)
  void with_captions_the_headless_run_prints_each_caption_as_it_shows() throws Exception {
    StringWriter err = new StringWriter();
    int code = playTinyWithCaptions(err, "--captions", "eng");
    assertThat(code).as("stderr: %s", err).isZero();
    List<String> captions =
        err.toString().lines().filter(l -> l.startsWith("smooth-player: caption at ")).toList();
    assertThat(captions)
        .hasSizeGreaterThanOrEqualTo(4)
        .allMatch(l -> l.matches("smooth-player: caption at \\d+\\.\\d s: .+"));
    assertThat(captions).anyMatch(l -> l.endsWith(": Caption 1 | 0:01.0 to 0:02.0"));
    assertThat(captions).anyMatch(l -> l.endsWith(": Caption 3 | 0:03.0 to 0:04.0"));
    assertThat(err.toString()).doesNotContain("--captions eng:");
  }

  @Test
  @Timeout(60)
  void captions_of_a_presentation_starting_late_are_timed_from_its_start() throws Exception {
    // A broadcast that ended before the session: on demand, its timeline from 3600 s.
    StringWriter err = new StringWriter();
    int code =
        playTinyWithCaptions(
            o -> o.live(LiveOptions.defaults().withStartOffsetS(30)), err, "--captions", "eng");
    assertThat(code).as("stderr: %s", err).isZero();
    List<String> captions =
        err.toString().lines().filter(l -> l.startsWith("smooth-player: caption at ")).toList();
    assertThat(captions)
        .anyMatch(l -> l.matches("smooth-player: caption at 1\\.\\d s: Caption 1 \\| .+"))
        .noneMatch(l -> l.contains(" at 36"));
  }

  @Test
  @Timeout(60)
  void captions_in_a_language_the_presentation_lacks_are_named_with_the_tracks_it_has()
      throws Exception {
    StringWriter err = new StringWriter();
    int code = playTinyWithCaptions(err, "--duration", "1", "--captions", "fra");
    assertThat(code).as("stderr: %s", err).isZero();
    assertThat(err.toString())
        .contains(
            "smooth-player: --captions fra: no caption track in that language; the presentation"
                + " has [eng (English (captions))]")
        .doesNotContain("caption at");
  }

  @Test
  @Timeout(60)
  void captions_off_shows_none_and_is_not_taken_for_a_language() throws Exception {
    StringWriter err = new StringWriter();
    int code = playTinyWithCaptions(err, "--duration", "2", "--captions", "OFF");
    assertThat(code).as("stderr: %s", err).isZero();
    assertThat(err.toString()).doesNotContain("caption at").doesNotContain("--captions");
  }

  @Test
  @Timeout(60)
  void a_presentation_folder_on_disk_plays_through_a_loopback_origin(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("session.jsonl");
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));

    int code =
        cl.execute(
            Presentations.cached(Preset.TINY).toString(),
            "--headless",
            "--no-audio-device",
            "--duration",
            "2",
            "--log",
            log.toString());

    assertThat(code).as("stderr: %s", err).isZero();
    SessionSummary summary = SessionSummary.of(SessionLogReader.read(log));
    assertThat(summary.playedS()).isBetween(1.9, 2.3);
    assertThat(summary.stalls()).isZero();
  }

  @Test
  @Timeout(60)
  void notices_of_a_presentation_on_disk_name_its_files_and_its_log_the_urls_asked_for(
      @TempDir Path dir) throws Exception {
    Path tiny = Presentations.cached(Preset.TINY);
    Path folder = dir.resolve("my film");
    try (var files = Files.walk(tiny)) {
      for (Path from : files.toList()) {
        Files.copy(from, folder.resolve(tiny.relativize(from).toString()));
      }
    }
    // The second audio fragment goes missing: its failure is a notice.
    Path audio = folder.resolve("QualityLevels(128000)");
    Path missing;
    try (var fragments = Files.list(audio)) {
      missing =
          fragments
              .sorted(
                  java.util.Comparator.comparingLong(
                      f -> Long.parseLong(f.getFileName().toString().replaceAll("\\D", ""))))
              .toList()
              .get(1);
    }
    Files.delete(missing);
    Path log = dir.resolve("session.jsonl");
    var cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));

    int code =
        cl.execute(
            folder.toString(),
            "--headless",
            "--no-audio-device",
            "--duration",
            "3",
            "--log",
            log.toString());

    assertThat(code).as("stderr: %s", err).isZero();
    List<SessionEvent> events = SessionLogReader.read(log);
    assertThat(events)
        .filteredOn(SessionEvent.Notice.class::isInstance)
        .map(e -> ((SessionEvent.Notice) e).message())
        .filteredOn(m -> m.startsWith("audio fragments are failing"))
        .singleElement()
        .satisfies(m -> assertThat(m).contains(" " + missing + ":").doesNotContain("127.0.0.1"));
    assertThat(events)
        .filteredOn(SessionEvent.FragmentRequested.class::isInstance)
        .map(e -> ((SessionEvent.FragmentRequested) e).url())
        .filteredOn(u -> u.endsWith("/QualityLevels(128000)/" + missing.getFileName()))
        .isNotEmpty()
        .allSatisfy(u -> assertThat(u).startsWith("http://127.0.0.1:"));
  }

  @Test
  @Timeout(60)
  void the_error_of_a_presentation_on_disk_names_its_file(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("broken film"));
    Files.writeString(folder.resolve("Manifest"), "<SmoothStreamingMedia MajorVersion=\"2\"");
    var cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));

    int code = cl.execute(folder.toString(), "--headless", "--no-audio-device", "--no-log");

    assertThat(code).isEqualTo(Main.EXIT_FAILED);
    assertThat(err.toString())
        .contains("cannot read the manifest " + folder.resolve("Manifest") + ": at line 1")
        .doesNotContain("127.0.0.1");
  }

  /** One small level, 20 s: long enough to be interrupted mid-play. */
  static final PresentationSpec TWENTY_SECONDS =
      new PresentationSpec(
          "headless-interrupt",
          20_000,
          2_000,
          List.of(new LevelSpec(150_000, 160, 90)),
          25,
          true,
          ManifestStyle.TIMED,
          PresentationSpec.DEFAULT_FLASH_INTERVAL_MS);

  @Test
  @Timeout(90)
  void a_headless_run_ended_by_a_signal_still_prints_and_writes_its_summary(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("session.jsonl");
    Path summaryFile = dir.resolve("summary.json");
    Path stdout = dir.resolve("stdout.txt");
    try (LocalOrigin origin = LocalOrigin.builder(Presentations.cached(TWENTY_SECONDS)).start()) {
      Process player =
          PlayerProcess.builder(
                  List.of(),
                  origin.baseUri().resolve("Manifest").toString(),
                  "--headless",
                  "--no-audio-device",
                  "--log",
                  log.toString(),
                  "--summary",
                  summaryFile.toString())
              .redirectOutput(stdout.toFile())
              .redirectError(dir.resolve("stderr.txt").toFile())
              .start();
      try {
        // Interrupt once the log shows the session playing.
        while (!Files.exists(log) || !Files.readString(log).contains("\"state\":\"PLAYING\"")) {
          assertThat(player.isAlive()).as("the player runs until it is stopped").isTrue();
          Thread.sleep(50);
        }
        player.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as for Ctrl+C
        assertThat(player.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        player.destroyForcibly();
      }
      assertThat(player.exitValue()).isEqualTo(128 + 15);
    }

    SessionSummary fromLog = SessionSummary.of(SessionLogReader.read(log));
    assertThat(fromLog.endReason()).isEqualTo("interrupted");
    assertThat(fromLog.playedS()).isPositive().isLessThan(19);
    assertThat(Files.readString(stdout)).isEqualTo(fromLog.toText() + "\n");
    assertThat(new ObjectMapper().readTree(summaryFile.toFile()).get("end_reason").asText())
        .isEqualTo("interrupted");
  }
}
