package org.smoothplayer.app.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The picture on the video surface, as decoded for it (the decoder scales frames to the surface, so
 * a 1280x720 frame in a smaller window is saved at the size shown), saved as PNG: "Save Frame" (S)
 * in the window, for bug reports and QA. Pixels are copied on the FX thread ({@link
 * VideoSurface#copy}); the file is written on any other.
 */
final class FrameShot {

  /** The pixels of a frame: BGRA, premultiplied (the frames are opaque), rows without padding. */
  record Pixels(int widthPx, int heightPx, byte[] bgra) {
    Pixels {
      if (widthPx <= 0 || heightPx <= 0 || bgra.length != widthPx * heightPx * 4) {
        throw new IllegalArgumentException(
            "expected "
                + widthPx
                + "x"
                + heightPx
                + " BGRA pixels but got "
                + bgra.length
                + " bytes");
      }
    }
  }

  private FrameShot() {}

  /**
   * The folder frames are saved in: the user's pictures folder ({@code XDG_PICTURES_DIR}, else
   * {@code ~/Pictures} when it exists), else the home folder.
   */
  static Path folder(Map<String, String> env, Path home) {
    String pictures = env.get("XDG_PICTURES_DIR");
    if (pictures != null && !pictures.isBlank() && Path.of(pictures).isAbsolute()) {
      return Path.of(pictures);
    }
    Path defaultPictures = home.resolve("Pictures");
    return Files.isDirectory(defaultPictures) ? defaultPictures : home;
  }

  /** {@link #folder} of this user: their environment and home folder. */
  static Path userFolder() {
    return folder(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** A file name for the frame at {@code positionUs}: {@code smooth-player-0m22.480s-L3.png}. */
  static String fileName(long positionUs, int level) {
    long ms = Math.max(0, positionUs / 1000);
    return String.format(
        Locale.ROOT,
        "smooth-player-%dm%02d.%03ds%s.png",
        ms / 60_000,
        ms / 1000 % 60,
        ms % 1000,
        level >= 0 ? "-L" + level : "");
  }

  /**
   * Writes {@code pixels} as PNG into {@code folder} (created if missing) under {@code name}, or
   * under {@code name} with "-2", "-3", … before its extension when a file has it.
   *
   * @return the file written
   * @throws IOException when the folder or the file cannot be written
   */
  static Path save(Pixels pixels, Path folder, String name) throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve(name);
    int dot = name.lastIndexOf('.');
    for (int n = 2; Files.exists(file); n++) {
      file = folder.resolve(name.substring(0, dot) + "-" + n + name.substring(dot));
    }
    BufferedImage image =
        new BufferedImage(pixels.widthPx(), pixels.heightPx(), BufferedImage.TYPE_INT_RGB);
    byte[] bgra = pixels.bgra();
    int[] row = new int[pixels.widthPx()];
    for (int y = 0; y < pixels.heightPx(); y++) {
      for (int x = 0; x < pixels.widthPx(); x++) {
        int i = (y * pixels.widthPx() + x) * 4;
        row[x] = (bgra[i + 2] & 0xff) << 16 | (bgra[i + 1] & 0xff) << 8 | (bgra[i] & 0xff);
      }
      image.setRGB(0, y, pixels.widthPx(), 1, row, 0, pixels.widthPx());
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer in this Java runtime");
    }
    return file;
  }
}
