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
  /** "1280×720 · 2.5 Mbps" style label for menus. */
  public String label() {
    String size = widthPx > 0 && heightPx > 0 ? widthPx + "\u00d7" + heightPx + " \u00b7 " : "";
    return size + String.format(java.util.Locale.ROOT, "%.2f Mbps", bitrateBps / 1e6);
  }
}
