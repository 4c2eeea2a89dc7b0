package org.smoothplayer.decoder.codec;

/**
 * What a decoder needs to start: derived from a manifest QualityLevel (FourCC, CodecPrivateData,
 * NALUnitLengthField, SamplingRate, Channels).
 */
public sealed interface CodecConfig permits VideoCodecConfig, AudioCodecConfig {
  /** The FourCC as written in the manifest (e.g. {@code H264}, {@code AACL}). */
  String fourCc();
}
