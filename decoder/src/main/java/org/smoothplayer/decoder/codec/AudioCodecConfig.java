package org.smoothplayer.decoder.codec;

import java.util.Arrays;

/**
 * Decoder configuration of an audio quality level: AAC, or Dolby AC-3 / E-AC-3.
 *
 * @param codec the codec (for AAC, its object type family)
 * @param fourCc the FourCC as written in the manifest
 * @param audioSpecificConfig AAC: the MPEG-4 AudioSpecificConfig, from CodecPrivateData or
 *     synthesized; AC-3 and E-AC-3: empty (every syncframe describes itself)
 * @param samplingRateHz the output sampling rate signalled (with SBR: the doubled rate); 0 when not
 *     signalled
 * @param channels the channel count signalled; 0 when not signalled
 */
public record AudioCodecConfig(
    AudioCodec codec, String fourCc, byte[] audioSpecificConfig, int samplingRateHz, int channels)
    implements CodecConfig {

  public AudioCodecConfig {
    audioSpecificConfig = audioSpecificConfig.clone();
  }

  @Override
  public byte[] audioSpecificConfig() {
    return audioSpecificConfig.clone();
  }

  /**
   * The RFC 6381 codec string: {@code mp4a.40.2} (from the AudioSpecificConfig), {@code ac-3} or
   * {@code ec-3}.
   */
  public String codecString() {
    return switch (codec) {
      case AAC_LC, HE_AAC, HE_AAC_V2 ->
          AudioSpecificConfig.parse(audioSpecificConfig).codecString();
      case AC_3 -> "ac-3";
      case E_AC_3 -> "ec-3";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AudioCodecConfig a
        && codec == a.codec
        && fourCc.equals(a.fourCc)
        && Arrays.equals(audioSpecificConfig, a.audioSpecificConfig)
        && samplingRateHz == a.samplingRateHz
        && channels == a.channels;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(audioSpecificConfig) + fourCc.hashCode();
  }

  @Override
  public String toString() {
    return "AudioCodecConfig["
        + codec
        + " "
        + fourCc
        + " "
        + samplingRateHz
        + " Hz, "
        + channels
        + " ch, asc="
        + audioSpecificConfig.length
        + " bytes]";
  }

  /** The audio codecs (and AAC flavours) the decoder knows. */
  public enum AudioCodec {
    AAC_LC,
    HE_AAC,
    HE_AAC_V2,
    /** Dolby Digital (FourCC AC-3). */
    AC_3,
    /** Dolby Digital Plus (FourCC EC-3). */
    E_AC_3;

    /** Whether this is one of the AAC flavours. */
    public boolean aac() {
      return this == AAC_LC || this == HE_AAC || this == HE_AAC_V2;
    }
  }
}
