package org.smoothplayer.decoder.codec;

/** A QualityLevel whose codec the player cannot decode (WVC1, WMAP, EC-3, TTML, ...). */
public final class UnsupportedCodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The codecs the parser accepts, as shown in the message. */
  public static final String SUPPORTED =
      "H264, AVC1, DAVC, HVC1, HEV1, AACL, AACH, mp4a/AudioTag 255, EC-3, AC-3";

  private final String fourCc;

  /**
   * @param fourCc the FourCC as written in the manifest ({@code ""} if absent)
   * @param name how to name the codec in the message (the FourCC, or e.g. {@code AudioTag 353})
   */
  public UnsupportedCodecException(String fourCc, String name) {
    super("unsupported codec " + name + " (supported: " + SUPPORTED + ")");
    this.fourCc = fourCc;
  }

  /** The FourCC as written in the manifest ({@code ""} if absent). */
  public String fourCc() {
    return fourCc;
  }
}
