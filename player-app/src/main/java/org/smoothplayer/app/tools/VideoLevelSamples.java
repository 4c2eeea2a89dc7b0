package org.smoothplayer.app.tools;

import java.util.List;
import org.smoothplayer.decoder.fragment.EncodedSample;

/**
 * The samples read for one video level.
 *
 * @param level the level
 * @param samples its samples in decode order, fragment after fragment
 */
public record VideoLevelSamples(VideoLevel level, List<EncodedSample> samples) {

  public VideoLevelSamples {
    samples = List.copyOf(samples);
  }
}
