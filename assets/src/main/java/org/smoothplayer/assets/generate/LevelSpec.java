package org.smoothplayer.assets.generate;

/**
 * One video quality level to encode.
 *
 * @param bitrateBps target (and manifest) bitrate in bits per second; unique within a ladder
 * @param widthPx coded width, even, 16..4096
 * @param heightPx coded height, even, 16..4096
 */
public record LevelSpec(long bitrateBps, int widthPx, int heightPx) {
  /** Smallest accepted width or height in pixels. */
  public static final int MIN_SIDE_PX = 16;

  /** Largest accepted width or height in pixels. */
  public static final int MAX_SIDE_PX = 4096;

  /** Validates the level. */
  public LevelSpec {
    if (bitrateBps < 10_000 || bitrateBps > 100_000_000) {
      throw new InvalidSpecException(
          "level bitrateBps must be in 10000..100000000, got " + bitrateBps);
    }
    checkSide("widthPx", widthPx);
    checkSide("heightPx", heightPx);
  }

  private static void checkSide(String name, int valuePx) {
    if (valuePx < MIN_SIDE_PX || valuePx > MAX_SIDE_PX || valuePx % 2 != 0) {
      throw new InvalidSpecException(
          "level "
              + name
              + " must be even and in "
              + MIN_SIDE_PX
              + ".."
              + MAX_SIDE_PX
              + ", got "
              + valuePx);
    }
  }

  /** Short label burnt into the picture, e.g. {@code L2 1280x720 2500k}. */
  public String label(int levelIndex) {
    return "L" + levelIndex + " " + widthPx + "x" + heightPx + " " + (bitrateBps / 1000) + "k";
  }
}
