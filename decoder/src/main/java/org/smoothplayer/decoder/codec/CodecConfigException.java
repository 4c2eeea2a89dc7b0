package org.smoothplayer.decoder.codec;

/**
 * Codec data that cannot be used: bad CodecPrivateData hex, a parameter set or AudioSpecificConfig
 * that does not parse, an unusable NALUnitLengthField, ... The message names the field, the problem
 * and what was expected.
 */
public final class CodecConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the manifest attribute or syntax element at fault (e.g. {@code CodecPrivateData},
   *     {@code SPS pic_width_in_mbs_minus1})
   * @param problem what was found
   * @param expected what was expected instead
   */
  public CodecConfigException(String field, String problem, String expected) {
    super(field + ": " + problem + " (expected " + expected + ")");
    this.field = field;
  }

  /** The manifest attribute or syntax element at fault. */
  public String field() {
    return field;
  }
}
