package org.smoothplayer.decoder.video;

/**
 * Knobs of a video decoder.
 *
 * @param threads decoder threads; {@code 0} lets FFmpeg pick (one per core), {@code 1} decodes on
 *     the calling thread only
 * @param outputWidthPx width of the BGRA output, {@code 0} for the picture's own width
 * @param outputHeightPx height of the BGRA output, {@code 0} for the picture's own height
 * @param convertPixels {@code false} skips the BGRA conversion: frames carry times and sizes but no
 *     pixels (decode-only benchmarking, or a consumer that only counts)
 */
public record VideoDecoderOptions(
    int threads, int outputWidthPx, int outputHeightPx, boolean convertPixels) {

  /** Automatic decoder threads. */
  public static final int DEFAULT_THREADS = 0;

  /** Largest output dimension accepted, in pixels. */
  public static final int MAX_DIMENSION_PX = 8192;

  public VideoDecoderOptions {
    if (threads < 0 || threads > 64) {
      throw new IllegalArgumentException("threads must be 0 (auto) to 64, was " + threads);
    }
    checkDimension("outputWidthPx", outputWidthPx);
    checkDimension("outputHeightPx", outputHeightPx);
    if ((outputWidthPx == 0) != (outputHeightPx == 0)) {
      throw new IllegalArgumentException(
          "outputWidthPx and outputHeightPx must both be 0 (source size) or both be set, were "
              + outputWidthPx
              + "x"
              + outputHeightPx);
    }
  }

  /** Automatic threads, source-size BGRA output. */
  public static VideoDecoderOptions defaults() {
    return new VideoDecoderOptions(DEFAULT_THREADS, 0, 0, true);
  }

  /** The same options with another thread count. */
  public VideoDecoderOptions withThreads(int newThreads) {
    return new VideoDecoderOptions(newThreads, outputWidthPx, outputHeightPx, convertPixels);
  }

  /** The same options scaling the output to the given size ({@code 0, 0} for the source size). */
  public VideoDecoderOptions withOutputSize(int widthPx, int heightPx) {
    return new VideoDecoderOptions(threads, widthPx, heightPx, convertPixels);
  }

  /** The same options with or without BGRA conversion. */
  public VideoDecoderOptions withConvertPixels(boolean convert) {
    return new VideoDecoderOptions(threads, outputWidthPx, outputHeightPx, convert);
  }

  private static void checkDimension(String name, int valuePx) {
    if (valuePx < 0 || valuePx > MAX_DIMENSION_PX) {
      throw new IllegalArgumentException(
          name + " must be 0 (source size) to " + MAX_DIMENSION_PX + ", was " + valuePx);
    }
  }
}
