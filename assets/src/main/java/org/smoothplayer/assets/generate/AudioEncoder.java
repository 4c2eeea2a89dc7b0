package org.smoothplayer.assets.generate;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_NATIVE;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHAN_FRONT_CENTER;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHAN_FRONT_LEFT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHAN_FRONT_RIGHT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_channel_from_index;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One of FFmpeg's native audio encoders ({@link AudioCodec}: {@code aac} for AAC-LC stereo, {@code
 * eac3} for E-AC-3 5.1), 48 kHz, planar float input in FFmpeg's default layout for the codec's
 * channel count. Owns its native context, frame and packet; use from one thread and close it.
 */
final class AudioEncoder implements AutoCloseable {
  /** Gain of the centre channel fed with the mean of left and right: -6 dB (x 0.5). */
  static final float CENTRE_GAIN = 0.5f;

  private final AudioCodec codec;
  private final AVCodecContext context;
  private final AVFrame frame;
  private final AVPacket packet;
  private final int frameSize;
  private final int channels;
  private final ChannelSource[] sources;
  private final boolean hasCentre;
  private final long channelMask;
  private final float[] centre;
  private final float[] silence;

  /** What feeds each channel of the layout. */
  private enum ChannelSource {
    LEFT,
    RIGHT,
    CENTRE,
    SILENCE
  }

  AudioEncoder(AudioCodec codec) {
    this.codec = codec;
    String name = codec.ffmpegEncoderName();
    AVCodec encoder = avcodec_find_encoder_by_name(name);
    if (encoder == null) {
      throw new GenerationException("FFmpeg's " + name + " encoder not found");
    }
    context = avcodec_alloc_context3(encoder);
    frame = av_frame_alloc();
    packet = av_packet_alloc();
    if (context == null || frame == null || packet == null) {
      close();
      throw new GenerationException(
          "out of native memory allocating the " + codec.displayName() + " encoder");
    }
    try {
      channels = codec.channels();
      context.sample_fmt(AV_SAMPLE_FMT_FLTP);
      context.sample_rate(PresentationSpec.AUDIO_SAMPLE_RATE_HZ);
      av_channel_layout_default(context.ch_layout(), channels);
      context.bit_rate(codec.bitrateBps());
      context.time_base(av_make_q(1, PresentationSpec.AUDIO_SAMPLE_RATE_HZ));
      context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      FfmpegErrors.check(avcodec_open2(context, encoder, (AVDictionary) null), "opening " + name);
      frameSize = context.frame_size();
      sources = channelSources(context.ch_layout(), name);
      hasCentre = List.of(sources).contains(ChannelSource.CENTRE);
      channelMask =
          context.ch_layout().order() == AV_CHANNEL_ORDER_NATIVE ? context.ch_layout().u_mask() : 0;
      frame.format(AV_SAMPLE_FMT_FLTP);
      frame.sample_rate(PresentationSpec.AUDIO_SAMPLE_RATE_HZ);
      frame.nb_samples(frameSize);
      av_channel_layout_default(frame.ch_layout(), channels);
      FfmpegErrors.check(av_frame_get_buffer(frame, 0), "allocating an audio frame");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    centre = new float[frameSize];
    silence = new float[frameSize];
  }

  /**
   * Where each channel of the layout (in FFmpeg's order) takes its samples from: FL the left, FR
   * the right, FC their mean at {@link #CENTRE_GAIN}, every other channel (LFE, surrounds) silence.
   */
  private static ChannelSource[] channelSources(AVChannelLayout layout, String encoderName) {
    ChannelSource[] sources = new ChannelSource[layout.nb_channels()];
    for (int index = 0; index < sources.length; index++) {
      int channel = av_channel_layout_channel_from_index(layout, index);
      sources[index] =
          channel == AV_CHAN_FRONT_LEFT
              ? ChannelSource.LEFT
              : channel == AV_CHAN_FRONT_RIGHT
                  ? ChannelSource.RIGHT
                  : channel == AV_CHAN_FRONT_CENTER ? ChannelSource.CENTRE : ChannelSource.SILENCE;
    }
    if (!List.of(sources).containsAll(List.of(ChannelSource.LEFT, ChannelSource.RIGHT))) {
      throw new GenerationException(
          encoderName + "'s " + sources.length + "-channel layout has no front left and right");
    }
    return sources;
  }

  /** The codec this encoder makes. */
  AudioCodec codec() {
    return codec;
  }

  /** Samples per encoded frame (1024 for AAC, 1536 for E-AC-3). */
  int frameSize() {
    return frameSize;
  }

  /** Number of encoded channels (2 or 6). */
  int channels() {
    return channels;
  }

  /** Samples of encoder delay (priming) before the first input sample in the output. */
  int initialPadding() {
    return context.initial_padding();
  }

  /**
   * The Manifest's CodecPrivateData: the AudioSpecificConfig for AAC, the WAVEFORMATEXTENSIBLE
   * extension (samples per block, channel mask of the encoder's layout, SubFormat) for E-AC-3 and
   * AC-3.
   */
  byte[] codecPrivateData() {
    return switch (codec) {
      case AAC_LC -> audioSpecificConfig();
      case E_AC_3 -> WaveFormatExtensible.dolbyDigitalPlus(frameSize, speakerMask());
      case AC_3 -> WaveFormatExtensible.dolbyDigital(frameSize, speakerMask());
    };
  }

  private int speakerMask() {
    if (channelMask == 0) {
      throw new GenerationException(name() + "'s channel layout has no speaker mask");
    }
    return Math.toIntExact(channelMask);
  }

  /** The AudioSpecificConfig (an AAC level's CodecPrivateData). */
  private byte[] audioSpecificConfig() {
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
   * Encodes one frame of {@link #frameSize()} samples per channel of a stereo source, starting at
   * input {@code pts}: {@code left} into FL, {@code right} into FR, {@code (left + right) / 2} at
   * {@link #CENTRE_GAIN} into FC when the layout has one, silence into every other channel.
   */
  void encode(float[] left, float[] right, long pts, EncodedPacket.Sink sink) throws IOException {
    if (left.length != frameSize || right.length != frameSize) {
      throw new IllegalArgumentException(
          "expected "
              + frameSize
              + " samples per channel and frame, got "
              + left.length
              + " and "
              + right.length);
    }
    FfmpegErrors.check(av_frame_make_writable(frame), "making the audio frame writable");
    if (hasCentre) {
      for (int s = 0; s < frameSize; s++) {
        centre[s] = (left[s] + right[s]) / 2 * CENTRE_GAIN;
      }
    }
    for (int channel = 0; channel < channels; channel++) {
      float[] samples =
          switch (sources[channel]) {
            case LEFT -> left;
            case RIGHT -> right;
            case CENTRE -> centre;
            case SILENCE -> silence;
          };
      new FloatPointer(frame.data(channel)).put(samples, 0, frameSize);
    }
    frame.pts(pts);
    FfmpegErrors.check(avcodec_send_frame(context, frame), "sending audio to " + name());
    drain(sink);
  }

  /** Flushes the delayed packets. */
  void finish(EncodedPacket.Sink sink) throws IOException {
    FfmpegErrors.check(avcodec_send_frame(context, null), "flushing " + name());
    drain(sink);
  }

  private void drain(EncodedPacket.Sink sink) throws IOException {
    EncoderPackets.drain(context, packet, name(), true, sink);
  }

  private String name() {
    return codec.ffmpegEncoderName();
  }

  @Override
  public void close() {
    EncoderPackets.free(context, frame, packet);
  }
}
