package org.smoothplayer.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving the picture on the surface as PNG (plain JUnit, no toolkit). */
class FrameShotTest {

  @TempDir Path dir;

  /** 2 x 1 pixels, BGRA: pure red, then a grey (10, 20, 30). */
  private static FrameShot.Pixels twoPixels() {
    return new FrameShot.Pixels(
        2, 1, new byte[] {0, 0, (byte) 255, (byte) 255, 30, 20, 10, (byte) 255});
  }

  @Test
  void the_png_holds_the_frames_pixels_at_its_own_size() throws IOException {
    Path file = FrameShot.save(twoPixels(), dir.resolve("shots"), "frame.png");

    assertThat(file).isEqualTo(dir.resolve("shots").resolve("frame.png"));
    BufferedImage png = ImageIO.read(file.toFile());
    assertThat(png.getWidth()).isEqualTo(2);
    assertThat(png.getHeight()).isEqualTo(1);
    assertThat(png.getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
    assertThat(png.getRGB(1, 0) & 0xffffff).isEqualTo(0x0a141e);
  }

  @Test
  void a_name_that_is_taken_gets_a_number_and_nothing_is_overwritten() throws IOException {
    Files.writeString(dir.resolve("frame.png"), "mine");

    Path second = FrameShot.save(twoPixels(), dir, "frame.png");
    Path third = FrameShot.save(twoPixels(), dir, "frame.png");

    assertThat(second).isEqualTo(dir.resolve("frame-2.png"));
    assertThat(third).isEqualTo(dir.resolve("frame-3.png"));
    assertThat(dir.resolve("frame.png")).hasContent("mine");
  }

  @Test
  void the_name_says_the_position_and_the_level() {
    assertThat(FrameShot.fileName(82_480_000, 3)).isEqualTo("smooth-player-1m22.480s-L3.png");
    assertThat(FrameShot.fileName(0, -1)).isEqualTo("smooth-player-0m00.000s.png");
  }

  @Test
  void frames_go_to_the_pictures_folder_else_the_home_folder() throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    assertThat(FrameShot.folder(Map.of(), home)).isEqualTo(home);

    Files.createDirectories(home.resolve("Pictures"));
    assertThat(FrameShot.folder(Map.of(), home)).isEqualTo(home.resolve("Pictures"));
    assertThat(FrameShot.folder(Map.of("XDG_PICTURES_DIR", "/data/pics"), home))
        .isEqualTo(Path.of("/data/pics"));
    assertThat(FrameShot.folder(Map.of("XDG_PICTURES_DIR", "relative"), home))
        .isEqualTo(home.resolve("Pictures"));
  }

  @Test
  void pixels_that_do_not_fill_the_size_are_refused() {
    assertThatThrownBy(() -> new FrameShot.Pixels(2, 2, new byte[8]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 2x2 BGRA pixels but got 8 bytes");
  }
}
