package org.smoothplayer.app.engine;

/**
 * One level of the ladder as the user sees it: the video ladder, or the audio levels of an
 * audio-only presentation (no size).
 *
 * @param index position in the ladder (0 = lowest bitrate)
 * @param bitrateBps declared bitrate
 * @param widthPx coded width, 0 when unknown
 * @param heightPx coded height, 0 when unknown
 */
public record LevelInfo(int index, long bitrateBps, int widthPx, int heightPx) {
  /**
   * The label for menus: "1280×720 · 2.50 Mbps"; without a size (an audio level), the bitrate
   * alone, in kbps below 1 Mbps ("128 kbps").
   */
  public String label() {
    if (widthPx > 0 && heightPx > 0) {
      return widthPx + "\u00d7" + heightPx + " \u00b7 " + mbps();
    }
    return bitrateBps < 1_000_000
        ? String.format(java.util.Locale.ROOT, "%d kbps", Math.round(bitrateBps / 1000.0))
        : mbps();
  }

  private String mbps() {
    return String.format(java.util.Locale.ROOT, "%.2f Mbps", bitrateBps / 1e6);
  }
}
