package org.smoothplayer.decoder.audio;

import org.smoothplayer.decoder.codec.AudioCodecConfig;
import org.smoothplayer.decoder.fragment.EncodedSample;

/**
 * Decodes AAC (LC, HE-AAC v1/v2) samples into {@link PcmChunk}s at 48 kHz stereo, handed to the
 * {@link PcmSink} given at construction, whatever the source rate and channel layout.
 *
 * <p>Thread ownership: one thread (the decode thread) calls every method. Bad samples never throw:
 * they become {@link AudioDecodeError} events and decoding goes on with the next sample.
 */
public interface AudioDecoder extends AutoCloseable {

  /**
   * Sets the configuration of the samples that follow; a different configuration drains the current
   * decoder into the sink, then starts afresh.
   */
  void configure(AudioCodecConfig config);

  /** Decodes one sample; zero or more chunks reach the sink. */
  void decode(EncodedSample sample);

  /** End of stream: pushes the audio still inside the decoder and the resampler to the sink. */
  void drain();

  /** Seek: drops everything in flight. */
  void flush();

  /** Counters since construction. */
  AudioDecoderStats stats();

  /** Frees the decoder's native memory; idempotent. */
  @Override
  void close();
}
