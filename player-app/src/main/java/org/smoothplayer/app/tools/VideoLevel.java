package org.smoothplayer.app.tools;

import org.smoothplayer.app.manifest.QualityLevel;
import org.smoothplayer.app.manifest.StreamIndex;
import org.smoothplayer.decoder.codec.VideoCodecConfig;

/**
 * One decodable video level of a presentation.
 *
 * @param stream the video stream the level belongs to
 * @param level the level as the manifest describes it
 * @param config the decoder configuration parsed from the level's CodecPrivateData
 */
public record VideoLevel(StreamIndex stream, QualityLevel level, VideoCodecConfig config) {

  /** The level's Index (its position when the manifest has none). */
  public int index() {
    return level.index();
  }

  /** The level's Bitrate. */
  public long bitrateBps() {
    return level.bitrateBps();
  }

  /** A short label, e.g. {@code level 3, 2800 kbps, 1280x720 H264}. */
  public String label() {
    return "level "
        + level.index()
        + ", "
        + level.bitrateBps() / 1000
        + " kbps, "
        + config.widthPx()
        + "x"
        + config.heightPx()
        + " "
        + config.codec();
  }
}
