package org.smoothplayer.decoder.fragment;

/**
 * A fragment that is not a well-formed Smooth Streaming fragment. The message names the box, its
 * byte offset in the fragment, the problem and what was expected.
 */
public class FragmentParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The data ends inside a top-level box (header or body): the fragment was cut. */
    TRUNCATED,
    /** A box declares size 0 ("extends to the end of the file"), which a fragment may not use. */
    BOX_SIZE_ZERO,
    /** A box size (32-bit size or 64-bit largesize) smaller than its own header or above 2^63. */
    BOX_SIZE_INVALID,
    /** A child box extends past the end of its parent box. */
    BOX_EXCEEDS_PARENT,
    /** A box is too short for the fields its version and flags announce. */
    BOX_TOO_SHORT,
    /** A trun announces more sample entries than the box holds. */
    TRUN_SAMPLE_COUNT_EXCEEDS_BOX,
    /** A sample's bytes (data offset + size) do not lie inside an mdat payload. */
    SAMPLE_DATA_OUTSIDE_MDAT,
    /** A required box (moof, mfhd, traf, tfhd, trun, mdat) is missing. */
    MISSING_BOX,
    /** A box that may appear once appears twice. */
    DUPLICATE_BOX,
    /** A box version this parser does not know. */
    UNSUPPORTED_VERSION,
    /** A sample's duration or size is given neither in trun nor as a tfhd default. */
    MISSING_SAMPLE_DEFAULT,
    /** A number that is negative, overflows 64-bit arithmetic, or is out of its range. */
    VALUE_OUT_OF_RANGE,
    /** Track fragments of different tracks in one fragment. */
    TRACK_MISMATCH,
    /** More samples than {@link FragmentParser#MAX_SAMPLES} in one fragment. */
    TOO_MANY_SAMPLES
  }

  private final Kind kind;
  private final String box;
  private final long offset;

  /**
   * @param kind what went wrong
   * @param box the four-character type of the box at fault (or "fragment")
   * @param offset byte offset of that box from the start of the fragment
   * @param problem what was found
   * @param expected what was expected instead
   */
  public FragmentParseException(
      Kind kind, String box, long offset, String problem, String expected) {
    super(box + " at offset " + offset + ": " + problem + " (expected " + expected + ")");
    this.kind = kind;
    this.box = box;
    this.offset = offset;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** The four-character type of the box at fault. */
  public String box() {
    return box;
  }

  /** Byte offset of the box at fault from the start of the fragment. */
  public long offset() {
    return offset;
  }
}
