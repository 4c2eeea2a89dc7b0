package org.smoothplayer.assets.generate;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * The machine-readable code burnt into the top band of every generated frame.
 *
 * <p>Layout: the band spans the full width and {@link #bandHeightPx(int) max(8, height/16)} rows
 * from the top; it is split into 32 equal cells (cell {@code i} covers columns {@code [i*W/32,
 * (i+1)*W/32)}, {@code i = 0} leftmost). Cell {@code i} is white (Y=235) when bit {@code i} of
 * {@code code = (levelIndex << 24) | (frameNumber & 0xFFFFFF)} is 1, black (Y=16) otherwise; chroma
 * is neutral (128) across the band.
 */
public final class FrameCode {
  /** Number of cells (bits) across the band. */
  public static final int CELLS = 32;

  /** Luma of a 1 cell. */
  public static final int WHITE_Y = 235;

  /** Luma of a 0 cell. */
  public static final int BLACK_Y = 16;

  /** RGB luma below which a sampled cell reads as 0. */
  static final int ZERO_BELOW = 80;

  /** RGB luma above which a sampled cell reads as 1; in between the band is not a code. */
  static final int ONE_ABOVE = 176;

  /** Highest level index a generated presentation can carry (ladders hold at most 32 levels). */
  static final int MAX_LEVEL_INDEX = 31;

  private FrameCode() {}

  /** The code of frame {@code frameNumber} of level {@code levelIndex} (0..255). */
  public static int encode(int levelIndex, long frameNumber) {
    if (levelIndex < 0 || levelIndex > 255) {
      throw new IllegalArgumentException("levelIndex must be in 0..255, got " + levelIndex);
    }
    if (frameNumber < 0) {
      throw new IllegalArgumentException("frameNumber must be >= 0, got " + frameNumber);
    }
    return (levelIndex << 24) | (int) (frameNumber & 0xFFFFFF);
  }

  /** The level index carried by {@code code}. */
  public static int levelIndex(int code) {
    return code >>> 24;
  }

  /** The frame number carried by {@code code} (modulo 2^24). */
  public static long frameNumber(int code) {
    return code & 0xFFFFFF;
  }

  /** Height of the code band for a picture {@code heightPx} tall. */
  public static int bandHeightPx(int heightPx) {
    return Math.min(heightPx, Math.max(8, heightPx / 16));
  }

  /** Left column of cell {@code cell} for a picture {@code widthPx} wide. */
  public static int cellLeftPx(int cell, int widthPx) {
    return (int) ((long) cell * widthPx / CELLS);
  }

  /**
   * Reads the code from a decoded (possibly scaled) BGRA picture: pixel {@code (x, y)} is at byte
   * {@code y * strideBytes + 4 * x} (absolute index, B,G,R,A order). Samples a small patch at the
   * centre of each cell in the middle of the band and thresholds its luma at the midpoint.
   *
   * @return the code, or empty when the band does not look like a code (a cell is neither clearly
   *     black nor clearly white, or the level index is impossible)
   * @throws IllegalArgumentException when the sizes do not fit the buffer
   */
  public static OptionalInt readBgra(ByteBuffer bgra, int widthPx, int heightPx, int strideBytes) {
    if (widthPx < CELLS || heightPx < 1) {
      throw new IllegalArgumentException(
          "picture must be at least " + CELLS + "x1 px, got " + widthPx + "x" + heightPx);
    }
    if (strideBytes < 4 * widthPx) {
      throw new IllegalArgumentException(
          "strideBytes must be >= 4 * widthPx = " + 4 * widthPx + ", got " + strideBytes);
    }
    long needed = (long) (heightPx - 1) * strideBytes + 4L * widthPx;
    if (bgra.limit() < needed) {
      throw new IllegalArgumentException(
          "buffer holds "
              + bgra.limit()
              + " bytes, a "
              + widthPx
              + "x"
              + heightPx
              + " picture with stride "
              + strideBytes
              + " needs "
              + needed);
    }
    // The band covers at least the top 1/16 of the picture at any scale: sample its middle.
    int centreY = heightPx / 32;
    int halfPatchY = heightPx / 128;
    int halfPatchX = widthPx / 256;
    int code = 0;
    for (int cell = 0; cell < CELLS; cell++) {
      int left = cellLeftPx(cell, widthPx);
      int right = cellLeftPx(cell + 1, widthPx);
      int centreX = (left + right) / 2;
      long sum = 0;
      int count = 0;
      for (int y = Math.max(0, centreY - halfPatchY); y <= centreY + halfPatchY; y++) {
        for (int x = Math.max(left, centreX - halfPatchX);
            x <= Math.min(right - 1, centreX + halfPatchX);
            x++) {
          int i = y * strideBytes + 4 * x;
          int b = bgra.get(i) & 0xFF;
          int g = bgra.get(i + 1) & 0xFF;
          int r = bgra.get(i + 2) & 0xFF;
          sum += (77 * r + 150 * g + 29 * b) >> 8;
          count++;
        }
      }
      long luma = sum / count;
      if (luma > ONE_ABOVE) {
        code |= 1 << cell;
      } else if (luma >= ZERO_BELOW) {
        return OptionalInt.empty();
      }
    }
    if (levelIndex(code) > MAX_LEVEL_INDEX) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(code);
  }
}
