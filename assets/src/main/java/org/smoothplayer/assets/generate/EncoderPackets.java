package org.smoothplayer.assets.generate;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.jspecify.annotations.Nullable;

/** The packet loop and the native clean-up that the video and the audio encoder share. */
final class EncoderPackets {
  private EncoderPackets() {}

  /**
   * Hands every packet the encoder has ready to {@code sink}, copied to the heap, until the encoder
   * wants more input (EAGAIN) or is drained (EOF).
   *
   * @param encoderName names the encoder in error messages
   * @param everyPacketIsKey true for audio, where every packet starts a decodable unit
   */
  static void drain(
      AVCodecContext context,
      AVPacket packet,
      String encoderName,
      boolean everyPacketIsKey,
      EncodedPacket.Sink sink)
      throws IOException {
    while (true) {
      int ret = avcodec_receive_packet(context, packet);
      if (ret == FfmpegErrors.AVERROR_EAGAIN || ret == AVERROR_EOF) {
        return;
      }
      FfmpegErrors.check(ret, "receiving a packet from " + encoderName);
      try {
        byte[] data = new byte[packet.size()];
        packet.data().get(data, 0, data.length);
        boolean key = everyPacketIsKey || (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        sink.accept(new EncodedPacket(data, packet.pts(), key));
      } finally {
        av_packet_unref(packet);
      }
    }
  }

  /** Frees whichever of the encoder's native objects were allocated. */
  static void free(
      @Nullable AVCodecContext context, @Nullable AVFrame frame, @Nullable AVPacket packet) {
    if (packet != null) {
      av_packet_free(packet);
    }
    if (frame != null) {
      av_frame_free(frame);
    }
    if (context != null) {
      avcodec_free_context(context);
    }
  }
}
