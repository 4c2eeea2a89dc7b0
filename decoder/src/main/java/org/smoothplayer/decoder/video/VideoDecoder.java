package org.smoothplayer.decoder.video;

import org.smoothplayer.decoder.codec.VideoCodecConfig;
import org.smoothplayer.decoder.fragment.EncodedSample;

/**
 * Decodes H.264/HEVC samples into render-ready BGRA frames, handed to the {@link VideoFrameSink}
 * given at construction.
 *
 * <p>Thread ownership: one thread (the decode thread) calls every method; only {@link
 * VideoFrame#close()} may run elsewhere. Bad samples never throw: they become {@link
 * VideoDecodeError} events and decoding resumes at the next key frame.
 */
public interface VideoDecoder extends AutoCloseable {

  /**
   * Sets the configuration of the samples that follow. A configuration different from the current
   * one (a quality switch) first drains the current decoder, so every frame before the switch
   * reaches the sink, then starts afresh: the next sample must be a key frame.
   */
  void configure(VideoCodecConfig config);

  /** Decodes one sample in decode order; zero or more frames reach the sink. */
  void decode(EncodedSample sample);

  /** End of stream: pushes every frame still inside the decoder to the sink. */
  void drain();

  /** Seek: drops everything in flight; samples are skipped until the next key frame. */
  void flush();

  /** Changes the output size of the following frames ({@code 0, 0} for the source size). */
  void setOutputSize(int widthPx, int heightPx);

  /** Counters since construction. */
  VideoDecoderStats stats();

  /** Frees the decoder's native memory; idempotent. Frames already handed out stay valid. */
  @Override
  void close();
}
