package org.smoothplayer.assets.generate;

import java.util.List;

/**
 * One caption cue of a text stream, on the presentation timeline (the test oracle for captions).
 *
 * @param fragmentIndex index of the text fragment whose TTML document holds the cue
 * @param startUs absolute start (fragment start + the document's relative {@code begin}) in µs
 * @param endUs absolute end in µs, after {@code startUs}
 * @param lines the text to show, top to bottom (the {@code p} split at its {@code br}s)
 */
public record CueInfo(int fragmentIndex, long startUs, long endUs, List<String> lines) {
  /** Copies the list. */
  public CueInfo {
    lines = List.copyOf(lines);
  }
}
