package org.smoothplayer.assets.generate;

/**
 * One encoded quality level as written to the Manifest.
 *
 * <p>{@link #audioTag()} and {@link #packetSizeBytes()} follow from the FourCC and bitrate; they
 * are not stored in {@code presentation.json}, which keeps the form it had before E-AC-3 existed.
 *
 * @param index QualityLevel Index (position in the ladder; 0 for audio)
 * @param bitrateBps nominal bitrate (the Manifest's Bitrate and the folder name)
 * @param widthPx video width, 0 for audio
 * @param heightPx video height, 0 for audio
 * @param fourCc {@code H264}, {@code AACL} or {@code EC-3} ({@link AudioCodec#fourCc()}), {@code
 *     TTML} for captions
 * @param codecPrivateDataHex Annex-B SPS+PPS (video), AudioSpecificConfig (AAC) or the
 *     WAVEFORMATEXTENSIBLE extension (E-AC-3), upper-case hex
 * @param samplingRateHz 48000 for audio, 0 for video
 * @param channels 2 (AAC) or 6 (E-AC-3) for audio, 0 for video
 * @param achievedBitrateBps mean bitrate actually written: fragment bytes * 8 / duration
 */
public record LevelInfo(
    int index,
    long bitrateBps,
    int widthPx,
    int heightPx,
    String fourCc,
    String codecPrivateDataHex,
    int samplingRateHz,
    int channels,
    long achievedBitrateBps) {

  /** The Manifest's AudioTag: 255 (AACL), 65534 (EC-3); 0 for a level that is not audio. */
  public int audioTag() {
    return AudioCodec.ofFourCc(fourCc).map(AudioCodec::audioTag).orElse(0);
  }

  /**
   * The Manifest's PacketSize: 4 (AACL), the syncframe size in bytes (EC-3, 896 at 224 kbit/s); 0
   * for a level that is not audio.
   */
  public int packetSizeBytes() {
    return AudioCodec.ofFourCc(fourCc).map(c -> c.packetSizeBytes(bitrateBps)).orElse(0);
  }
}
