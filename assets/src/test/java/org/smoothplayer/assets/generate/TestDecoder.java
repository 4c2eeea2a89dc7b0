package org.smoothplayer.assets.generate;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/** Decodes generated samples with libavcodec, the way a player would. Test support only. */
final class TestDecoder {
  private TestDecoder() {}

  /** A decoded picture converted to BGRA. */
  record Picture(ByteBuffer bgra, int widthPx, int heightPx) {}

  /**
   * Decodes length-prefixed H.264 samples (one fragment) with a fresh decoder configured from
   * Annex-B SPS/PPS, returning the pictures in output order scaled to {@code outWidth x outHeight}.
   */
  static List<Picture> decodeVideo(
      byte[] annexBConfig, List<byte[]> samples, int outWidth, int outHeight) {
    List<Picture> pictures = new ArrayList<>();
    decode(
        AV_CODEC_ID_H264,
        annexBConfig,
        samples.stream().map(TestDecoder::toAnnexB).toList(),
        frame -> pictures.add(toBgra(frame, outWidth, outHeight)));
    return pictures;
  }

  /** Decodes raw AAC frames into the left channel's samples. */
  static float[] decodeAudioLeft(byte[] audioSpecificConfig, List<byte[]> packets) {
    List<float[]> chunks = new ArrayList<>();
    decode(
        AV_CODEC_ID_AAC,
        audioSpecificConfig,
        packets,
        frame -> {
          float[] chunk = new float[frame.nb_samples()];
          new FloatPointer(frame.data(0)).get(chunk, 0, chunk.length);
          chunks.add(chunk);
        });
    int total = chunks.stream().mapToInt(c -> c.length).sum();
    float[] all = new float[total];
    int at = 0;
    for (float[] c : chunks) {
      System.arraycopy(c, 0, all, at, c.length);
      at += c.length;
    }
    return all;
  }

  private static void decode(
      int codecId, byte[] extradata, List<byte[]> packets, Consumer<AVFrame> onFrame) {
    AVCodec codec = avcodec_find_decoder(codecId);
    AVCodecContext context = avcodec_alloc_context3(codec);
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    try {
      BytePointer extra =
          new BytePointer(av_mallocz(extradata.length + AV_INPUT_BUFFER_PADDING_SIZE));
      extra.put(extradata, 0, extradata.length);
      context.extradata(extra);
      context.extradata_size(extradata.length);
      check(avcodec_open2(context, codec, (AVDictionary) null), "open decoder");
      long pts = 0;
      for (byte[] data : packets) {
        check(av_new_packet(packet, data.length), "new packet");
        packet.data().put(data, 0, data.length);
        packet.pts(pts++);
        check(avcodec_send_packet(context, packet), "send packet");
        av_packet_unref(packet);
        drain(context, frame, onFrame);
      }
      check(avcodec_send_packet(context, null), "flush decoder");
      drain(context, frame, onFrame);
    } finally {
      av_frame_free(frame);
      av_packet_free(packet);
      avcodec_free_context(context); // frees the extradata too
    }
  }

  private static void drain(AVCodecContext context, AVFrame frame, Consumer<AVFrame> onFrame) {
    while (true) {
      int ret = avcodec_receive_frame(context, frame);
      if (ret == -11 || ret == AVERROR_EOF) {
        return;
      }
      check(ret, "receive frame");
      onFrame.accept(frame);
    }
  }

  private static Picture toBgra(AVFrame frame, int outWidth, int outHeight) {
    SwsContext sws =
        sws_getContext(
            frame.width(),
            frame.height(),
            frame.format(),
            outWidth,
            outHeight,
            AV_PIX_FMT_BGRA,
            SWS_BILINEAR,
            null,
            null,
            (DoublePointer) null);
    BytePointer out = new BytePointer((long) outWidth * outHeight * 4);
    try {
      PointerPointer<BytePointer> dst = new PointerPointer<>(out, null, null, null);
      IntPointer dstStride = new IntPointer(outWidth * 4, 0, 0, 0);
      sws_scale(sws, frame.data(), frame.linesize(), 0, frame.height(), dst, dstStride);
      byte[] bytes = new byte[outWidth * outHeight * 4];
      out.get(bytes, 0, bytes.length);
      return new Picture(ByteBuffer.wrap(bytes), outWidth, outHeight);
    } finally {
      sws_freeContext(sws);
      out.close();
    }
  }

  /** Length-prefixed NAL units to Annex-B. */
  static byte[] toAnnexB(byte[] lengthPrefixed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(lengthPrefixed.length + 16);
    ByteBuffer in = ByteBuffer.wrap(lengthPrefixed);
    while (in.remaining() >= 4) {
      int n = in.getInt();
      out.write(0);
      out.write(0);
      out.write(0);
      out.write(1);
      out.write(lengthPrefixed, in.position(), n);
      in.position(in.position() + n);
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("truncated length-prefixed sample");
    }
    return out.toByteArray();
  }

  private static void check(int ret, String what) {
    if (ret < 0) {
      throw new IllegalStateException(what + " failed: " + FfmpegErrors.describe(ret));
    }
  }
}
