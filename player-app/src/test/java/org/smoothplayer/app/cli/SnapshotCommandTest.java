package org.smoothplayer.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.assets.generate.FrameCode;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveOptions;
import picocli.CommandLine;

/** {@code snapshot} on the generator's {@code tiny}: one PNG per level showing the right frame. */
class SnapshotCommandTest {

  private static Path tiny;

  /** Exit code, standard output and standard error of one run. */
  record Outcome(int exit, String out, String err) {}

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  static Outcome snapshot(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] all = Stream.concat(Stream.of("snapshot"), Stream.of(args)).toArray(String[]::new);
    int exit = cl.execute(all);
    return new Outcome(exit, out.toString(), err.toString());
  }

  /** The FrameCode burnt into a PNG: level index and frame number. */
  private static int frameCode(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    int width = image.getWidth();
    int height = image.getHeight();
    ByteBuffer bgra = ByteBuffer.allocate(width * height * 4);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = image.getRGB(x, y);
        bgra.put((byte) rgb).put((byte) (rgb >> 8)).put((byte) (rgb >> 16)).put((byte) 0xFF);
      }
    }
    OptionalInt code = FrameCode.readBgra(bgra, width, height, width * 4);
    assertThat(code).as("FrameCode band of %s", png).isPresent();
    return code.getAsInt();
  }

  private static List<Path> pngs(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  /**
   * Snapshots {@code tiny} into {@code out} with {@code options}; expects exit 0, both levels' PNGs
   * showing frame {@code frame} and {@code printed} on standard output.
   */
  private static void assertEveryLevelShows(int frame, String printed, Path out, String... options)
      throws IOException {
    assertEveryLevelOf(tiny.toString(), frame, printed, out, options);
  }

  /** As {@link #assertEveryLevelShows(int, String, Path, String...)}, of {@code location}. */
  private static void assertEveryLevelOf(
      String location, int frame, String printed, Path out, String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of(location, "--out", out.toString()));
    args.addAll(List.of(options));
    Outcome o = snapshot(args.toArray(String[]::new));

    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(pngs(out)).hasSize(2);
    for (Path png : pngs(out)) {
      assertThat(FrameCode.frameNumber(frameCode(png))).isEqualTo(frame);
    }
    assertThat(o.out()).contains(printed);
  }

  @Test
  void writes_one_png_per_level_showing_the_frame_at_the_time(@TempDir Path out)
      throws IOException {
    Outcome o = snapshot(tiny.toString(), "--out", out.toString(), "--time", "1");

    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(pngs(out))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("level-0-160x90.png", "level-1-320x180.png");
    for (int level = 0; level < 2; level++) {
      Path png = pngs(out).get(level);
      int code = frameCode(png);
      assertThat(FrameCode.levelIndex(code)).isEqualTo(level);
      // 25 fps: the frame at 1 s is frame 25, the key frame of the second fragment.
      assertThat(FrameCode.frameNumber(code)).isEqualTo(25);
    }
    assertThat(o.out()).contains("level 0, 150 kbps, 160x90 H264: frame at 1.000 s -> ");
  }

  @Test
  void a_time_between_frames_gives_the_next_frame_decoded_past_b_frames(@TempDir Path out)
      throws IOException {
    // 2.5 s lies between frame 62 (2.48 s) and frame 63 (2.52 s), in the middle of a GOP.
    assertEveryLevelShows(63, "frame at 2.520 s", out, "--time", "2.5");
  }

  @Test
  void the_last_frame_of_the_presentation_can_be_taken_over_http(@TempDir Path out)
      throws IOException {
    try (LocalOrigin origin = LocalOrigin.builder(tiny).start()) {
      assertEveryLevelOf(
          origin.baseUri().resolve("Manifest").toString(),
          99,
          "frame at 3.960 s",
          out,
          "--time",
          "3.96");
    }
  }

  @Test
  void a_time_within_the_last_frame_gives_that_frame(@TempDir Path out) throws IOException {
    // 3.99 s lies after frame 99 starts (3.96 s) and before the video ends (4 s).
    assertEveryLevelShows(99, "frame at 3.960 s", out, "--time", "3.99");
  }

  @Test
  void without_a_time_a_video_shorter_than_the_default_is_taken_past_its_middle(@TempDir Path out)
      throws IOException {
    // tiny lasts 4 s: 10.5 s is outside it, so its middle plus half a second, 2.5 s.
    assertEveryLevelShows(63, "frame at 2.520 s", out);
  }

  @Test
  void the_time_counts_from_the_start_of_a_timeline_that_starts_late(@TempDir Path out)
      throws IOException {
    // The local origin's broadcast of tiny, ended before the request: on demand, from 3600 s.
    LiveOptions ended = LiveOptions.defaults().withStartOffsetS(30);
    try (LocalOrigin origin = LocalOrigin.builder(tiny).live(ended).start()) {
      String manifest = origin.baseUri().resolve("Manifest").toString();
      assertEveryLevelOf(manifest, 25, "frame at 1.000 s", out, "--time", "1");

      Outcome after = snapshot(manifest, "--out", out.resolve("after").toString(), "--time", "4");
      assertThat(after.err())
          .contains("snapshot: time 4.000 s is outside the video, which spans 0.000 s to 4.000 s");
    }
  }

  @Test
  void a_time_after_the_end_is_an_error_naming_the_span(@TempDir Path out) throws IOException {
    Outcome o = snapshot(tiny.toString(), "--out", out.toString(), "--time", "4");

    assertThat(o.exit()).isEqualTo(1);
    assertThat(o.err())
        .contains("snapshot: time 4.000 s is outside the video, which spans 0.000 s to 4.000 s");
    assertThat(pngs(out)).isEmpty();
  }

  @Test
  void a_negative_time_is_a_usage_error(@TempDir Path out) {
    Outcome o = snapshot(tiny.toString(), "--out", out.toString(), "--time", "-1");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--time must be a number of seconds >= 0, was -1.0");
  }

  @Test
  void out_is_required() {
    Outcome o = snapshot(tiny.toString());

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("Missing required option: '--out=DIR'");
  }

  @Test
  void an_unreadable_presentation_is_an_error(@TempDir Path dir) {
    Outcome o = snapshot(dir.toString(), "--out", dir.resolve("out").toString());

    assertThat(o.exit()).isEqualTo(1);
    assertThat(o.err()).contains("snapshot: the folder").contains("holds no file named Manifest");
  }
}
