package org.smoothplayer.app.ui;

import java.nio.ByteBuffer;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import org.smoothplayer.decoder.video.PixelBufferPool;
import org.smoothplayer.decoder.video.VideoFrame;

/**
 * Video frames of a known pattern for surface tests: four quadrants, red (top left), green (top
 * right), blue (bottom left), white (bottom right), with padding bytes between rows that must never
 * reach the screen.
 */
final class TestFrames {
  static final int RED = 0xFFFF0000;
  static final int GREEN = 0xFF00FF00;
  static final int BLUE = 0xFF0000FF;
  static final int WHITE = 0xFFFFFFFF;

  /** Value of the padding bytes after each row. */
  static final byte PADDING = (byte) 0x7F;

  private TestFrames() {}

  /** The ARGB colour the pattern has at {@code (x, y)} of a {@code width × height} frame. */
  static int expectedArgb(int x, int y, int width, int height) {
    boolean right = x >= width / 2;
    boolean bottom = y >= height / 2;
    if (!bottom) {
      return right ? GREEN : RED;
    }
    return right ? WHITE : BLUE;
  }

  /** A pooled frame of the pattern; rows are {@code strideBytes} apart. */
  static VideoFrame pattern(
      PixelBufferPool pool, int width, int height, int strideBytes, long presentationTimeUs) {
    ByteBuffer pixels = pool.acquire(strideBytes * height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int argb = expectedArgb(x, y, width, height);
        int i = y * strideBytes + 4 * x;
        pixels.put(i, (byte) argb); // B
        pixels.put(i + 1, (byte) (argb >> 8)); // G
        pixels.put(i + 2, (byte) (argb >> 16)); // R
        pixels.put(i + 3, (byte) (argb >>> 24)); // A
      }
      for (int i = y * strideBytes + 4 * width; i < (y + 1) * strideBytes; i++) {
        pixels.put(i, PADDING);
      }
    }
    return new VideoFrame(
        presentationTimeUs, 40_000, width, height, strideBytes, width, height, pixels, pool);
  }

  /** The image's pixels as BGRA premultiplied bytes, rows {@code width * 4} apart. */
  static ByteBuffer readBgra(Image image) {
    int width = (int) image.getWidth();
    int height = (int) image.getHeight();
    ByteBuffer bgra = ByteBuffer.allocate(width * height * 4);
    image
        .getPixelReader()
        .getPixels(0, 0, width, height, PixelFormat.getByteBgraPreInstance(), bgra, width * 4);
    return bgra;
  }

  /** True once {@code frame} was closed (its pixels can no longer be read). */
  static boolean isClosed(VideoFrame frame) {
    try {
      frame.pixels();
      return false;
    } catch (IllegalStateException closed) {
      return true;
    }
  }
}
