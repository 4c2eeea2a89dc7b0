package org.smoothplayer.assets.generate;

import java.util.Optional;

/**
 * The codec of a presentation's audio stream ({@link PresentationSpec#audioCodec()}): what FFmpeg
 * encoder makes it, how many channels and bits per second it carries, and how the Manifest's audio
 * QualityLevel describes it. Every stream is 48 kHz ({@link
 * PresentationSpec#AUDIO_SAMPLE_RATE_HZ}).
 */
public enum AudioCodec {
  /**
   * AAC-LC, stereo, 128 kbit/s, 1024-sample frames: FourCC {@code AACL}, {@code AudioTag="255"},
   * {@code PacketSize="4"}, CodecPrivateData = the AudioSpecificConfig. The default.
   */
  AAC_LC("aac", "AAC", "AACL", 2, 128_000, 1024, 255),

  /**
   * E-AC-3 (Dolby Digital Plus), 5.1, 224 kbit/s, one 1536-sample syncframe per sample: FourCC
   * {@code EC-3}, {@code AudioTag="65534"} (WAVE_FORMAT_EXTENSIBLE), {@code PacketSize} = the
   * syncframe size, CodecPrivateData = the WAVEFORMATEXTENSIBLE extension ({@link
   * WaveFormatExtensible}), as Unified Streaming writes it.
   */
  E_AC_3("eac3", "E-AC-3", "EC-3", 6, 224_000, 1536, WaveFormatExtensible.WAVE_FORMAT_EXTENSIBLE),

  /**
   * AC-3 (Dolby Digital), 5.1, 224 kbit/s, one 1536-sample syncframe per sample: FourCC {@code
   * AC-3}, otherwise written as E-AC-3 is, with the SubFormat of Dolby Digital.
   */
  AC_3("ac3", "AC-3", "AC-3", 6, 224_000, 1536, WaveFormatExtensible.WAVE_FORMAT_EXTENSIBLE);

  /** The Manifest's PacketSize of every AAC level (the value Smooth Streaming encoders write). */
  static final int AAC_PACKET_SIZE_BYTES = 4;

  private final String ffmpegEncoderName;
  private final String displayName;
  private final String fourCc;
  private final int channels;
  private final long bitrateBps;
  private final int frameSizeSamples;
  private final int audioTag;

  AudioCodec(
      String ffmpegEncoderName,
      String displayName,
      String fourCc,
      int channels,
      long bitrateBps,
      int frameSizeSamples,
      int audioTag) {
    this.ffmpegEncoderName = ffmpegEncoderName;
    this.displayName = displayName;
    this.fourCc = fourCc;
    this.channels = channels;
    this.bitrateBps = bitrateBps;
    this.frameSizeSamples = frameSizeSamples;
    this.audioTag = audioTag;
  }

  /** The Manifest's FourCC: {@code AACL} or {@code EC-3}. */
  public String fourCc() {
    return fourCc;
  }

  /** Number of encoded channels: 2 (AAC-LC) or 6 (E-AC-3 5.1). */
  public int channels() {
    return channels;
  }

  /** Nominal bitrate, also the audio level's {@code QualityLevels(<bitrate>)} folder name. */
  public long bitrateBps() {
    return bitrateBps;
  }

  /** Samples (per channel) in one encoded frame, which is one fragment sample: 1024 or 1536. */
  public int frameSizeSamples() {
    return frameSizeSamples;
  }

  /** The Manifest's AudioTag: 255 (AAC) or 65534 (WAVE_FORMAT_EXTENSIBLE, E-AC-3). */
  public int audioTag() {
    return audioTag;
  }

  /**
   * The Manifest's PacketSize of a level of this codec at {@code bitrateBps}: 4 for AAC; for E-AC-3
   * the syncframe size, {@code bitrateBps * 1536 / 48000 / 8} (896 at 224 kbit/s).
   */
  public int packetSizeBytes(long bitrateBps) {
    return switch (this) {
      case AAC_LC -> AAC_PACKET_SIZE_BYTES;
      case E_AC_3, AC_3 ->
          Math.toIntExact(
              bitrateBps * frameSizeSamples / PresentationSpec.AUDIO_SAMPLE_RATE_HZ / Byte.SIZE);
    };
  }

  /** The codec whose Manifest FourCC is {@code fourCc}, if it is one of these. */
  public static Optional<AudioCodec> ofFourCc(String fourCc) {
    for (AudioCodec codec : values()) {
      if (codec.fourCc.equals(fourCc)) {
        return Optional.of(codec);
      }
    }
    return Optional.empty();
  }

  /** FFmpeg's encoder name: {@code aac} or {@code eac3}. */
  String ffmpegEncoderName() {
    return ffmpegEncoderName;
  }

  /** The name used in messages: {@code AAC} or {@code E-AC-3}. */
  String displayName() {
    return displayName;
  }

  /** Shortest fragment that holds one frame, in whole ms: 22 (AAC) or 32 (E-AC-3). */
  long minFragmentDurationMs() {
    return (frameSizeSamples * 1000L + PresentationSpec.AUDIO_SAMPLE_RATE_HZ - 1)
        / PresentationSpec.AUDIO_SAMPLE_RATE_HZ;
  }
}
