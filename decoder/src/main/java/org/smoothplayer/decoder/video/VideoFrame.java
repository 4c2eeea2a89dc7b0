package org.smoothplayer.decoder.video;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A decoded picture, ready to show: BGRA, premultiplied alpha (alpha is always 255), rows {@link
 * #strideBytes()} apart, the byte layout JavaFX's {@code PixelFormat.getByteBgraPreInstance()}
 * expects.
 *
 * <p>The pixel buffer belongs to a {@link PixelBufferPool}; {@link #close()} gives it back (once,
 * from any thread). Do not use {@link #pixels()} after closing.
 */
public final class VideoFrame implements AutoCloseable {

  /** Bytes per BGRA pixel. */
  public static final int BYTES_PER_PIXEL = 4;

  private final long presentationTimeUs;
  private final long durationUs;
  private final int widthPx;
  private final int heightPx;
  private final int strideBytes;
  private final int sourceWidthPx;
  private final int sourceHeightPx;
  private final @Nullable ByteBuffer pixels;
  private final @Nullable PixelBufferPool pool;
  // Touched by the decode thread (creation) and the thread that closes the frame.
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A frame.
   *
   * @param presentationTimeUs presentation time in microseconds
   * @param durationUs display duration in microseconds, {@code 0} if unknown
   * @param widthPx width of the pixel buffer's picture
   * @param heightPx height of the pixel buffer's picture
   * @param strideBytes bytes from one row to the next, at least {@code widthPx * 4}
   * @param sourceWidthPx width of the decoded picture before scaling
   * @param sourceHeightPx height of the decoded picture before scaling
   * @param pixels the BGRA bytes (at least {@code strideBytes * heightPx}), or {@code null} for a
   *     frame decoded without conversion
   * @param pool where {@code pixels} returns on close, or {@code null} if it is not pooled
   */
  public VideoFrame(
      long presentationTimeUs,
      long durationUs,
      int widthPx,
      int heightPx,
      int strideBytes,
      int sourceWidthPx,
      int sourceHeightPx,
      @Nullable ByteBuffer pixels,
      @Nullable PixelBufferPool pool) {
    if (widthPx <= 0 || heightPx <= 0 || sourceWidthPx <= 0 || sourceHeightPx <= 0) {
      throw new IllegalArgumentException(
          "frame sizes must be positive, were "
              + widthPx
              + "x"
              + heightPx
              + " from "
              + sourceWidthPx
              + "x"
              + sourceHeightPx);
    }
    if (pixels != null) {
      if (strideBytes < widthPx * BYTES_PER_PIXEL) {
        throw new IllegalArgumentException(
            "strideBytes must be >= widthPx * 4 = " + widthPx * 4 + ", was " + strideBytes);
      }
      if (pixels.capacity() < (long) strideBytes * heightPx) {
        throw new IllegalArgumentException(
            "pixel buffer holds "
                + pixels.capacity()
                + " bytes, expected at least strideBytes * heightPx = "
                + (long) strideBytes * heightPx);
      }
    }
    this.presentationTimeUs = presentationTimeUs;
    this.durationUs = durationUs;
    this.widthPx = widthPx;
    this.heightPx = heightPx;
    this.strideBytes = strideBytes;
    this.sourceWidthPx = sourceWidthPx;
    this.sourceHeightPx = sourceHeightPx;
    this.pixels = pixels;
    this.pool = pool;
  }

  /** Presentation time in microseconds. */
  public long presentationTimeUs() {
    return presentationTimeUs;
  }

  /** Display duration in microseconds, {@code 0} if unknown. */
  public long durationUs() {
    return durationUs;
  }

  /** Width of the picture in the pixel buffer. */
  public int widthPx() {
    return widthPx;
  }

  /** Height of the picture in the pixel buffer. */
  public int heightPx() {
    return heightPx;
  }

  /** Bytes from one row to the next. */
  public int strideBytes() {
    return strideBytes;
  }

  /** Width of the decoded picture before scaling. */
  public int sourceWidthPx() {
    return sourceWidthPx;
  }

  /** Height of the decoded picture before scaling. */
  public int sourceHeightPx() {
    return sourceHeightPx;
  }

  /** Whether the frame carries pixels (false when the decoder ran without conversion). */
  public boolean hasPixels() {
    return pixels != null;
  }

  /**
   * The BGRA premultiplied pixels: a direct buffer, position 0, {@code strideBytes * heightPx}
   * bytes. Valid until {@link #close()}.
   *
   * @throws IllegalStateException if the frame is closed or carries no pixels
   */
  public ByteBuffer pixels() {
    if (closed.get()) {
      throw new IllegalStateException("frame at " + presentationTimeUs + " us is closed");
    }
    if (pixels == null) {
      throw new IllegalStateException(
          "frame at " + presentationTimeUs + " us was decoded without pixel conversion");
    }
    return pixels;
  }

  /** Gives the pixel buffer back to its pool; idempotent, callable from any thread. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && pixels != null && pool != null) {
      pool.release(pixels);
    }
  }

  @Override
  public String toString() {
    return "VideoFrame[" + presentationTimeUs + " us, " + widthPx + "x" + heightPx + "]";
  }
}
