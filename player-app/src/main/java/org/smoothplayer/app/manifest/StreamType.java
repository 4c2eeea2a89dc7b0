package org.smoothplayer.app.manifest;

import java.util.Locale;
import java.util.Optional;

/** The {@code Type} of a {@code StreamIndex}. */
public enum StreamType {
  VIDEO,
  AUDIO,
  TEXT;

  /** The keyword as written in manifests ({@code video}, {@code audio}, {@code text}). */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a Type attribute value, ignoring case and surrounding white space. */
  public static Optional<StreamType> fromKeyword(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    for (StreamType t : values()) {
      if (t.keyword().equals(v)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
