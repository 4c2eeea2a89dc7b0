package org.smoothplayer.assets.generate;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * libx264 (H.264 High, B-frames, fixed closed GOPs, CBR) fed with {@link FramePainter} pictures.
 * Owns its native context, frame and packet; use from one thread and close it.
 */
final class VideoEncoder implements AutoCloseable {
  /** libx264 speed preset. */
  static final String X264_PRESET = "veryfast";

  /** Maximum consecutive B-frames. */
  static final int MAX_B_FRAMES = 3;

  /** VBV buffer length in milliseconds of the level's bitrate. */
  static final int VBV_BUFFER_MS = 1000;

  private final AVCodecContext context;
  private final AVFrame frame;
  private final AVPacket packet;
  private final int widthPx;
  private final int heightPx;

  VideoEncoder(LevelSpec level, int frameRate, int gopFrames) {
    AVCodec codec = avcodec_find_encoder_by_name("libx264");
    if (codec == null) {
      throw new GenerationException(
          "libx264 encoder not found: the bytedeco ffmpeg linux-x86_64-gpl natives are required");
    }
    widthPx = level.widthPx();
    heightPx = level.heightPx();
    context = avcodec_alloc_context3(codec);
    frame = av_frame_alloc();
    packet = av_packet_alloc();
    if (context == null || frame == null || packet == null) {
      close();
      throw new GenerationException("out of native memory allocating the H.264 encoder");
    }
    try {
      context.width(widthPx);
      context.height(heightPx);
      context.pix_fmt(AV_PIX_FMT_YUV420P);
      context.time_base(av_make_q(1, frameRate));
      context.framerate(av_make_q(frameRate, 1));
      context.gop_size(gopFrames);
      context.keyint_min(gopFrames);
      context.max_b_frames(MAX_B_FRAMES);
      context.bit_rate(level.bitrateBps());
      context.rc_max_rate(level.bitrateBps());
      context.rc_buffer_size((int) (level.bitrateBps() * VBV_BUFFER_MS / 1000));
      context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      context.thread_count(0);
      set("preset", X264_PRESET);
      set("profile", "high");
      set("nal-hrd", "cbr");
      set(
          "x264-params",
          "keyint="
              + gopFrames
              + ":min-keyint="
              + gopFrames
              + ":scenecut=0:open-gop=0:bframes="
              + MAX_B_FRAMES);
      FfmpegErrors.check(avcodec_open2(context, codec, (AVDictionary) null), "opening libx264");
      frame.format(AV_PIX_FMT_YUV420P);
      frame.width(widthPx);
      frame.height(heightPx);
      FfmpegErrors.check(av_frame_get_buffer(frame, 0), "allocating a video frame");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void set(String option, String value) {
    FfmpegErrors.check(av_opt_set(context.priv_data(), option, value, 0), "libx264 " + option);
  }

  /** SPS and PPS as Annex-B with 4-byte start codes (the Manifest's CodecPrivateData). */
  byte[] codecPrivateData() {
    int size = context.extradata_size();
    if (size <= 0) {
      throw new GenerationException("libx264 gave no global headers (SPS/PPS)");
    }
    byte[] extradata = new byte[size];
    context.extradata().get(extradata, 0, size);
    return AnnexB.withFourByteStartCodes(extradata);
  }

  /** Encodes the painter's current picture as frame {@code frameNumber}. */
  void encode(FramePainter painter, long frameNumber, EncodedPacket.Sink sink) throws IOException {
    FfmpegErrors.check(av_frame_make_writable(frame), "making the video frame writable");
    copyPlane(painter.planeY(), widthPx, heightPx, 0);
    copyPlane(painter.planeU(), widthPx / 2, heightPx / 2, 1);
    copyPlane(painter.planeV(), widthPx / 2, heightPx / 2, 2);
    frame.pts(frameNumber);
    FfmpegErrors.check(avcodec_send_frame(context, frame), "sending a frame to libx264");
    drain(sink);
  }

  /** Flushes the delayed frames. */
  void finish(EncodedPacket.Sink sink) throws IOException {
    FfmpegErrors.check(avcodec_send_frame(context, null), "flushing libx264");
    drain(sink);
  }

  private void copyPlane(byte[] plane, int planeWidth, int planeHeight, int index) {
    BytePointer data = frame.data(index);
    int stride = frame.linesize(index);
    for (int y = 0; y < planeHeight; y++) {
      data.position((long) y * stride).put(plane, y * planeWidth, planeWidth);
    }
  }

  private void drain(EncodedPacket.Sink sink) throws IOException {
    EncoderPackets.drain(context, packet, "libx264", false, sink);
  }

  @Override
  public void close() {
    EncoderPackets.free(context, frame, packet);
  }
}
