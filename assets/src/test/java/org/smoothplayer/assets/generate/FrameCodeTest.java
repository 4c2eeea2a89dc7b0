package org.smoothplayer.assets.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FrameCodeTest {
  private static final PresentationSpec SPEC =
      new PresentationSpec(
          "framecode",
          4_000,
          1_000,
          List.of(new LevelSpec(150_000, 160, 90), new LevelSpec(900_000, 640, 360)),
          25,
          false,
          ManifestStyle.TIMED,
          2_000);

  @Test
  void encode_packs_level_and_frame_number_and_both_read_back() {
    int code = FrameCode.encode(5, 123_456);
    assertThat(code).isEqualTo((5 << 24) | 123_456);
    assertThat(FrameCode.levelIndex(code)).isEqualTo(5);
    assertThat(FrameCode.frameNumber(code)).isEqualTo(123_456);
    int high = FrameCode.encode(200, 0xFFFFFF);
    assertThat(FrameCode.levelIndex(high)).isEqualTo(200);
    assertThat(FrameCode.frameNumber(high)).isEqualTo(0xFFFFFF);
    assertThat(FrameCode.frameNumber(FrameCode.encode(0, 0x1000001))).isEqualTo(1);
  }

  @Test
  void encode_rejects_impossible_levels_and_negative_frames() {
    assertThatThrownBy(() -> FrameCode.encode(256, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FrameCode.encode(0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reads_the_code_of_every_painted_frame_back_at_native_size() {
    for (int level = 0; level < SPEC.ladder().size(); level++) {
      FramePainter painter = new FramePainter(SPEC, level);
      for (long frame = 0; frame < SPEC.frameCount(); frame++) {
        painter.paint(frame);
        Bgra picture = Bgra.of(painter);
        assertThat(
                FrameCode.readBgra(picture.bytes, picture.width, picture.height, picture.width * 4))
            .as("level %d frame %d", level, frame)
            .hasValue(FrameCode.encode(level, frame));
      }
    }
  }

  @Test
  void reads_the_code_back_after_scaling_down_and_up() {
    FramePainter painter = new FramePainter(SPEC, 1);
    painter.paint(77);
    Bgra picture = Bgra.of(painter);
    for (int[] size : new int[][] {{213, 120}, {100, 56}, {1280, 720}, {333, 333}}) {
      Bgra scaled = picture.scaledBilinear(size[0], size[1]);
      assertThat(FrameCode.readBgra(scaled.bytes, scaled.width, scaled.height, scaled.width * 4))
          .as("%dx%d", size[0], size[1])
          .hasValue(FrameCode.encode(1, 77));
    }
  }

  @Test
  void honours_a_stride_wider_than_the_picture() {
    FramePainter painter = new FramePainter(SPEC, 0);
    painter.paint(9);
    Bgra picture = Bgra.of(painter);
    int stride = picture.width * 4 + 64;
    ByteBuffer padded = ByteBuffer.allocate(stride * picture.height);
    for (int y = 0; y < picture.height; y++) {
      padded.put(y * stride, picture.bytes, y * picture.width * 4, picture.width * 4);
    }
    assertThat(FrameCode.readBgra(padded, picture.width, picture.height, stride))
        .hasValue(FrameCode.encode(0, 9));
  }

  @Test
  void a_flash_frame_still_carries_its_code_below_which_the_picture_is_white() {
    long flash = SPEC.flashFrameNumbers().get(0);
    FramePainter painter = new FramePainter(SPEC, 1);
    painter.paint(flash);
    Bgra picture = Bgra.of(painter);
    assertThat(FrameCode.readBgra(picture.bytes, picture.width, picture.height, picture.width * 4))
        .hasValue(FrameCode.encode(1, flash));
    int bandRows = FrameCode.bandHeightPx(picture.height);
    for (int y = bandRows; y < picture.height; y += 7) {
      for (int x = 0; x < picture.width; x += 7) {
        assertThat(picture.bytes.get((y * picture.width + x) * 4 + 1) & 0xFF).isEqualTo(255);
      }
    }
  }

  @Test
  void a_mid_grey_band_or_a_plain_white_picture_is_not_a_code() {
    int width = 320;
    int height = 180;
    ByteBuffer grey = ByteBuffer.allocate(width * height * 4);
    ByteBuffer white = ByteBuffer.allocate(width * height * 4);
    for (int i = 0; i < width * height * 4; i++) {
      grey.put(i, (byte) 128);
      white.put(i, (byte) 255);
    }
    assertThat(FrameCode.readBgra(grey, width, height, width * 4)).isEqualTo(OptionalInt.empty());
    assertThat(FrameCode.readBgra(white, width, height, width * 4)).isEqualTo(OptionalInt.empty());
  }

  @Test
  void rejects_a_buffer_smaller_than_the_picture() {
    ByteBuffer small = ByteBuffer.allocate(100);
    assertThatThrownBy(() -> FrameCode.readBgra(small, 64, 64, 256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs");
    assertThatThrownBy(() -> FrameCode.readBgra(small, 64, 64, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strideBytes");
  }

  /** A BGRA picture converted from the painter's YUV planes (BT.601 limited range). */
  private record Bgra(ByteBuffer bytes, int width, int height) {
    static Bgra of(FramePainter painter) {
      int w = painter.widthPx();
      int h = painter.heightPx();
      ByteBuffer out = ByteBuffer.allocate(w * h * 4);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int luma = painter.planeY()[y * w + x] & 0xFF;
          int cb = (painter.planeU()[(y / 2) * (w / 2) + x / 2] & 0xFF) - 128;
          int cr = (painter.planeV()[(y / 2) * (w / 2) + x / 2] & 0xFF) - 128;
          double c = 1.164 * (luma - 16);
          int i = (y * w + x) * 4;
          out.put(i, clamp(c + 2.017 * cb));
          out.put(i + 1, clamp(c - 0.392 * cb - 0.813 * cr));
          out.put(i + 2, clamp(c + 1.596 * cr));
          out.put(i + 3, (byte) 255);
        }
      }
      return new Bgra(out, w, h);
    }

    private static byte clamp(double v) {
      return (byte) Math.max(0, Math.min(255, Math.round(v)));
    }

    Bgra scaledBilinear(int newWidth, int newHeight) {
      ByteBuffer out = ByteBuffer.allocate(newWidth * newHeight * 4);
      for (int y = 0; y < newHeight; y++) {
        double sy = Math.max(0, (y + 0.5) * height / newHeight - 0.5);
        int y0 = (int) sy;
        int y1 = Math.min(height - 1, y0 + 1);
        double fy = sy - y0;
        for (int x = 0; x < newWidth; x++) {
          double sx = Math.max(0, (x + 0.5) * width / newWidth - 0.5);
          int x0 = (int) sx;
          int x1 = Math.min(width - 1, x0 + 1);
          double fx = sx - x0;
          for (int ch = 0; ch < 4; ch++) {
            double top = lerp(at(x0, y0, ch), at(x1, y0, ch), fx);
            double bottom = lerp(at(x0, y1, ch), at(x1, y1, ch), fx);
            out.put((y * newWidth + x) * 4 + ch, (byte) Math.round(lerp(top, bottom, fy)));
          }
        }
      }
      return new Bgra(out, newWidth, newHeight);
    }

    private int at(int x, int y, int ch) {
      return bytes.get((y * width + x) * 4 + ch) & 0xFF;
    }

    private static double lerp(double a, double b, double f) {
      return a + (b - a) * f;
    }
  }
}
