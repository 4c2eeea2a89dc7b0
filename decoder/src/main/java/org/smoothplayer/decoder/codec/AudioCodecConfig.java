package org.smoothplayer.decoder.codec;

import java.util.Arrays;

/**
 * Decoder configuration of an AAC quality level.
 *
 * @param codec the AAC object type family
 * @param fourCc the FourCC as written in the manifest
 * @param audioSpecificConfig the MPEG-4 AudioSpecificConfig, from CodecPrivateData or synthesized
 * @param samplingRateHz the output sampling rate signalled (with SBR: the doubled rate)
 * @param channels the channel count signalled
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

  /** AAC flavours the decoder knows. */
  public enum AudioCodec {
    AAC_LC,
    HE_AAC,
    HE_AAC_V2
  }
}
