package org.smoothplayer.decoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/** Allocation of decoder contexts, shared by the video and the audio decoder. */
final class CodecContexts {
  private CodecContexts() {}

  /**
   * Finds FFmpeg's decoder for {@code codecId} and allocates a context for it carrying {@code
   * extradata} (copied into zeroed native memory with AV_INPUT_BUFFER_PADDING_SIZE bytes of
   * padding; the context owns it from then on and frees it with itself). The caller owns the
   * returned context and must free it with {@code avcodec_free_context}.
   *
   * @param codecName the codec's name for the error message
   * @throws IllegalStateException when this FFmpeg build has no such decoder
   * @throws OutOfMemoryError when FFmpeg cannot allocate the context or the extradata
   */
  static AVCodecContext allocate(int codecId, String codecName, byte[] extradata) {
    AVCodec codec = avcodec_find_decoder(codecId);
    if (codec == null || codec.isNull()) {
      throw new IllegalStateException("FFmpeg has no decoder for " + codecName);
    }
    AVCodecContext context = avcodec_alloc_context3(codec);
    if (context == null || context.isNull()) {
      throw new OutOfMemoryError("avcodec_alloc_context3 failed");
    }
    if (extradata.length > 0) {
      long paddedBytes = (long) extradata.length + AV_INPUT_BUFFER_PADDING_SIZE;
      Pointer memory = av_mallocz(paddedBytes);
      if (memory == null || memory.isNull()) {
        avcodec_free_context(context);
        throw new OutOfMemoryError("av_mallocz of extradata failed");
      }
      BytePointer bytes = new BytePointer(memory);
      bytes.capacity(paddedBytes);
      bytes.put(extradata, 0, extradata.length);
      context.extradata(bytes);
      context.extradata_size(extradata.length);
    }
    return context;
  }
}
