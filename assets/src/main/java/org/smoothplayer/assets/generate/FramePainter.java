package org.smoothplayer.assets.generate;

import java.util.Arrays;
import java.util.Locale;

/**
 * Draws the synthetic picture of one level into YUV 4:2:0 planes (limited range): a gradient
 * background tinted per level, a sweeping bar, a bouncing checkered box, the level label, frame
 * number and media time as text, white flash frames, and the {@link FrameCode} band on top.
 *
 * <p>Not thread-safe: one painter per encoding thread.
 */
final class FramePainter {
  private static final int BAR_Y = 210;
  private static final int TEXT_Y = 235;
  private static final int TEXT_BACKGROUND_Y = 16;
  private static final int FLASH_Y = 235;
  private static final int NEUTRAL_CHROMA = 128;
  private static final int BAR_SWEEP_SECONDS = 4;

  private final PresentationSpec spec;
  private final int levelIndex;
  private final String label;
  private final int widthPx;
  private final int heightPx;
  private final int chromaWidthPx;
  private final int chromaHeightPx;
  private final int bandHeightPx;
  private final int textScale;
  private final byte[] backgroundY;
  private final byte[] backgroundU;
  private final byte[] backgroundV;
  private final byte[] planeY;
  private final byte[] planeU;
  private final byte[] planeV;

  FramePainter(PresentationSpec spec, int levelIndex) {
    LevelSpec level = spec.ladder().get(levelIndex);
    this.spec = spec;
    this.levelIndex = levelIndex;
    this.label = level.label(levelIndex);
    this.widthPx = level.widthPx();
    this.heightPx = level.heightPx();
    this.chromaWidthPx = widthPx / 2;
    this.chromaHeightPx = heightPx / 2;
    this.bandHeightPx = FrameCode.bandHeightPx(heightPx);
    this.textScale = Math.max(1, heightPx / 100);
    this.backgroundY = new byte[widthPx * heightPx];
    this.backgroundU = new byte[chromaWidthPx * chromaHeightPx];
    this.backgroundV = new byte[chromaWidthPx * chromaHeightPx];
    this.planeY = new byte[backgroundY.length];
    this.planeU = new byte[backgroundU.length];
    this.planeV = new byte[backgroundV.length];
    paintBackground();
  }

  int widthPx() {
    return widthPx;
  }

  int heightPx() {
    return heightPx;
  }

  /** Luma plane, {@code widthPx} bytes per row. */
  byte[] planeY() {
    return planeY;
  }

  /** Cb plane, {@code widthPx / 2} bytes per row. */
  byte[] planeU() {
    return planeU;
  }

  /** Cr plane, {@code widthPx / 2} bytes per row. */
  byte[] planeV() {
    return planeV;
  }

  private void paintBackground() {
    // Tint: a chroma offset of radius 40 at an angle that differs per level.
    double angle = Math.toRadians(35 + 67.0 * levelIndex);
    int tintU = (int) Math.round(NEUTRAL_CHROMA + 40 * Math.cos(angle));
    int tintV = (int) Math.round(NEUTRAL_CHROMA + 40 * Math.sin(angle));
    for (int y = 0; y < heightPx; y++) {
      for (int x = 0; x < widthPx; x++) {
        backgroundY[y * widthPx + x] = (byte) (40 + 140 * x / widthPx + 20 * y / heightPx);
      }
    }
    Arrays.fill(backgroundU, (byte) tintU);
    Arrays.fill(backgroundV, (byte) tintV);
  }

  /** Paints frame {@code frameNumber} into the planes. */
  void paint(long frameNumber) {
    if (spec.isFlashFrame(frameNumber)) {
      Arrays.fill(planeY, (byte) FLASH_Y);
      Arrays.fill(planeU, (byte) NEUTRAL_CHROMA);
      Arrays.fill(planeV, (byte) NEUTRAL_CHROMA);
    } else {
      System.arraycopy(backgroundY, 0, planeY, 0, planeY.length);
      System.arraycopy(backgroundU, 0, planeU, 0, planeU.length);
      System.arraycopy(backgroundV, 0, planeV, 0, planeV.length);
      paintBar(frameNumber);
      paintBox(frameNumber);
      paintText(frameNumber);
    }
    paintCode(FrameCode.encode(levelIndex, frameNumber));
  }

  private void paintBar(long frameNumber) {
    int barWidthPx = Math.max(2, widthPx / 24);
    long period = (long) BAR_SWEEP_SECONDS * spec.frameRate();
    int left = (int) ((frameNumber % period) * (widthPx - barWidthPx) / period);
    fillRectY(left, bandHeightPx, barWidthPx, heightPx - bandHeightPx, BAR_Y);
  }

  private void paintBox(long frameNumber) {
    int sizePx = Math.max(8, heightPx / 4) & ~1;
    int square = Math.max(2, sizePx / 8);
    int left = bounce(frameNumber, 3L * spec.frameRate(), widthPx - sizePx);
    int top =
        bandHeightPx + bounce(frameNumber, 2L * spec.frameRate(), heightPx - bandHeightPx - sizePx);
    for (int y = Math.max(top, 0); y < Math.min(top + sizePx, heightPx); y++) {
      for (int x = Math.max(left, 0); x < Math.min(left + sizePx, widthPx); x++) {
        boolean light = (((x - left) / square) + ((y - top) / square)) % 2 == 0;
        planeY[y * widthPx + x] = (byte) (light ? 220 : 40);
      }
    }
    fillRectChroma(left, top, sizePx, sizePx, 90, 200);
  }

  /** A position that moves 0..range..0 linearly over {@code periodFrames}. */
  private static int bounce(long frameNumber, long periodFrames, int range) {
    if (range <= 0) {
      return 0;
    }
    long phase = frameNumber % periodFrames;
    long half = periodFrames / 2;
    long pos = phase <= half ? phase : periodFrames - phase;
    return (int) (pos * range / Math.max(1, half));
  }

  private void paintText(long frameNumber) {
    long timeMs = frameNumber * 1000 / spec.frameRate();
    String[] lines = {
      label,
      String.format(Locale.ROOT, "F %06d", frameNumber),
      String.format(
          Locale.ROOT, "T %02d:%02d.%03d", timeMs / 60_000, (timeMs / 1000) % 60, timeMs % 1000)
    };
    int margin = 2 * textScale;
    int left = margin;
    int top = bandHeightPx + margin;
    int maxChars = Arrays.stream(lines).mapToInt(String::length).max().orElse(0);
    int boxWidth = maxChars * BitmapFont.ADVANCE_X * textScale + 2 * textScale;
    int boxHeight = lines.length * BitmapFont.ADVANCE_Y * textScale + textScale;
    fillRectY(left - textScale, top - textScale, boxWidth, boxHeight, TEXT_BACKGROUND_Y);
    fillRectChroma(
        left - textScale, top - textScale, boxWidth, boxHeight, NEUTRAL_CHROMA, NEUTRAL_CHROMA);
    for (int line = 0; line < lines.length; line++) {
      drawString(lines[line], left, top + line * BitmapFont.ADVANCE_Y * textScale);
    }
  }

  private void drawString(String text, int left, int top) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int charLeft = left + i * BitmapFont.ADVANCE_X * textScale;
      for (int row = 0; row < BitmapFont.GLYPH_HEIGHT; row++) {
        for (int col = 0; col < BitmapFont.GLYPH_WIDTH; col++) {
          if (BitmapFont.pixel(c, col, row)) {
            fillRectY(
                charLeft + col * textScale, top + row * textScale, textScale, textScale, TEXT_Y);
          }
        }
      }
    }
  }

  private void paintCode(int code) {
    for (int cell = 0; cell < FrameCode.CELLS; cell++) {
      int left = FrameCode.cellLeftPx(cell, widthPx);
      int right = FrameCode.cellLeftPx(cell + 1, widthPx);
      int value = ((code >>> cell) & 1) != 0 ? FrameCode.WHITE_Y : FrameCode.BLACK_Y;
      fillRectY(left, 0, right - left, bandHeightPx, value);
    }
    fillRectChroma(0, 0, widthPx, bandHeightPx, NEUTRAL_CHROMA, NEUTRAL_CHROMA);
  }

  /** Fills a luma rectangle, clipped to the picture. */
  private void fillRectY(int left, int top, int width, int height, int value) {
    int x0 = Math.max(0, left);
    int x1 = Math.min(widthPx, left + width);
    int y0 = Math.max(0, top);
    int y1 = Math.min(heightPx, top + height);
    if (x0 >= x1) {
      return;
    }
    for (int y = y0; y < y1; y++) {
      Arrays.fill(planeY, y * widthPx + x0, y * widthPx + x1, (byte) value);
    }
  }

  /** Fills the chroma samples covering a luma rectangle (rounded outwards), clipped. */
  private void fillRectChroma(int left, int top, int width, int height, int u, int v) {
    int x0 = Math.max(0, Math.floorDiv(left, 2));
    int x1 = Math.min(chromaWidthPx, Math.floorDiv(left + width + 1, 2));
    int y0 = Math.max(0, Math.floorDiv(top, 2));
    int y1 = Math.min(chromaHeightPx, Math.floorDiv(top + height + 1, 2));
    if (x0 >= x1) {
      return;
    }
    for (int y = y0; y < y1; y++) {
      Arrays.fill(planeU, y * chromaWidthPx + x0, y * chromaWidthPx + x1, (byte) u);
      Arrays.fill(planeV, y * chromaWidthPx + x0, y * chromaWidthPx + x1, (byte) v);
    }
  }
}
