package org.smoothplayer.heuristics;

/**
 * The surface the video is shown on, in physical pixels.
 *
 * @param widthPx width in pixels, {@code > 0}
 * @param heightPx height in pixels, {@code > 0}
 */
public record Viewport(int widthPx, int heightPx) {
  /** Validates the size. */
  public Viewport {
    if (widthPx <= 0 || heightPx <= 0) {
      throw new InvalidInputException(
          "viewport", "positive width and height", widthPx + "x" + heightPx);
    }
  }
}
