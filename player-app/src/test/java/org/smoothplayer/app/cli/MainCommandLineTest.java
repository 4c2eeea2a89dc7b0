package org.smoothplayer.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainCommandLineTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  /** A command whose native library cannot be loaded, as {@code snapshot} on a broken install. */
  @CommandLine.Command(name = "broken")
  static final class MissingNatives implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new UnsatisfiedLinkError("no jniavutil in java.library.path: /usr/lib");
    }
  }

  @Test
  void a_library_that_cannot_be_loaded_is_one_line_and_exit_1_not_a_stack_trace() {
    CommandLine commandLine = new CommandLine(new MissingNatives());
    commandLine.setErr(new PrintWriter(err, true));

    assertThat(Main.execute(commandLine)).isEqualTo(Main.EXIT_FAILED);
    assertThat(err.toString())
        .isEqualTo(
            "smooth-player: cannot load a part of the program (java.lang.UnsatisfiedLinkError: no"
                + " jniavutil in java.library.path: /usr/lib); the installation is incomplete or"
                + " made for another platform"
                + System.lineSeparator());
  }

  @Test
  void help_lists_every_subcommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("generate", "origin", "probe", "simulate", "bench", "snapshot", "--headless");
  }

  @Test
  void version_names_the_player_and_the_java_runtime() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("smooth-player ").contains("Java 17");
  }

  @Test
  void playing_an_unreachable_url_headless_fails_with_the_cause_and_exit_code_1() {
    assertThat(run("http://127.0.0.1:1/Manifest", "--headless", "--no-audio-device"))
        .isEqualTo(Main.EXIT_FAILED);
    assertThat(err.toString()).contains("cannot fetch the manifest http://127.0.0.1:1/Manifest");
  }

  @Test
  void playing_a_url_that_is_not_http_is_a_usage_error_naming_what_was_expected() {
    assertThat(run("ftp://example.invalid/Manifest", "--headless")).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("expected an http or https manifest URL");
  }

  @Test
  void a_malformed_quality_is_a_usage_error() {
    assertThat(run("http://127.0.0.1:1/Manifest", "--headless", "--quality", "best"))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("expected 'auto', a level index or a maximum bitrate");
  }

  @Test
  void a_start_or_duration_that_is_negative_zero_or_not_finite_is_a_usage_error_naming_it() {
    String url = "http://127.0.0.1:1/Manifest";
    assertThat(run(url, "--headless", "--start", "-5")).isEqualTo(Main.EXIT_USAGE);
    assertThat(run(url, "--headless", "--start", "NaN")).isEqualTo(Main.EXIT_USAGE);
    assertThat(run(url, "--headless", "--start", "1e400")).isEqualTo(Main.EXIT_USAGE);
    assertThat(run(url, "--headless", "--duration", "0")).isEqualTo(Main.EXIT_USAGE);
    assertThat(run(url, "--headless", "--duration", "Infinity")).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString().lines())
        .containsExactly(
            "smooth-player: --start: expected seconds from the start (a finite number >= 0) but"
                + " was -5.0",
            "smooth-player: --start: expected seconds from the start (a finite number >= 0) but"
                + " was NaN",
            "smooth-player: --start: expected seconds from the start (a finite number >= 0) but"
                + " was Infinity",
            "smooth-player: --duration: expected seconds of media to play (a finite number > 0)"
                + " but was 0.0",
            "smooth-player: --duration: expected seconds of media to play (a finite number > 0)"
                + " but was Infinity");
  }

  @Test
  void an_empty_audio_language_or_caption_language_is_a_usage_error() {
    String url = "http://127.0.0.1:1/Manifest";
    assertThat(run(url, "--headless", "--audio-lang", "")).isEqualTo(Main.EXIT_USAGE);
    assertThat(run(url, "--headless", "--captions", " ")).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString().lines())
        .containsExactly(
            "smooth-player: --audio-lang: expected a language (e.g. en, fra) but was empty",
            "smooth-player: --captions: expected a language (e.g. eng), 'on' or 'off' but was"
                + " empty");
  }

  @Test
  void generate_refuses_an_unknown_preset_and_names_the_valid_ones(@TempDir Path dir) {
    assertThat(run("generate", "huge", "--out", dir.toString())).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("huge").contains("tiny", "sample", "pensieve");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void generate_writes_the_tiny_presentation_with_its_manifest(@TempDir Path dir) {
    Path out = dir.resolve("tiny");
    assertThat(run("generate", "tiny", "--out", out.toString())).isZero();
    assertThat(out.resolve("Manifest")).isRegularFile();
    assertThat(this.out.toString()).contains("wrote " + out.resolve("Manifest"));
  }

  @Test
  void generate_honours_the_requested_manifest_style(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("repeat");
    assertThat(run("generate", "tiny", "--out", out.toString(), "--style", "REPEAT")).isZero();
    assertThat(Files.readString(out.resolve("Manifest"))).contains(" r=\"");
  }

  @Test
  void a_manifest_style_may_be_typed_in_lower_case(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("timed");
    assertThat(run("generate", "tiny", "--out", out.toString(), "--style", "timed"))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(out.resolve("Manifest"))).contains(" t=\"").doesNotContain(" r=\"");
  }

  @Test
  void generate_writes_e_ac_3_audio_when_asked_and_refuses_an_unknown_codec(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("ec3");
    assertThat(
            run("generate", "tiny", "--out", out.toString(), "--style", "timed", "--audio", "EC-3"))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(out.resolve("Manifest")))
        .contains("FourCC=\"EC-3\"", "AudioTag=\"65534\"", " t=\"");
    assertThat(out.resolve("QualityLevels(224000)")).isDirectory();

    assertThat(run("generate", "tiny", "--out", dir.resolve("x").toString(), "--audio", "dts"))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("--audio: expected aac, ec-3 or ac-3 but was 'dts'");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void origin_refuses_a_malformed_fault_rule_before_serving(@TempDir Path dir) {
    assertThat(run("origin", "--root", dir.toString(), "--fault", "Fragments=teapot"))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("teapot");
  }

  @Test
  void origin_on_a_folder_without_a_manifest_serves_it_and_warns_that_manifest_answers_404(
      @TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("movie.ismc"), "<SmoothStreamingMedia/>");
    Process origin =
        PlayerProcess.builder(List.of(), "origin", "--root", dir.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    // Read on another thread: without the warning, the first stderr line never comes.
    CompletableFuture<String> firstLine =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new BufferedReader(
                        new InputStreamReader(origin.getErrorStream(), StandardCharsets.UTF_8))
                    .readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      assertThat(firstLine.get(30, TimeUnit.SECONDS))
          .isEqualTo(
              "smooth-player origin: no file named Manifest in "
                  + dir
                  + ": /Manifest answers 404 (is --root the presentation folder?)");
      assertThat(origin.isAlive()).as("it goes on serving the folder's files").isTrue();
    } finally {
      origin.destroyForcibly();
      origin.waitFor();
    }
  }

  @Test
  void origin_refuses_a_root_that_is_not_a_folder(@TempDir Path dir) {
    assertThat(run("origin", "--root", dir.resolve("missing").toString()))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("is not a folder");
  }

  @Test
  void origin_refuses_a_port_or_latency_out_of_range_in_one_line(@TempDir Path dir) {
    assertThat(run("origin", "--root", dir.toString(), "--port", "99999"))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(run("origin", "--root", dir.toString(), "--latency-ms", "-5"))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "smooth-player origin: port 99999 is out of range; expected 0..65535\n"
                + "smooth-player origin: latency -5 ms is out of range; expected 0..3600000\n");
  }

  @Test
  void origin_names_a_trace_file_that_does_not_exist(@TempDir Path dir) {
    Path missing = dir.resolve("missing.trace");
    assertThat(run("origin", "--root", dir.toString(), "--trace", missing.toString()))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "smooth-player origin: --trace "
                + missing
                + ": no such file or folder: "
                + missing
                + "\n");
  }

  @Test
  void origin_on_a_port_in_use_fails_naming_the_port_and_what_to_do(@TempDir Path dir)
      throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThat(run("origin", "--root", dir.toString(), "--port", String.valueOf(port)))
          .isEqualTo(Main.EXIT_FAILED);
      assertThat(err.toString())
          .startsWith("smooth-player origin: cannot listen on port " + port + ": ")
          .contains("choose another with --port, or 0 for any free one")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void generate_into_a_path_under_a_file_fails_in_one_line_naming_it(@TempDir Path dir)
      throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "");
    Path target = blocker.resolve("tiny");
    assertThat(run("generate", "tiny", "--out", target.toString())).isEqualTo(Main.EXIT_FAILED);
    assertThat(err.toString())
        .isEqualTo(
            "smooth-player generate: cannot write the presentation to "
                + target
                + ": a file is in the way: "
                + blocker
                + System.lineSeparator());
  }

  @Test
  void generate_into_a_folder_holding_other_files_fails_in_one_line_naming_the_file(
      @TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "mine");

    assertThat(run("generate", "tiny", "--out", dir.toString())).isEqualTo(Main.EXIT_FAILED);

    assertThat(err.toString())
        .startsWith("smooth-player generate: output directory " + dir + " holds 'notes.txt'")
        .contains("choose an empty or new directory")
        .doesNotContain("\tat ")
        .hasLineCount(1);
    assertThat(dir.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void an_error_no_command_expected_is_one_line_naming_the_command_and_where_not_a_trace()
      throws Exception {
    CommandLine generate = Main.commandLine().getSubcommands().get("generate");
    generate.setErr(new PrintWriter(err, true));
    IllegalStateException bug = new IllegalStateException("the ladder is empty");
    bug.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("org.smoothplayer.X", "encode", "X.java", 42)
        });

    int exit =
        generate.getExecutionExceptionHandler().handleExecutionException(bug, generate, null);

    assertThat(exit).isEqualTo(Main.EXIT_FAILED);
    assertThat(err.toString())
        .isEqualTo(
            "smooth-player generate: internal error: the ladder is empty (IllegalStateException"
                + " at org.smoothplayer.X.encode:42); please report it"
                + System.lineSeparator());
  }

  @Test
  void a_summary_file_that_cannot_be_written_is_a_usage_error_before_anything_plays(
      @TempDir Path dir) throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "");
    Path summary = blocker.resolve("s.json");
    assertThat(
            run(
                "http://127.0.0.1:1/Manifest",
                "--headless",
                "--no-audio-device",
                "--summary",
                summary.toString()))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "smooth-player: --summary "
                + summary
                + ": cannot create its folder: a file is in the way: "
                + blocker
                + "\n");
  }

  @Test
  void a_session_log_that_cannot_be_created_fails_naming_the_file_and_why(@TempDir Path dir)
      throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "");
    Path log = blocker.resolve("s.jsonl");
    assertThat(
            run(
                "http://127.0.0.1:1/Manifest",
                "--headless",
                "--no-audio-device",
                "--log",
                log.toString()))
        .isEqualTo(Main.EXIT_FAILED);
    assertThat(err.toString())
        .endsWith(
            "smooth-player: --log "
                + log
                + ": cannot create it: a file is in the way: "
                + blocker
                + "\n");
  }
}
