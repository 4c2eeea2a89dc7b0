package org.smoothplayer.decoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AC3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_EAC3;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_compare;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_delay;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smoothplayer.decoder.audio.AudioDecodeError;
import org.smoothplayer.decoder.audio.AudioDecodeError.Kind;
import org.smoothplayer.decoder.audio.AudioDecoder;
import org.smoothplayer.decoder.audio.AudioDecoderStats;
import org.smoothplayer.decoder.audio.PcmChunk;
import org.smoothplayer.decoder.audio.PcmSink;
import org.smoothplayer.decoder.codec.AudioCodecConfig;
import org.smoothplayer.decoder.fragment.EncodedSample;

/**
 * {@link AudioDecoder} over FFmpeg's AAC (LC, SBR, PS), AC-3 and E-AC-3 decoders and swresample:
 * whatever comes out (planar float, any rate, any layout; HE-AAC may double the rate after the
 * first frame; 5.1 is mixed down) is resampled to 48 kHz stereo signed 16-bit interleaved.
 *
 * <p>Presentation times follow the samples' times, corrected for the samples held inside the
 * resampler, so consecutive chunks are contiguous.
 *
 * <p>Thread ownership: all state belongs to the decode thread that calls the {@link AudioDecoder}
 * methods.
 */
public final class FfmpegAudioDecoder implements AudioDecoder {

  private static final Logger LOG = LoggerFactory.getLogger(FfmpegAudioDecoder.class);

  /**
   * Largest sample accepted, in bytes: an AAC frame (6144 bits per channel, 8 channels) or an
   * E-AC-3 access unit (syncframes of at most 4096 bytes), with margin.
   */
  public static final int MAX_SAMPLE_BYTES = 16 * 1024;

  /** Largest AudioSpecificConfig accepted, in bytes. */
  static final int MAX_AUDIO_SPECIFIC_CONFIG_BYTES = 64;

  private final PcmSink sink;
  // First instance field on purpose: FFmpeg is loaded (once, under FfmpegRuntime's lock) before
  // any other field touches a native class. Two decoders constructed on two threads at once
  // otherwise deadlock in the bytedeco class initializers (avutil <-> AVChannelLayout).
  private final boolean runtimeLoaded = FfmpegRuntime.loaded();

  private final NativeBuffer packetData = new NativeBuffer();
  private final NativeBuffer pcmOut = new NativeBuffer();
  private final PointerPointer<BytePointer> pcmOutPlanes = new PointerPointer<>(1);
  private @Nullable AVPacket packet;
  private @Nullable AVFrame decoded;
  private @Nullable AVCodecContext context;
  private @Nullable AudioCodecConfig config;
  private @Nullable SwrContext resampler;
  private final AVChannelLayout outLayout = new AVChannelLayout();
  private final AVChannelLayout resamplerInLayout = new AVChannelLayout();
  private int resamplerInRateHz;
  private int resamplerInFormat = -1;
  private long lastEndUs = Long.MIN_VALUE;
  private boolean closed;

  private long samplesDecoded;
  private long framesOut;
  private long chunksOut;
  private long errors;

  /** A decoder handing PCM and errors to {@code sink}. */
  public FfmpegAudioDecoder(PcmSink sink) {
    FfmpegRuntime.ensureInitialized();
    this.sink = sink;
    av_channel_layout_default(outLayout, PcmChunk.CHANNELS);
    packet = av_packet_alloc();
    decoded = av_frame_alloc();
    if (packet == null || packet.isNull() || decoded == null || decoded.isNull()) {
      close();
      throw new OutOfMemoryError("cannot allocate an AVPacket/AVFrame");
    }
  }

  @Override
  public void configure(AudioCodecConfig newConfig) {
    checkOpen();
    if (newConfig.equals(config) && context != null) {
      return;
    }
    byte[] asc = newConfig.audioSpecificConfig();
    if (asc.length > MAX_AUDIO_SPECIFIC_CONFIG_BYTES) {
      throw new IllegalArgumentException(
          "AudioSpecificConfig of "
              + asc.length
              + " bytes, expected at most "
              + MAX_AUDIO_SPECIFIC_CONFIG_BYTES);
    }
    if (newConfig.channels() < 0 || newConfig.channels() > 8) {
      throw new IllegalArgumentException("channels must be 0..8, was " + newConfig.channels());
    }
    if (newConfig.samplingRateHz() < 0 || newConfig.samplingRateHz() > 192_000) {
      throw new IllegalArgumentException(
          "samplingRateHz must be 0..192000, was " + newConfig.samplingRateHz());
    }
    if (context != null) {
      drain();
      freeContext();
    }
    config = newConfig;
    AVCodecContext created =
        CodecContexts.allocate(codecId(newConfig.codec()), codecName(newConfig.codec()), asc);
    if (newConfig.samplingRateHz() > 0) {
      created.sample_rate(newConfig.samplingRateHz());
    }
    if (newConfig.channels() > 0) {
      av_channel_layout_default(created.ch_layout(), newConfig.channels());
    }
    created.pkt_timebase(av_make_q(1, 1_000_000));
    int result = avcodec_open2(created, created.codec(), (AVDictionary) null);
    if (result < 0) {
      avcodec_free_context(created);
      throw new IllegalArgumentException(
          "FFmpeg cannot open "
              + codecName(newConfig.codec())
              + " with "
              + newConfig
              + ": "
              + FfmpegRuntime.describe(result));
    }
    context = created;
    LOG.debug("opened {} decoder", newConfig);
  }

  @Override
  public void decode(EncodedSample sample) {
    checkOpen();
    long timeUs = sample.presentationTimeUs();
    AVCodecContext ctx = context;
    if (ctx == null) {
      report(Kind.NOT_CONFIGURED, timeUs, "a sample arrived before configure()");
      return;
    }
    ByteBuffer data = sample.data();
    int sizeBytes = data.remaining();
    if (sizeBytes == 0) {
      report(Kind.EMPTY_SAMPLE, timeUs, "sample holds no bytes");
      return;
    }
    if (sizeBytes > MAX_SAMPLE_BYTES) {
      report(
          Kind.OVERSIZED_SAMPLE,
          timeUs,
          "sample of " + sizeBytes + " bytes exceeds the maximum of " + MAX_SAMPLE_BYTES);
      return;
    }
    ByteBuffer out = packetData.prepare(sizeBytes);
    out.put(data.duplicate());
    AVPacket pkt = packet;
    pkt.data(packetData.seal())
        .size(sizeBytes)
        .pts(timeUs)
        .dts(sample.decodeTimeUs())
        .duration(sample.durationUs());
    int result = avcodec_send_packet(ctx, pkt);
    if (result == FfmpegRuntime.AVERROR_EAGAIN) {
      receiveFrames(ctx, timeUs);
      result = avcodec_send_packet(ctx, pkt);
    }
    pkt.data(null).size(0);
    if (result < 0) {
      report(
          Kind.CORRUPT_BITSTREAM,
          timeUs,
          "FFmpeg rejected the sample: " + FfmpegRuntime.describe(result));
      return;
    }
    samplesDecoded++;
    receiveFrames(ctx, timeUs);
  }

  private static int codecId(AudioCodecConfig.AudioCodec codec) {
    return switch (codec) {
      case AAC_LC, HE_AAC, HE_AAC_V2 -> AV_CODEC_ID_AAC;
      case AC_3 -> AV_CODEC_ID_AC3;
      case E_AC_3 -> AV_CODEC_ID_EAC3;
    };
  }

  private static String codecName(AudioCodecConfig.AudioCodec codec) {
    return switch (codec) {
      case AAC_LC, HE_AAC, HE_AAC_V2 -> "AAC";
      case AC_3 -> "AC-3";
      case E_AC_3 -> "E-AC-3";
    };
  }

  private void receiveFrames(AVCodecContext ctx, long sampleTimeUs) {
    AVFrame frame = decoded;
    while (true) {
      int result = avcodec_receive_frame(ctx, frame);
      if (result == FfmpegRuntime.AVERROR_EAGAIN || result == AVERROR_EOF) {
        return;
      }
      if (result < 0) {
        report(
            Kind.CORRUPT_BITSTREAM,
            sampleTimeUs,
            "FFmpeg failed to decode: " + FfmpegRuntime.describe(result));
        return;
      }
      try {
        resample(frame, sampleTimeUs);
      } finally {
        av_frame_unref(frame);
      }
    }
  }

  private void resample(AVFrame frame, long sampleTimeUs) {
    int rateHz = frame.sample_rate();
    int channels = frame.ch_layout().nb_channels();
    int samples = frame.nb_samples();
    if (rateHz < 1000 || rateHz > 192_000 || channels < 1 || channels > 64 || samples < 0) {
      report(
          Kind.UNSUPPORTED_AUDIO,
          sampleTimeUs,
          "decoded audio is "
              + samples
              + " samples, "
              + rateHz
              + " Hz, "
              + channels
              + " channels: expected 1000..192000 Hz and 1..64 channels");
      return;
    }
    SwrContext swr = resamplerFor(frame);
    if (swr == null) {
      report(
          Kind.UNSUPPORTED_AUDIO,
          sampleTimeUs,
          "swresample cannot convert format " + frame.format() + " at " + rateHz + " Hz");
      return;
    }
    long frameTimeUs = frame.best_effort_timestamp();
    if (frameTimeUs == AV_NOPTS_VALUE) {
      frameTimeUs = sampleTimeUs;
    }
    long bufferedOut = swr_get_delay(swr, PcmChunk.SAMPLE_RATE_HZ);
    long chunkTimeUs = frameTimeUs - bufferedOut * 1_000_000L / PcmChunk.SAMPLE_RATE_HZ;
    int capacity = (int) ((long) samples * PcmChunk.SAMPLE_RATE_HZ / rateHz + bufferedOut + 64);
    convert(swr, frame.extended_data(), samples, capacity, chunkTimeUs);
  }

  private void convert(
      SwrContext swr, @Nullable PointerPointer<?> in, int inSamples, int capacity, long timeUs) {
    ByteBuffer view = pcmOut.prepare(capacity * PcmChunk.BYTES_PER_FRAME);
    pcmOutPlanes.put(0, pcmOut.seal());
    int produced = swr_convert(swr, pcmOutPlanes, capacity, in, inSamples);
    if (produced < 0) {
      report(
          Kind.UNSUPPORTED_AUDIO, timeUs, "swresample failed: " + FfmpegRuntime.describe(produced));
      return;
    }
    if (produced == 0) {
      return;
    }
    byte[] bytes = new byte[produced * PcmChunk.BYTES_PER_FRAME];
    view.clear();
    view.get(bytes);
    ByteBuffer pcm = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    framesOut += produced;
    chunksOut++;
    lastEndUs = timeUs + produced * 1_000_000L / PcmChunk.SAMPLE_RATE_HZ;
    sink.onPcm(new PcmChunk(timeUs, produced, pcm));
  }

  /** The resampler for this frame's input, made anew when the input format changes. */
  private @Nullable SwrContext resamplerFor(AVFrame frame) {
    if (resampler != null
        && resamplerInRateHz == frame.sample_rate()
        && resamplerInFormat == frame.format()
        && av_channel_layout_compare(resamplerInLayout, frame.ch_layout()) == 0) {
      return resampler;
    }
    freeResampler();
    SwrContext created = new SwrContext(null);
    int result =
        swr_alloc_set_opts2(
            created,
            outLayout,
            AV_SAMPLE_FMT_S16,
            PcmChunk.SAMPLE_RATE_HZ,
            frame.ch_layout(),
            frame.format(),
            frame.sample_rate(),
            0,
            null);
    if (result < 0 || created.isNull()) {
      return null;
    }
    if (swr_init(created) < 0) {
      swr_free(created);
      return null;
    }
    resampler = created;
    resamplerInRateHz = frame.sample_rate();
    resamplerInFormat = frame.format();
    av_channel_layout_uninit(resamplerInLayout);
    av_channel_layout_copy(resamplerInLayout, frame.ch_layout());
    return created;
  }

  private void report(Kind kind, long timeUs, String message) {
    errors++;
    LOG.debug("audio decode error {} at {} us: {}", kind, timeUs, message);
    sink.onError(new AudioDecodeError(kind, timeUs, message));
  }

  @Override
  public void drain() {
    checkOpen();
    AVCodecContext ctx = context;
    if (ctx == null) {
      return;
    }
    int result = avcodec_send_packet(ctx, null);
    if (result >= 0 || result == AVERROR_EOF) {
      receiveFrames(ctx, lastEndUs == Long.MIN_VALUE ? 0 : lastEndUs);
    }
    avcodec_flush_buffers(ctx);
    SwrContext swr = resampler;
    if (swr != null && lastEndUs != Long.MIN_VALUE) {
      long buffered = swr_get_delay(swr, PcmChunk.SAMPLE_RATE_HZ);
      if (buffered > 0) {
        convert(swr, null, 0, (int) Math.min(buffered + 64, 1 << 20), lastEndUs);
      }
    }
    freeResampler();
  }

  @Override
  public void flush() {
    checkOpen();
    if (context != null) {
      avcodec_flush_buffers(context);
    }
    freeResampler();
    lastEndUs = Long.MIN_VALUE;
  }

  @Override
  public AudioDecoderStats stats() {
    return new AudioDecoderStats(samplesDecoded, framesOut, chunksOut, errors);
  }

  private void freeResampler() {
    if (resampler != null) {
      swr_free(resampler);
      resampler = null;
      resamplerInFormat = -1;
      resamplerInRateHz = 0;
    }
  }

  private void freeContext() {
    if (context != null) {
      avcodec_free_context(context);
      context = null;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("decoder is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    freeContext();
    freeResampler();
    if (decoded != null) {
      av_frame_free(decoded);
      decoded = null;
    }
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    av_channel_layout_uninit(outLayout);
    av_channel_layout_uninit(resamplerInLayout);
    outLayout.close();
    resamplerInLayout.close();
    pcmOutPlanes.close();
    packetData.close();
    pcmOut.close();
  }
}
