package org.smoothplayer.assets.icons;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.GeneralPath;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the application icon (a play triangle over a smooth rising wave on a rounded square) with
 * Java2D and writes the committed icon files: PNGs at 256 and 48 px, a Windows {@code .ico} and a
 * macOS {@code .icns}, both holding PNG images.
 *
 * <p>Run once when the design changes, from the assets module after {@code test-compile}: {@code
 * java -cp target/test-classes org.smoothplayer.assets.icons.AppIconGenerator
 * src/main/resources/org/smoothplayer/assets/icons}.
 */
public final class AppIconGenerator {
  /** Base name of every icon file. */
  public static final String BASE_NAME = "smooth-player";

  /** Sizes of the PNG files, in pixels. */
  public static final List<Integer> PNG_SIZES_PX = List.of(256, 48);

  /** Sizes inside the Windows icon, in pixels (PNG-compressed entries). */
  static final List<Integer> ICO_SIZES_PX = List.of(256, 48);

  /** The icns entry types holding PNG data, with their sizes in pixels. */
  static final List<IcnsEntry> ICNS_ENTRIES =
      List.of(new IcnsEntry("ic07", 128), new IcnsEntry("ic08", 256));

  /** An icns entry type and the square size of its image. */
  record IcnsEntry(String type, int sizePx) {}

  private AppIconGenerator() {}

  /** Writes every icon file into the folder given as the only argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: AppIconGenerator OUTPUT_FOLDER");
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    for (int sizePx : PNG_SIZES_PX) {
      Files.write(out.resolve(BASE_NAME + "-" + sizePx + ".png"), png(render(sizePx)));
    }
    Files.write(out.resolve(BASE_NAME + ".ico"), ico());
    Files.write(out.resolve(BASE_NAME + ".icns"), icns());
  }

  /** Draws the icon at {@code sizePx} x {@code sizePx}, transparent outside the rounded square. */
  public static BufferedImage render(int sizePx) {
    if (sizePx < 16 || sizePx > 1024) {
      throw new IllegalArgumentException("icon size must be 16..1024 px, got " + sizePx);
    }
    BufferedImage image = new BufferedImage(sizePx, sizePx, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      // Everything is drawn in a 1.0 x 1.0 unit square.
      g.scale(sizePx, sizePx);

      double inset = 0.04;
      RoundRectangle2D tile =
          new RoundRectangle2D.Double(inset, inset, 1 - 2 * inset, 1 - 2 * inset, 0.44, 0.44);
      g.setPaint(new GradientPaint(0f, 0f, new Color(0x26C6DA), 1f, 1f, new Color(0x283593)));
      g.fill(tile);

      // A smooth wave rising left to right: the bitrate climbing without steps.
      g.setClip(tile);
      Path2D wave = new Path2D.Double();
      wave.moveTo(0, 0.86);
      wave.curveTo(0.30, 0.98, 0.45, 0.62, 1.0, 0.66);
      wave.lineTo(1.0, 1.0);
      wave.lineTo(0, 1.0);
      wave.closePath();
      g.setColor(new Color(255, 255, 255, 70));
      g.fill(wave);
      g.setClip(null);

      // The play triangle, optically centred (a little right of the geometric centre).
      GeneralPath play = new GeneralPath();
      play.moveTo(0.38, 0.26);
      play.lineTo(0.76, 0.47);
      play.lineTo(0.38, 0.68);
      play.closePath();
      g.setColor(Color.WHITE);
      g.setStroke(new BasicStroke(0.05f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.fill(play);
      g.draw(play);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Encodes an image as PNG bytes. */
  static byte[] png(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bytes)) {
        throw new IllegalStateException("no PNG writer in this JDK");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A Windows icon: ICONDIR, one ICONDIRENTRY per size, then the PNG images (little endian). */
  static byte[] ico() {
    List<byte[]> images = ICO_SIZES_PX.stream().map(s -> png(render(s))).toList();
    int headerBytes = 6 + 16 * images.size();
    int total = headerBytes + images.stream().mapToInt(b -> b.length).sum();
    ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    out.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
    int offset = headerBytes;
    for (int i = 0; i < images.size(); i++) {
      int sizePx = ICO_SIZES_PX.get(i);
      out.put((byte) (sizePx >= 256 ? 0 : sizePx)); // 0 stands for 256
      out.put((byte) (sizePx >= 256 ? 0 : sizePx));
      out.put((byte) 0).put((byte) 0); // no palette, reserved
      out.putShort((short) 1).putShort((short) 32); // colour planes, bits per pixel
      out.putInt(images.get(i).length).putInt(offset);
      offset += images.get(i).length;
    }
    images.forEach(out::put);
    return out.array();
  }

  /** A macOS icon: "icns", total length, then typed entries holding PNG data (big endian). */
  static byte[] icns() {
    List<byte[]> images = ICNS_ENTRIES.stream().map(e -> png(render(e.sizePx()))).toList();
    int total = 8 + images.stream().mapToInt(b -> 8 + b.length).sum();
    ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
    out.put("icns".getBytes(StandardCharsets.US_ASCII)).putInt(total);
    for (int i = 0; i < images.size(); i++) {
      out.put(ICNS_ENTRIES.get(i).type().getBytes(StandardCharsets.US_ASCII));
      out.putInt(8 + images.get(i).length).put(images.get(i));
    }
    return out.array();
  }
}
