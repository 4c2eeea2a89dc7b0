package org.smoothplayer.heuristics;

/**
 * Frames shown and dropped while playing one level, over the window the caller keeps.
 *
 * @param droppedFrames frames not shown in time
 * @param renderedFrames frames shown
 * @param lastDropObservedAtS session time the caller last saw a dropped frame at this level, or
 *     negative infinity when never
 */
public record FrameStats(long droppedFrames, long renderedFrames, double lastDropObservedAtS) {
  /** No frames seen. */
  public static final FrameStats NONE = new FrameStats(0, 0, Double.NEGATIVE_INFINITY);

  /** Validates the counts. */
  public FrameStats {
    if (droppedFrames < 0 || renderedFrames < 0) {
      throw new InvalidInputException(
          "droppedFrames/renderedFrames", ">= 0", droppedFrames + "/" + renderedFrames);
    }
    if (Double.isNaN(lastDropObservedAtS)) {
      throw new InvalidInputException("lastDropObservedAtS", "a number", lastDropObservedAtS);
    }
  }

  /** Dropped share of all frames at this level, 0 when none were played. */
  public double dropRatio() {
    long total = droppedFrames + renderedFrames;
    return total == 0 ? 0 : (double) droppedFrames / total;
  }

  /** Total frames seen. */
  public long totalFrames() {
    return droppedFrames + renderedFrames;
  }
}
