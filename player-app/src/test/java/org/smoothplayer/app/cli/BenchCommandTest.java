package org.smoothplayer.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import picocli.CommandLine;

/**
 * {@code bench decode}'s command line. The measurement itself is a runnable ({@code ./smooth-player
 * bench decode}), never a test: these runs all stop before measuring.
 */
class BenchCommandTest {

  /** Exit code, standard output and standard error of one run. */
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

  @Test
  void bench_without_a_benchmark_name_is_a_usage_error() {
    Outcome o = run("bench");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err())
        .contains("bench needs a benchmark name: decode, play, soak")
        .contains("Usage:");
  }

  @Test
  void a_thread_count_above_64_is_a_usage_error_naming_the_range() {
    Outcome o = run("bench", "decode", "--threads", "1,99");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--threads must be 0 (auto) .. 64, was 99");
  }

  @Test
  void a_thread_count_that_is_not_a_number_is_a_usage_error() {
    Outcome o = run("bench", "decode", "--threads", "1,many");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--threads").contains("many");
  }

  @Test
  void zero_repetitions_is_a_usage_error() {
    Outcome o = run("bench", "decode", "--repetitions", "0");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--repetitions must be 1..100, was 0");
  }

  @Test
  void an_unknown_metric_is_a_usage_error() {
    Outcome o = run("bench", "decode", "--metric", "speed");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--metric must be cpu or wall, was 'speed'");
  }

  @Test
  void duration_applies_to_generated_content_only() {
    Outcome o = run("bench", "decode", "--presentation", "/somewhere", "--duration-s", "4");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--duration-s applies to the generated content only");
  }

  @Test
  void a_duration_out_of_range_is_a_usage_error() {
    Outcome o = run("bench", "decode", "--duration-s", "1");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--duration-s must be 2..600, was 1");
  }

  @Test
  void an_unknown_option_is_a_usage_error() {
    Outcome o = run("bench", "decode", "--frobnicate");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void a_keep_folder_that_cannot_be_made_is_a_usage_error_before_any_work(@TempDir Path dir)
      throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
    // The presentation folder does not exist either: the --keep check comes first.
    Outcome o =
        run(
            "bench",
            "decode",
            "--keep",
            file.resolve("streams").toString(),
            "--presentation",
            dir.resolve("missing").toString());

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err())
        .contains("--keep " + file.resolve("streams") + ": cannot create it: ")
        .contains(file.toString())
        .doesNotContain("missing");
  }

  @Test
  void a_folder_without_manifest_fails_with_a_message(@TempDir Path empty) {
    Outcome o = run("bench", "decode", "--presentation", empty.toString());

    assertThat(o.exit()).isEqualTo(1);
    assertThat(o.err())
        .contains("bench decode: the folder")
        .contains("holds no file named Manifest");
    assertThat(o.out()).doesNotContain("min ratio");
  }

  @Test
  void a_presentation_without_720p_or_1080p_levels_fails_naming_the_way_out() {
    Path tiny = Presentations.cached(Preset.TINY);

    Outcome o = run("bench", "decode", "--presentation", tiny.toString());

    assertThat(o.exit()).isEqualTo(1);
    assertThat(o.err())
        .contains("bench decode: no 720p or 1080p video level in " + tiny)
        .contains("--all-levels");
  }

  @Test
  void a_missing_ffmpeg_executable_fails_before_measuring(@TempDir Path dir) {
    Path tiny = Presentations.cached(Preset.TINY);

    Outcome o =
        run(
            "bench",
            "decode",
            "--presentation",
            tiny.toString(),
            "--all-levels",
            "--ffmpeg",
            dir.resolve("no-ffmpeg").toString());

    assertThat(o.exit()).isEqualTo(1);
    assertThat(o.err()).contains("decode benchmark failed").contains("no-ffmpeg");
    assertThat(o.out()).doesNotContain("min ratio");
  }

  @Test
  void a_reference_that_cannot_run_fails_before_the_content_is_prepared(@TempDir Path dir) {
    Outcome o = run("bench", "decode", "--ffmpeg", dir.resolve("no-ffmpeg").toString());

    assertThat(o.exit()).isEqualTo(1);
    assertThat(o.err())
        .startsWith("decode benchmark failed: cannot start " + dir.resolve("no-ffmpeg"))
        .doesNotContain("preparing content");
  }

  @Test
  void help_lists_the_options() {
    Outcome o = run("bench", "decode", "--help");

    assertThat(o.exit()).isZero();
    assertThat(o.out())
        .contains("--presentation")
        .contains("--repetitions")
        .contains("--threads")
        .contains("--metric")
        .contains("--all-levels");
  }
}
