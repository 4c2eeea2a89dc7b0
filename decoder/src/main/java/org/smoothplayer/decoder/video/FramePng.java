package org.smoothplayer.decoder.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes a {@link VideoFrame} as a PNG file (opaque RGB), through the JDK's {@code ImageIO}. */
public final class FramePng {

  private FramePng() {}

  /**
   * Writes the frame's pixels to {@code png}, replacing it; parent folders are created.
   *
   * @throws IllegalStateException if the frame carries no pixels or is closed
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(VideoFrame frame, Path png) {
    BufferedImage image = toImage(frame);
    try {
      Path parent = png.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!ImageIO.write(image, "png", png.toFile())) {
        throw new IOException("no PNG writer in this JDK");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }

  /** The frame as an opaque RGB image. */
  public static BufferedImage toImage(VideoFrame frame) {
    ByteBuffer pixels = frame.pixels();
    int widthPx = frame.widthPx();
    int heightPx = frame.heightPx();
    BufferedImage image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[widthPx];
    for (int y = 0; y < heightPx; y++) {
      int base = y * frame.strideBytes();
      for (int x = 0; x < widthPx; x++) {
        int i = base + x * VideoFrame.BYTES_PER_PIXEL;
        int b = pixels.get(i) & 0xFF;
        int g = pixels.get(i + 1) & 0xFF;
        int r = pixels.get(i + 2) & 0xFF;
        row[x] = (r << 16) | (g << 8) | b;
      }
      image.setRGB(0, y, widthPx, 1, row, 0, widthPx);
    }
    return image;
  }
}
