package org.smoothplayer.decoder.video;

/**
 * A problem with one video sample (or with the picture it produced). The decoder reports it, drops
 * what it had in flight and resumes at the next key frame.
 *
 * @param kind what went wrong
 * @param sampleTimeUs presentation time of the offending sample (or frame), in microseconds
 * @param message what was found and what was expected
 */
public record VideoDecodeError(Kind kind, long sampleTimeUs, String message) {

  /** Categories of video decode errors. */
  public enum Kind {
    /** The sample holds no bytes. */
    EMPTY_SAMPLE,
    /** The sample is larger than any access unit the decoder accepts. */
    OVERSIZED_SAMPLE,
    /**
     * The NAL unit length prefixes do not walk the sample exactly (truncated sample, wrong NAL
     * length size, zero-length or out-of-bounds NAL unit, forbidden bit set).
     */
    MALFORMED_NAL_UNITS,
    /** A key frame arrived but no SPS/PPS is known, neither from the configuration nor in-band. */
    MISSING_PARAMETER_SETS,
    /** FFmpeg rejected the bitstream. */
    CORRUPT_BITSTREAM,
    /** FFmpeg decoded a picture but flagged it as damaged (error concealment). */
    CORRUPT_PICTURE,
    /** The decoded picture has a size or pixel format the decoder cannot convert. */
    UNSUPPORTED_PICTURE,
    /** A sample arrived before any configuration. */
    NOT_CONFIGURED
  }
}
