package org.smoothplayer.decoder.bench;

import java.util.List;
import org.smoothplayer.decoder.codec.VideoCodecConfig;
import org.smoothplayer.decoder.fragment.EncodedSample;

/**
 * One video level to benchmark, loaded whole into memory by the caller (the decoder knows no
 * manifests: the application reads the presentation and hands the samples over).
 *
 * @param bitrateBps the level's nominal bitrate
 * @param config the level's codec configuration
 * @param samples every sample of the level, in decode order, starting with a key frame
 */
public record BenchLevel(long bitrateBps, VideoCodecConfig config, List<EncodedSample> samples) {

  public BenchLevel {
    if (bitrateBps < 0) {
      throw new IllegalArgumentException("bitrateBps must be >= 0, was " + bitrateBps);
    }
    samples = List.copyOf(samples);
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a benchmark level needs at least one sample");
    }
    if (!samples.get(0).keyFrame()) {
      throw new IllegalArgumentException(
          "a benchmark level must start with a key frame, the first sample at "
              + samples.get(0).decodeTimeUs()
              + " us is not one");
    }
  }

  /** A short label such as {@code 1280x720 H264}. */
  public String label() {
    return config.widthPx() + "x" + config.heightPx() + " " + config.codec();
  }
}
