package org.smoothplayer.heuristics;

/**
 * One quality level of a ladder.
 *
 * @param bitrateBps declared bitrate in bits per second
 * @param widthPx coded width in pixels (0 when unknown)
 * @param heightPx coded height in pixels (0 when unknown)
 */
public record Level(long bitrateBps, int widthPx, int heightPx) {
  /** Validates the level. */
  public Level {
    if (bitrateBps <= 0) {
      throw new InvalidInputException("bitrateBps", "> 0", bitrateBps);
    }
    if (widthPx < 0 || heightPx < 0) {
      throw new InvalidInputException("widthPx/heightPx", ">= 0", widthPx + "x" + heightPx);
    }
  }

  /** Bitrate in kilobits per second. */
  public double bitrateKbps() {
    return bitrateBps / 1000.0;
  }
}
