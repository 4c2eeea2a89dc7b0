package org.smoothplayer.app.text;

import java.util.List;

/**
 * One caption cue: text shown from {@code startUs} (inclusive) to {@code endUs} (exclusive), on the
 * presentation timeline in microseconds.
 *
 * @param startUs when the cue appears
 * @param endUs when the cue disappears; greater than {@code startUs}
 * @param lines what to show, top to bottom: one entry per line, none of them blank; never empty
 */
public record Cue(long startUs, long endUs, List<String> lines) {

  /** Checks the cue and keeps an immutable copy of the lines. */
  public Cue {
    if (startUs >= endUs) {
      throw new IllegalArgumentException(
          "cue start " + startUs + " us is not before its end " + endUs + " us");
    }
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a cue needs at least one line of text");
    }
  }
}
