package org.smoothplayer.app.ui;

import java.util.Objects;

/**
 * What a player window opens first.
 *
 * @param input an http, https or file URL, or a presentation folder
 * @param remembered whether the input joins File ▸ Open Recent and is resumed where it is left
 *     (false for the built-in sample, whose local address changes every run)
 * @param captionsOff start without captions although the last window closed with them on (the
 *     command line's {@code --captions off}); their language is kept for the C key
 * @param startUs where it starts, microseconds from the presentation's start (the command line's
 *     {@code --start}), or {@link #WHERE_LEFT}
 */
public record FirstSession(String input, boolean remembered, boolean captionsOff, long startUs) {

  /** {@link #startUs()}: where the input was left last time, else at its start. */
  public static final long WHERE_LEFT = -1;

  public FirstSession {
    Objects.requireNonNull(input, "input");
    if (startUs < WHERE_LEFT) {
      throw new IllegalArgumentException(
          "startUs: expected >= 0 or WHERE_LEFT (-1) but was " + startUs);
    }
  }

  /** {@code input}, remembered, captions as last time, started where it was left. */
  public static FirstSession of(String input) {
    return new FirstSession(input, true, false, WHERE_LEFT);
  }
}
