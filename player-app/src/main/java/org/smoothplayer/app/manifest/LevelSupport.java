package org.smoothplayer.app.manifest;

import org.jspecify.annotations.Nullable;
import org.smoothplayer.decoder.codec.CodecConfig;

/**
 * Whether the player can decode one QualityLevel, and why not.
 *
 * @param config the decoder configuration when supported, else null
 * @param reason empty when supported, else the problem (e.g. {@code unsupported codec WVC1 ...})
 */
public record LevelSupport(@Nullable CodecConfig config, String reason) {
  /** Whether the level can be decoded. */
  public boolean supported() {
    return config != null;
  }
}
