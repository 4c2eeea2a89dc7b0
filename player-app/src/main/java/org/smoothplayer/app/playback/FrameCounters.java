package org.smoothplayer.app.playback;

import java.util.Arrays;
import java.util.Objects;

/**
 * A snapshot of the video frames shown and dropped, in total and per quality level.
 *
 * @param rendered frames handed to the renderer
 * @param dropped frames that were due but superseded by a newer due frame before being shown
 * @param renderedPerLevel rendered frames by level index
 * @param droppedPerLevel dropped frames by level index
 */
public record FrameCounters(
    long rendered, long dropped, long[] renderedPerLevel, long[] droppedPerLevel) {

  public FrameCounters {
    if (renderedPerLevel.length != droppedPerLevel.length) {
      throw new IllegalArgumentException(
          "per-level arrays must have the same length, were "
              + renderedPerLevel.length
              + " and "
              + droppedPerLevel.length);
    }
    renderedPerLevel = renderedPerLevel.clone();
    droppedPerLevel = droppedPerLevel.clone();
  }

  /** Rendered frames by level index (a copy). */
  @Override
  public long[] renderedPerLevel() {
    return renderedPerLevel.clone();
  }

  /** Dropped frames by level index (a copy). */
  @Override
  public long[] droppedPerLevel() {
    return droppedPerLevel.clone();
  }

  /** Number of levels counted. */
  public int levelCount() {
    return renderedPerLevel.length;
  }

  /** Frames rendered at {@code level}. */
  public long renderedAt(int level) {
    checkLevel(level);
    return renderedPerLevel[level];
  }

  /** Frames dropped at {@code level}. */
  public long droppedAt(int level) {
    checkLevel(level);
    return droppedPerLevel[level];
  }

  private void checkLevel(int level) {
    if (level < 0 || level >= renderedPerLevel.length) {
      throw new IllegalArgumentException(
          "level must be in 0.." + (renderedPerLevel.length - 1) + ", was " + level);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrameCounters c
        && rendered == c.rendered
        && dropped == c.dropped
        && Arrays.equals(renderedPerLevel, c.renderedPerLevel)
        && Arrays.equals(droppedPerLevel, c.droppedPerLevel);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        rendered, dropped, Arrays.hashCode(renderedPerLevel), Arrays.hashCode(droppedPerLevel));
  }

  @Override
  public String toString() {
    return "FrameCounters[rendered="
        + rendered
        + " "
        + Arrays.toString(renderedPerLevel)
        + ", dropped="
        + dropped
        + " "
        + Arrays.toString(droppedPerLevel)
        + "]";
  }
}
