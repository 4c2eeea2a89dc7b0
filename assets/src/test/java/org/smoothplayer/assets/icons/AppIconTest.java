package org.smoothplayer.assets.icons;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Checks the committed icon files the installer packages (read from the classpath). */
class AppIconTest {
  private static final String FOLDER = "/org/smoothplayer/assets/icons/";

  @Test
  void each_committed_png_is_square_at_its_size_transparent_in_the_corners_and_white_in_the_middle()
      throws IOException {
    for (int sizePx : AppIconGenerator.PNG_SIZES_PX) {
      BufferedImage icon = decode(resource(AppIconGenerator.BASE_NAME + "-" + sizePx + ".png"));
      assertThat(icon.getWidth()).as("width at %d", sizePx).isEqualTo(sizePx);
      assertThat(icon.getHeight()).as("height at %d", sizePx).isEqualTo(sizePx);
      assertThat(alpha(icon.getRGB(0, 0))).as("corner alpha at %d", sizePx).isZero();
      assertThat(alpha(icon.getRGB(sizePx - 1, sizePx - 1))).isZero();
      int centre = icon.getRGB(sizePx / 2, sizePx / 2);
      assertThat(alpha(centre)).as("centre alpha at %d", sizePx).isEqualTo(255);
      assertThat(centre & 0xFFFFFF).as("centre colour at %d", sizePx).isEqualTo(0xFFFFFF);
    }
  }

  @Test
  void committed_pngs_match_what_the_generator_draws_within_antialiasing_noise()
      throws IOException {
    for (int sizePx : AppIconGenerator.PNG_SIZES_PX) {
      BufferedImage committed =
          decode(resource(AppIconGenerator.BASE_NAME + "-" + sizePx + ".png"));
      BufferedImage drawn = AppIconGenerator.render(sizePx);
      int differing = 0;
      for (int y = 0; y < sizePx; y++) {
        for (int x = 0; x < sizePx; x++) {
          if (maxChannelDelta(committed.getRGB(x, y), drawn.getRGB(x, y)) > 8) {
            differing++;
          }
        }
      }
      // Edge antialiasing may differ between JDK builds; the design itself may not.
      assertThat(differing).as("pixels off at %d px", sizePx).isLessThan(sizePx * sizePx / 50);
    }
  }

  @Test
  void windows_icon_holds_a_png_for_every_size_at_the_offsets_its_directory_states()
      throws IOException {
    byte[] ico = resource(AppIconGenerator.BASE_NAME + ".ico");
    ByteBuffer in = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(in.getShort()).as("reserved").isZero();
    assertThat(in.getShort()).as("type (1 = icon)").isEqualTo((short) 1);
    int count = in.getShort();
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int width = Byte.toUnsignedInt(in.get());
      in.get(); // height
      in.getShort(); // palette, reserved
      in.getShort(); // planes
      assertThat(in.getShort()).as("bits per pixel").isEqualTo((short) 32);
      int length = in.getInt();
      int offset = in.getInt();
      assertThat(offset + length).isLessThanOrEqualTo(ico.length);
      BufferedImage image = decode(Arrays.copyOfRange(ico, offset, offset + length));
      assertThat(image.getWidth()).isEqualTo(width == 0 ? 256 : width);
      sizes.add(image.getWidth());
    }
    assertThat(sizes).containsExactlyElementsOf(AppIconGenerator.ICO_SIZES_PX);
  }

  @Test
  void mac_icon_length_matches_the_file_and_every_entry_is_a_png_of_its_type_size()
      throws IOException {
    byte[] icns = resource(AppIconGenerator.BASE_NAME + ".icns");
    ByteBuffer in = ByteBuffer.wrap(icns).order(ByteOrder.BIG_ENDIAN);
    assertThat(type(in)).isEqualTo("icns");
    assertThat(in.getInt()).as("declared length").isEqualTo(icns.length);
    List<AppIconGenerator.IcnsEntry> entries = new ArrayList<>();
    while (in.hasRemaining()) {
      String type = type(in);
      int length = in.getInt();
      byte[] data = new byte[length - 8];
      in.get(data);
      entries.add(new AppIconGenerator.IcnsEntry(type, decode(data).getWidth()));
    }
    assertThat(entries).containsExactlyElementsOf(AppIconGenerator.ICNS_ENTRIES);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = AppIconTest.class.getResourceAsStream(FOLDER + name)) {
      assertThat(in).as("resource %s%s", FOLDER, name).isNotNull();
      return Objects.requireNonNull(in).readAllBytes();
    }
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).as("decodable image").isNotNull();
    return image;
  }

  private static String type(ByteBuffer in) {
    byte[] type = new byte[4];
    in.get(type);
    return new String(type, StandardCharsets.US_ASCII);
  }

  private static int alpha(int argb) {
    return argb >>> 24;
  }

  private static int maxChannelDelta(int a, int b) {
    int max = 0;
    for (int shift = 0; shift < 32; shift += 8) {
      max = Math.max(max, Math.abs((a >>> shift & 0xFF) - (b >>> shift & 0xFF)));
    }
    return max;
  }
}
