package org.smoothplayer.decoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.jspecify.annotations.Nullable;

/**
 * Converts decoded pictures to BGRA, scaling in the same swscale pass, into caller-owned buffers.
 * The swscale context re-initializes itself when the source or target size or format changes. Owned
 * by one decoder and used only on its thread.
 */
final class BgraConverter implements AutoCloseable {

  private @Nullable SwsContext sws;
  private @Nullable AVFrame target;

  BgraConverter(int threads) {
    SwsContext context = sws_alloc_context();
    AVFrame frame = av_frame_alloc();
    if (context == null || context.isNull() || frame == null || frame.isNull()) {
      if (context != null && !context.isNull()) {
        sws_freeContext(context);
      }
      if (frame != null && !frame.isNull()) {
        av_frame_free(frame);
      }
      throw new OutOfMemoryError("cannot allocate a swscale context");
    }
    context.threads(threads);
    context.flags(SWS_BICUBIC);
    this.sws = context;
    this.target = frame;
  }

  /**
   * Converts {@code source} into {@code pixels} as a {@code widthPx x heightPx} BGRA picture with
   * rows {@code strideBytes} apart.
   *
   * @return a negative FFmpeg error code on failure
   */
  int convert(AVFrame source, ByteBuffer pixels, int widthPx, int heightPx, int strideBytes) {
    SwsContext context = sws;
    AVFrame out = target;
    if (context == null || out == null) {
      throw new IllegalStateException("converter is closed");
    }
    if (!pixels.isDirect() || pixels.capacity() < (long) strideBytes * heightPx) {
      throw new IllegalArgumentException(
          "pixels must be a direct buffer of at least " + (long) strideBytes * heightPx + " bytes");
    }
    out.width(widthPx).height(heightPx).format(AV_PIX_FMT_BGRA);
    out.data(0, new BytePointer(pixels)).linesize(0, strideBytes);
    for (int plane = 1; plane < 4; plane++) {
      out.data(plane, null).linesize(plane, 0);
    }
    int result = sws_scale_frame(context, out, source);
    out.data(0, null);
    return result;
  }

  /** Frees the swscale context; idempotent. */
  @Override
  public void close() {
    if (sws != null) {
      sws_freeContext(sws);
      sws = null;
    }
    if (target != null) {
      av_frame_free(target);
      target = null;
    }
  }
}
