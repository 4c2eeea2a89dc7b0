package org.smoothplayer.assets.generate;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * FFmpeg's native AAC encoder (AAC-LC, stereo, 48 kHz, planar float input). Owns its native
 * context, frame and packet; use from one thread and close it.
 */
final class AudioEncoder implements AutoCloseable {
  /** Number of channels. */
  static final int CHANNELS = 2;

  private final AVCodecContext context;
  private final AVFrame frame;
  private final AVPacket packet;
  private final int frameSize;

  AudioEncoder(long bitrateBps) {
    AVCodec codec = avcodec_find_encoder_by_name("aac");
    if (codec == null) {
      throw new GenerationException("FFmpeg's aac encoder not found");
    }
    context = avcodec_alloc_context3(codec);
    frame = av_frame_alloc();
    packet = av_packet_alloc();
    if (context == null || frame == null || packet == null) {
      close();
      throw new GenerationException("out of native memory allocating the AAC encoder");
    }
    try {
      context.sample_fmt(AV_SAMPLE_FMT_FLTP);
      context.sample_rate(PresentationSpec.AUDIO_SAMPLE_RATE_HZ);
      av_channel_layout_default(context.ch_layout(), CHANNELS);
      context.bit_rate(bitrateBps);
      context.time_base(av_make_q(1, PresentationSpec.AUDIO_SAMPLE_RATE_HZ));
      context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      FfmpegErrors.check(avcodec_open2(context, codec, (AVDictionary) null), "opening aac");
      frameSize = context.frame_size();
      frame.format(AV_SAMPLE_FMT_FLTP);
      frame.sample_rate(PresentationSpec.AUDIO_SAMPLE_RATE_HZ);
      frame.nb_samples(frameSize);
      av_channel_layout_default(frame.ch_layout(), CHANNELS);
      FfmpegErrors.check(av_frame_get_buffer(frame, 0), "allocating an audio frame");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Samples per AAC frame (1024). */
  int frameSize() {
    return frameSize;
  }

  /** Samples of encoder delay (priming) before the first input sample in the output. */
  int initialPadding() {
    return context.initial_padding();
  }

  /** The AudioSpecificConfig (the Manifest's CodecPrivateData). */
  byte[] audioSpecificConfig() {
    int size = context.extradata_size();
    if (size <= 0) {
      throw new GenerationException("aac encoder gave no AudioSpecificConfig");
    }
    byte[] config = new byte[size];
    context.extradata().get(config, 0, size);
    return coreConfig(config);
  }

  /**
   * The 2-byte AAC-LC AudioSpecificConfig without FFmpeg's trailing explicit "no SBR" sync
   * extension ({@code 119056E500} becomes {@code 1190}): Smooth Streaming clients expect the plain
   * form. Other configurations are returned unchanged.
   */
  static byte[] coreConfig(byte[] config) {
    if (config.length > 2) {
      int objectType = (config[0] & 0xFF) >>> 3;
      int frequencyIndex = ((config[0] & 0x07) << 1) | ((config[1] & 0xFF) >>> 7);
      if (objectType == 2 && frequencyIndex != 15) {
        return new byte[] {config[0], config[1]};
      }
    }
    return config;
  }

  /**
   * Encodes one frame of {@link #frameSize()} samples per channel, starting at input {@code pts}.
   */
  void encode(float[] samples, long pts, EncodedPacket.Sink sink) throws IOException {
    if (samples.length != frameSize) {
      throw new IllegalArgumentException(
          "expected " + frameSize + " samples per frame, got " + samples.length);
    }
    FfmpegErrors.check(av_frame_make_writable(frame), "making the audio frame writable");
    for (int channel = 0; channel < CHANNELS; channel++) {
      new FloatPointer(frame.data(channel)).put(samples, 0, frameSize);
    }
    frame.pts(pts);
    FfmpegErrors.check(avcodec_send_frame(context, frame), "sending audio to aac");
    drain(sink);
  }

  /** Flushes the delayed packets. */
  void finish(EncodedPacket.Sink sink) throws IOException {
    FfmpegErrors.check(avcodec_send_frame(context, null), "flushing aac");
    drain(sink);
  }

  private void drain(EncodedPacket.Sink sink) throws IOException {
    EncoderPackets.drain(context, packet, "aac", true, sink);
  }

  @Override
  public void close() {
    EncoderPackets.free(context, frame, packet);
  }
}
