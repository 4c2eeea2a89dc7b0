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
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_channel_from_index;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_name;
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
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
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

  /**
   * Decoded audio: every channel's samples in the decoder's channel order, named as FFmpeg names
   * them ({@code FL}, {@code FR}, {@code FC}, {@code LFE}, {@code BL} or {@code SL}, ...).
   *
   * @param sampleRateHz the rate of every decoded frame
   * @param channelNames the channels of every decoded frame, in order
   * @param samplesPerFrame samples per channel of each decoded frame
   * @param planes {@code planes[c]}: all samples of channel {@code c}, frames concatenated
   */
  record DecodedAudio(
      int sampleRateHz,
      List<String> channelNames,
      List<Integer> samplesPerFrame,
      float[][] planes) {
    /** The samples of the channel FFmpeg names {@code name}. */
    float[] channel(String name) {
      int index = channelNames.indexOf(name);
      if (index < 0) {
        throw new IllegalArgumentException("no channel " + name + " in " + channelNames);
      }
      return planes[index];
    }
  }

  /**
   * Decodes raw audio frames (one per packet) with FFmpeg's decoder for {@code codecId}, which must
   * output planar float at one rate and layout throughout.
   */
  static DecodedAudio decodeAudio(int codecId, byte[] extradata, List<byte[]> packets) {
    List<float[][]> frames = new ArrayList<>();
    List<Integer> samplesPerFrame = new ArrayList<>();
    int[] sampleRateHz = {-1};
    List<List<String>> layout = new ArrayList<>();
    decode(
        codecId,
        extradata,
        packets,
        frame -> {
          if (frame.format() != AV_SAMPLE_FMT_FLTP) {
            throw new IllegalStateException("expected planar float, got format " + frame.format());
          }
          List<String> names = channelNames(frame.ch_layout());
          if (layout.isEmpty()) {
            layout.add(names);
            sampleRateHz[0] = frame.sample_rate();
          } else if (!layout.get(0).equals(names) || sampleRateHz[0] != frame.sample_rate()) {
            throw new IllegalStateException(
                "the stream changed to " + names + " at " + frame.sample_rate() + " Hz");
          }
          float[][] planes = new float[names.size()][frame.nb_samples()];
          for (int c = 0; c < planes.length; c++) {
            new FloatPointer(frame.data(c)).get(planes[c], 0, planes[c].length);
          }
          frames.add(planes);
          samplesPerFrame.add(frame.nb_samples());
        });
    if (layout.isEmpty()) {
      throw new IllegalStateException("the decoder returned no frame");
    }
    int channels = layout.get(0).size();
    int total = samplesPerFrame.stream().mapToInt(Integer::intValue).sum();
    float[][] all = new float[channels][total];
    int at = 0;
    for (float[][] planes : frames) {
      for (int c = 0; c < channels; c++) {
        System.arraycopy(planes[c], 0, all[c], at, planes[c].length);
      }
      at += planes[0].length;
    }
    return new DecodedAudio(sampleRateHz[0], layout.get(0), samplesPerFrame, all);
  }

  private static List<String> channelNames(AVChannelLayout layout) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < layout.nb_channels(); i++) {
      byte[] name = new byte[32];
      av_channel_name(name, name.length, av_channel_layout_channel_from_index(layout, i));
      int length = 0;
      while (length < name.length && name[length] != 0) {
        length++;
      }
      names.add(new String(name, 0, length, java.nio.charset.StandardCharsets.US_ASCII));
    }
    return names;
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
