package org.smoothplayer.decoder.audio;

/**
 * A problem with one audio sample. The decoder reports it, drops the sample and goes on with the
 * next one (every AAC frame is a key frame).
 *
 * @param kind what went wrong
 * @param sampleTimeUs presentation time of the offending sample, in microseconds
 * @param message what was found and what was expected
 */
public record AudioDecodeError(Kind kind, long sampleTimeUs, String message) {

  /** Categories of audio decode errors. */
  public enum Kind {
    /** The sample holds no bytes. */
    EMPTY_SAMPLE,
    /** The sample is larger than any AAC frame. */
    OVERSIZED_SAMPLE,
    /** FFmpeg rejected the frame (garbage, truncated, wrong configuration). */
    CORRUPT_BITSTREAM,
    /** The decoded audio has a rate, layout or format the resampler cannot take. */
    UNSUPPORTED_AUDIO,
    /** A sample arrived before any configuration. */
    NOT_CONFIGURED
  }
}
