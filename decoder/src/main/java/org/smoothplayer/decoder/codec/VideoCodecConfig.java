package org.smoothplayer.decoder.codec;

import java.util.Arrays;

/**
 * Decoder configuration of an H.264 or HEVC quality level.
 *
 * @param codec the video codec
 * @param fourCc the FourCC as written in the manifest
 * @param parameterSetsAnnexB the parameter sets (VPS for HEVC, SPS, PPS) each prefixed by a 00 00
 *     00 01 start code, ready to be given as decoder extradata
 * @param nalLengthSizeBytes size of the NAL unit length prefix inside samples: 1, 2 or 4
 * @param widthPx coded picture width after cropping, from the SPS
 * @param heightPx coded picture height after cropping, from the SPS
 * @param profile the profile name from the SPS (e.g. {@code High}, {@code Main})
 * @param level the level from the SPS (e.g. {@code 4.0})
 */
public record VideoCodecConfig(
    VideoCodec codec,
    String fourCc,
    byte[] parameterSetsAnnexB,
    int nalLengthSizeBytes,
    int widthPx,
    int heightPx,
    String profile,
    String level)
    implements CodecConfig {

  public VideoCodecConfig {
    if (nalLengthSizeBytes != 1 && nalLengthSizeBytes != 2 && nalLengthSizeBytes != 4) {
      throw new IllegalArgumentException(
          "nalLengthSizeBytes must be 1, 2 or 4, was " + nalLengthSizeBytes);
    }
    parameterSetsAnnexB = parameterSetsAnnexB.clone();
  }

  @Override
  public byte[] parameterSetsAnnexB() {
    return parameterSetsAnnexB.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VideoCodecConfig v
        && codec == v.codec
        && fourCc.equals(v.fourCc)
        && Arrays.equals(parameterSetsAnnexB, v.parameterSetsAnnexB)
        && nalLengthSizeBytes == v.nalLengthSizeBytes
        && widthPx == v.widthPx
        && heightPx == v.heightPx
        && profile.equals(v.profile)
        && level.equals(v.level);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(parameterSetsAnnexB) + fourCc.hashCode();
  }

  @Override
  public String toString() {
    return "VideoCodecConfig["
        + codec
        + " "
        + fourCc
        + " "
        + widthPx
        + "x"
        + heightPx
        + " "
        + profile
        + "@"
        + level
        + ", nalLength="
        + nalLengthSizeBytes
        + ", parameterSets="
        + parameterSetsAnnexB.length
        + " bytes]";
  }

  /** Video codecs the decoder knows. */
  public enum VideoCodec {
    H264,
    HEVC
  }
}
