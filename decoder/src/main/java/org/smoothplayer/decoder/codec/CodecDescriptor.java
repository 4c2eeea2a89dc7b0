package org.smoothplayer.decoder.codec;

import java.util.Objects;

/**
 * The codec-related attributes of one manifest QualityLevel (and its StreamIndex), as written.
 *
 * @param streamType the StreamIndex Type: {@code video}, {@code audio} or {@code text}
 * @param fourCc the FourCC attribute ({@code ""} if absent)
 * @param codecPrivateDataHex the CodecPrivateData attribute ({@code ""} if absent; whitespace is
 *     ignored)
 * @param nalUnitLengthField the NALUnitLengthField attribute (0 if absent, meaning 4)
 * @param samplingRateHz the SamplingRate attribute (0 if absent)
 * @param channels the Channels attribute (0 if absent)
 * @param bitsPerSample the BitsPerSample attribute (0 if absent)
 * @param packetSize the PacketSize attribute (0 if absent)
 * @param audioTag the AudioTag attribute (0 if absent; 255 means AAC)
 */
public record CodecDescriptor(
    String streamType,
    String fourCc,
    String codecPrivateDataHex,
    int nalUnitLengthField,
    int samplingRateHz,
    int channels,
    int bitsPerSample,
    int packetSize,
    int audioTag) {

  public CodecDescriptor {
    Objects.requireNonNull(streamType, "streamType");
    Objects.requireNonNull(fourCc, "fourCc");
    Objects.requireNonNull(codecPrivateDataHex, "codecPrivateDataHex");
  }

  /** A video QualityLevel. */
  public static CodecDescriptor video(String fourCc, String codecPrivateDataHex, int nalLength) {
    return new CodecDescriptor("video", fourCc, codecPrivateDataHex, nalLength, 0, 0, 0, 0, 0);
  }

  /** An audio QualityLevel. */
  public static CodecDescriptor audio(
      String fourCc, String codecPrivateDataHex, int samplingRateHz, int channels) {
    return new CodecDescriptor(
        "audio", fourCc, codecPrivateDataHex, 0, samplingRateHz, channels, 16, 0, 0);
  }
}
