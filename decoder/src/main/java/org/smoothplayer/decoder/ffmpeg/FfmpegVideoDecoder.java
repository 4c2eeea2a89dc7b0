package org.smoothplayer.decoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smoothplayer.decoder.codec.VideoCodecConfig;
import org.smoothplayer.decoder.codec.VideoCodecConfig.VideoCodec;
import org.smoothplayer.decoder.fragment.EncodedSample;
import org.smoothplayer.decoder.video.PixelBufferPool;
import org.smoothplayer.decoder.video.VideoDecodeError;
import org.smoothplayer.decoder.video.VideoDecodeError.Kind;
import org.smoothplayer.decoder.video.VideoDecoder;
import org.smoothplayer.decoder.video.VideoDecoderOptions;
import org.smoothplayer.decoder.video.VideoDecoderStats;
import org.smoothplayer.decoder.video.VideoFrame;
import org.smoothplayer.decoder.video.VideoFrameSink;

/**
 * {@link VideoDecoder} over FFmpeg's avcodec (H.264, HEVC) and swscale (BGRA conversion and scaling
 * in one pass).
 *
 * <p>Samples arrive length-prefixed as stored in MP4; each is walked and checked, then rewritten as
 * Annex-B into a padded native buffer; the level's parameter sets are the decoder's extradata. A
 * quality switch drains the old avcodec context into the sink and opens a new one. Any error makes
 * the decoder drop what it has in flight and wait for the next key frame.
 *
 * <p>Thread ownership: all state belongs to the decode thread that calls the {@link VideoDecoder}
 * methods; only {@link VideoFrame#close()} (through the thread-safe {@link PixelBufferPool}) runs
 * elsewhere.
 */
public final class FfmpegVideoDecoder implements VideoDecoder {

  private static final Logger LOG = LoggerFactory.getLogger(FfmpegVideoDecoder.class);

  /** Row alignment of output pictures, in bytes. */
  public static final int STRIDE_ALIGNMENT_BYTES = 64;

  /** Most parameter-set bytes accepted as extradata. */
  static final int MAX_PARAMETER_SET_BYTES = 64 * 1024;

  private final VideoDecoderOptions options;
  private final VideoFrameSink sink;
  private final PixelBufferPool pool;
  // First instance field on purpose: FFmpeg is loaded (once, under FfmpegRuntime's lock) before
  // any other field touches a native class. Two decoders constructed on two threads at once
  // otherwise deadlock in the bytedeco class initializers (avutil <-> AVChannelLayout).
  private final boolean runtimeLoaded = FfmpegRuntime.loaded();

  private final NativeBuffer packetData = new NativeBuffer();
  private @Nullable AVPacket packet;
  private @Nullable AVFrame decoded;
  private @Nullable BgraConverter converter;
  private @Nullable AVCodecContext context;
  private @Nullable VideoCodecConfig config;
  private boolean parameterSetsKnown;
  private @Nullable String parameterSetProblem;
  private boolean awaitingKeyFrame = true;
  private int outputWidthPx;
  private int outputHeightPx;
  private long lastPresentationTimeUs = Long.MIN_VALUE;
  private boolean closed;

  private long samplesDecoded;
  private long samplesSkipped;
  private long framesOut;
  private long errors;
  private long reconfigurations;

  /** A decoder with the given options, handing frames and errors to {@code sink}. */
  public FfmpegVideoDecoder(VideoDecoderOptions options, VideoFrameSink sink) {
    this(options, sink, new PixelBufferPool());
  }

  /** A decoder taking its pixel buffers from {@code pool}. */
  public FfmpegVideoDecoder(
      VideoDecoderOptions options, VideoFrameSink sink, PixelBufferPool pool) {
    FfmpegRuntime.ensureInitialized();
    this.options = options;
    this.sink = sink;
    this.pool = pool;
    this.outputWidthPx = options.outputWidthPx();
    this.outputHeightPx = options.outputHeightPx();
    try {
      packet = av_packet_alloc();
      decoded = av_frame_alloc();
      if (packet == null || packet.isNull() || decoded == null || decoded.isNull()) {
        throw new OutOfMemoryError("cannot allocate an AVPacket/AVFrame");
      }
      if (options.convertPixels()) {
        converter = new BgraConverter(options.threads());
      }
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  @Override
  public void configure(VideoCodecConfig newConfig) {
    checkOpen();
    if (newConfig.equals(config) && context != null) {
      return;
    }
    if (context != null) {
      drainInto();
      freeContext();
    }
    config = newConfig;
    awaitingKeyFrame = true;
    parameterSetProblem = null;
    byte[] parameterSets = newConfig.parameterSetsAnnexB();
    byte[] extradata = new byte[0];
    try {
      if (parameterSets.length > MAX_PARAMETER_SET_BYTES) {
        throw new MalformedNalUnitsException(
            "parameter sets of "
                + parameterSets.length
                + " bytes exceed "
                + MAX_PARAMETER_SET_BYTES,
            0);
      }
      if (parameterSets.length > 0) {
        NalUnits.Summary summary = NalUnits.walkAnnexB(parameterSets, newConfig.codec());
        extradata = parameterSets;
        parameterSetsKnown = summary.hasParameterSets(newConfig.codec());
        if (!parameterSetsKnown) {
          parameterSetProblem = "the configuration's parameter sets lack an SPS or PPS";
        }
      } else {
        parameterSetsKnown = false;
        parameterSetProblem = "the configuration carries no parameter sets";
      }
    } catch (MalformedNalUnitsException e) {
      parameterSetsKnown = false;
      parameterSetProblem = "the configuration's parameter sets are malformed: " + e.getMessage();
    }
    openContext(newConfig, extradata);
  }

  private void openContext(VideoCodecConfig newConfig, byte[] extradata) {
    int codecId = newConfig.codec() == VideoCodec.HEVC ? AV_CODEC_ID_HEVC : AV_CODEC_ID_H264;
    AVCodecContext created = CodecContexts.allocate(codecId, newConfig.codec().name(), extradata);
    created.pkt_timebase(av_make_q(1, 1_000_000));
    // thread_type keeps its default (frame + slice threading).
    created.thread_count(options.threads());
    int result = avcodec_open2(created, created.codec(), (AVDictionary) null);
    if (result < 0) {
      avcodec_free_context(created);
      throw new IllegalStateException(
          "avcodec_open2 failed for " + newConfig + ": " + FfmpegRuntime.describe(result));
    }
    context = created;
    reconfigurations++;
    LOG.debug("opened {} decoder, {} threads", newConfig, options.threads());
  }

  @Override
  public void decode(EncodedSample sample) {
    checkOpen();
    AVCodecContext ctx = context;
    VideoCodecConfig cfg = config;
    long timeUs = sample.presentationTimeUs();
    if (ctx == null || cfg == null) {
      report(Kind.NOT_CONFIGURED, timeUs, "a sample arrived before configure()");
      return;
    }
    if (awaitingKeyFrame && !sample.keyFrame()) {
      samplesSkipped++;
      return;
    }
    ByteBuffer data = sample.data();
    if (data.remaining() == 0) {
      fail(Kind.EMPTY_SAMPLE, timeUs, "sample holds no bytes");
      return;
    }
    if (data.remaining() > NalUnits.MAX_SAMPLE_BYTES) {
      fail(
          Kind.OVERSIZED_SAMPLE,
          timeUs,
          "sample of " + data.remaining() + " bytes exceeds " + NalUnits.MAX_SAMPLE_BYTES);
      return;
    }
    NalUnits.Summary summary;
    try {
      summary = NalUnits.walkLengthPrefixed(data, cfg.nalLengthSizeBytes(), cfg.codec());
    } catch (MalformedNalUnitsException e) {
      fail(
          Kind.MALFORMED_NAL_UNITS,
          timeUs,
          e.getMessage() + " (NAL length size " + cfg.nalLengthSizeBytes() + ")");
      return;
    }
    if (sample.keyFrame()) {
      if (!parameterSetsKnown) {
        if (summary.hasParameterSets(cfg.codec())) {
          parameterSetsKnown = true;
        } else {
          fail(
              Kind.MISSING_PARAMETER_SETS,
              timeUs,
              parameterSetProblem + ", and the key frame carries none in-band");
          return;
        }
      }
      awaitingKeyFrame = false;
    }
    ByteBuffer out = packetData.prepare(summary.annexBSizeBytes());
    NalUnits.writeAnnexB(data, cfg.nalLengthSizeBytes(), out);
    AVPacket pkt = packet;
    pkt.data(packetData.seal())
        .size(summary.annexBSizeBytes())
        .pts(sample.presentationTimeUs())
        .dts(sample.decodeTimeUs())
        .duration(sample.durationUs())
        .flags(sample.keyFrame() ? AV_PKT_FLAG_KEY : 0);
    int result = avcodec_send_packet(ctx, pkt);
    if (result == FfmpegRuntime.AVERROR_EAGAIN) {
      // The decoder's output is full: take its frames, then it accepts the packet.
      if (!receiveFrames(ctx, false)) {
        clearPacket(pkt);
        return;
      }
      result = avcodec_send_packet(ctx, pkt);
    }
    clearPacket(pkt);
    if (result < 0) {
      fail(
          Kind.CORRUPT_BITSTREAM,
          timeUs,
          "FFmpeg rejected the sample: " + FfmpegRuntime.describe(result));
      return;
    }
    samplesDecoded++;
    receiveFrames(ctx, false);
  }

  private static void clearPacket(AVPacket pkt) {
    pkt.data(null).size(0);
  }

  /**
   * Takes every frame FFmpeg has ready; false if an error made the decoder recover. While {@code
   * draining} (recovering already), errors end the loop and damaged frames are dropped silently.
   */
  private boolean receiveFrames(AVCodecContext ctx, boolean draining) {
    AVFrame frame = decoded;
    while (true) {
      int result = avcodec_receive_frame(ctx, frame);
      if (result == FfmpegRuntime.AVERROR_EAGAIN || result == AVERROR_EOF) {
        return true;
      }
      if (result < 0) {
        if (!draining) {
          fail(
              Kind.CORRUPT_BITSTREAM,
              lastPresentationTimeUs,
              "FFmpeg failed to decode: " + FfmpegRuntime.describe(result));
        }
        return false;
      }
      VideoDecodeError problem;
      long timeUs = presentationTimeUs(frame);
      try {
        problem = emit(frame, timeUs);
      } finally {
        av_frame_unref(frame);
      }
      if (problem != null && !draining) {
        fail(problem.kind(), problem.sampleTimeUs(), problem.message());
        return false;
      }
    }
  }

  private long presentationTimeUs(AVFrame frame) {
    long timeUs = frame.best_effort_timestamp();
    if (timeUs == AV_NOPTS_VALUE) {
      timeUs = frame.pts();
    }
    if (timeUs == AV_NOPTS_VALUE) {
      timeUs = lastPresentationTimeUs == Long.MIN_VALUE ? 0 : lastPresentationTimeUs + 1;
    }
    return timeUs;
  }

  /** Converts and hands one frame to the sink; else what is wrong with it (frame dropped). */
  private @Nullable VideoDecodeError emit(AVFrame frame, long timeUs) {
    if ((frame.flags() & FfmpegRuntime.AV_FRAME_FLAG_CORRUPT) != 0
        || frame.decode_error_flags() != 0) {
      return new VideoDecodeError(
          Kind.CORRUPT_PICTURE,
          timeUs,
          "FFmpeg concealed errors in the picture (decode_error_flags="
              + frame.decode_error_flags()
              + ")");
    }
    int sourceWidthPx = frame.width();
    int sourceHeightPx = frame.height();
    if (sourceWidthPx <= 0
        || sourceHeightPx <= 0
        || sourceWidthPx > VideoDecoderOptions.MAX_DIMENSION_PX
        || sourceHeightPx > VideoDecoderOptions.MAX_DIMENSION_PX) {
      return new VideoDecodeError(
          Kind.UNSUPPORTED_PICTURE,
          timeUs,
          "decoded picture is "
              + sourceWidthPx
              + "x"
              + sourceHeightPx
              + ", expected 1.."
              + VideoDecoderOptions.MAX_DIMENSION_PX
              + " on each side");
    }
    long durationUs = Math.max(0, frame.duration());
    VideoFrame out;
    BgraConverter bgra = converter;
    if (bgra == null) {
      out =
          new VideoFrame(
              timeUs,
              durationUs,
              sourceWidthPx,
              sourceHeightPx,
              sourceWidthPx * VideoFrame.BYTES_PER_PIXEL,
              sourceWidthPx,
              sourceHeightPx,
              null,
              null);
    } else {
      int widthPx = outputWidthPx == 0 ? sourceWidthPx : outputWidthPx;
      int heightPx = outputHeightPx == 0 ? sourceHeightPx : outputHeightPx;
      int strideBytes = alignUp(widthPx * VideoFrame.BYTES_PER_PIXEL, STRIDE_ALIGNMENT_BYTES);
      ByteBuffer pixels = pool.acquire(strideBytes * heightPx);
      int result = bgra.convert(frame, pixels, widthPx, heightPx, strideBytes);
      if (result < 0) {
        pool.release(pixels);
        return new VideoDecodeError(
            Kind.UNSUPPORTED_PICTURE,
            timeUs,
            "swscale cannot convert the picture (format "
                + frame.format()
                + "): "
                + FfmpegRuntime.describe(result));
      }
      out =
          new VideoFrame(
              timeUs,
              durationUs,
              widthPx,
              heightPx,
              strideBytes,
              sourceWidthPx,
              sourceHeightPx,
              pixels,
              pool);
    }
    lastPresentationTimeUs = timeUs;
    framesOut++;
    sink.onFrame(out);
    return null;
  }

  /**
   * Reports an error and recovers: the frames FFmpeg still holds are drained (the good ones reach
   * the sink, damaged ones are dropped), the context is flushed, and samples are skipped until the
   * next key frame.
   */
  private void fail(Kind kind, long timeUs, String message) {
    report(kind, timeUs, message);
    drainInto();
    awaitingKeyFrame = true;
  }

  private void report(Kind kind, long timeUs, String message) {
    errors++;
    LOG.debug("video decode error {} at {} us: {}", kind, timeUs, message);
    sink.onError(new VideoDecodeError(kind, timeUs, message));
  }

  /** Sends end-of-stream and takes every remaining frame; leaves the context flushed. */
  private void drainInto() {
    AVCodecContext ctx = context;
    if (ctx == null) {
      return;
    }
    int result = avcodec_send_packet(ctx, null);
    if (result >= 0 || result == AVERROR_EOF) {
      receiveFrames(ctx, true);
    }
    avcodec_flush_buffers(ctx);
  }

  @Override
  public void drain() {
    checkOpen();
    drainInto();
    awaitingKeyFrame = true;
  }

  @Override
  public void flush() {
    checkOpen();
    if (context != null) {
      avcodec_flush_buffers(context);
    }
    awaitingKeyFrame = true;
    lastPresentationTimeUs = Long.MIN_VALUE;
  }

  @Override
  public void setOutputSize(int widthPx, int heightPx) {
    checkOpen();
    VideoDecoderOptions checked = options.withOutputSize(widthPx, heightPx);
    outputWidthPx = checked.outputWidthPx();
    outputHeightPx = checked.outputHeightPx();
  }

  @Override
  public VideoDecoderStats stats() {
    return new VideoDecoderStats(
        samplesDecoded, samplesSkipped, framesOut, errors, reconfigurations, pool.allocatedCount());
  }

  /** The pool the frames' pixel buffers come from. */
  public PixelBufferPool pool() {
    return pool;
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

  private static int alignUp(int value, int alignment) {
    return (value + alignment - 1) / alignment * alignment;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    freeContext();
    if (converter != null) {
      converter.close();
      converter = null;
    }
    if (decoded != null) {
      av_frame_free(decoded);
      decoded = null;
    }
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    packetData.close();
    pool.close();
  }
}
