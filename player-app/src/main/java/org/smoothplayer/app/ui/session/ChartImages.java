package org.smoothplayer.app.ui.session;

import java.awt.image.BufferedImage;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Copies Java2D chart pictures into JavaFX images. */
final class ChartImages {

  static {
    // The charts are drawn off screen; AWT need not (and, next to JavaFX, should not) reach for
    // the display. Only a default: an explicit -Djava.awt.headless wins.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ChartImages() {}

  /** Makes sure the headless default above is in place before the first chart is drawn. */
  static void init() {}

  /** A JavaFX copy of {@code image}. */
  static WritableImage toFx(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
    WritableImage out = new WritableImage(width, height);
    out.getPixelWriter()
        .setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
    return out;
  }
}
