package org.smoothplayer.assets.generate;

/**
 * One encoded quality level as written to the Manifest.
 *
 * @param index QualityLevel Index (position in the ladder; 0 for audio)
 * @param bitrateBps nominal bitrate (the Manifest's Bitrate and the folder name)
 * @param widthPx video width, 0 for audio
 * @param heightPx video height, 0 for audio
 * @param fourCc {@code H264} or {@code AACL}
 * @param codecPrivateDataHex Annex-B SPS+PPS (video) or AudioSpecificConfig (audio), upper-case hex
 * @param samplingRateHz 48000 for audio, 0 for video
 * @param channels 2 for audio, 0 for video
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
    long achievedBitrateBps) {}
