package org.smoothplayer.assets.generate;

import java.util.Map;

/** A 5x7 pixel font for the few characters burnt into frames (no font files on the machine). */
final class BitmapFont {
  /** Glyph width in font pixels. */
  static final int GLYPH_WIDTH = 5;

  /** Glyph height in font pixels. */
  static final int GLYPH_HEIGHT = 7;

  /** Horizontal advance per character in font pixels. */
  static final int ADVANCE_X = 6;

  /** Vertical advance per line in font pixels. */
  static final int ADVANCE_Y = 9;

  // Each glyph: 7 rows, 5 bits per row, most significant bit = leftmost pixel.
  private static final Map<Character, int[]> GLYPHS =
      Map.ofEntries(
          Map.entry('0', rows("01110", "10001", "10011", "10101", "11001", "10001", "01110")),
          Map.entry('1', rows("00100", "01100", "00100", "00100", "00100", "00100", "01110")),
          Map.entry('2', rows("01110", "10001", "00001", "00010", "00100", "01000", "11111")),
          Map.entry('3', rows("11111", "00010", "00100", "00010", "00001", "10001", "01110")),
          Map.entry('4', rows("00010", "00110", "01010", "10010", "11111", "00010", "00010")),
          Map.entry('5', rows("11111", "10000", "11110", "00001", "00001", "10001", "01110")),
          Map.entry('6', rows("00110", "01000", "10000", "11110", "10001", "10001", "01110")),
          Map.entry('7', rows("11111", "00001", "00010", "00100", "01000", "01000", "01000")),
          Map.entry('8', rows("01110", "10001", "10001", "01110", "10001", "10001", "01110")),
          Map.entry('9', rows("01110", "10001", "10001", "01111", "00001", "00010", "01100")),
          Map.entry(':', rows("00000", "01100", "01100", "00000", "01100", "01100", "00000")),
          Map.entry('.', rows("00000", "00000", "00000", "00000", "00000", "01100", "01100")),
          Map.entry('-', rows("00000", "00000", "00000", "11111", "00000", "00000", "00000")),
          Map.entry('L', rows("10000", "10000", "10000", "10000", "10000", "10000", "11111")),
          Map.entry('F', rows("11111", "10000", "10000", "11110", "10000", "10000", "10000")),
          Map.entry('T', rows("11111", "00100", "00100", "00100", "00100", "00100", "00100")),
          Map.entry('x', rows("00000", "00000", "10001", "01010", "00100", "01010", "10001")),
          Map.entry('k', rows("10000", "10000", "10010", "10100", "11000", "10100", "10010")),
          Map.entry(' ', rows("00000", "00000", "00000", "00000", "00000", "00000", "00000")));

  private BitmapFont() {}

  private static int[] rows(String... bits) {
    int[] rows = new int[bits.length];
    for (int i = 0; i < bits.length; i++) {
      rows[i] = Integer.parseInt(bits[i], 2);
    }
    return rows;
  }

  /** Whether the font can draw {@code c}. */
  static boolean supports(char c) {
    return GLYPHS.containsKey(c);
  }

  /** Whether font pixel {@code (col, row)} of {@code c} is set; unknown characters are blank. */
  static boolean pixel(char c, int col, int row) {
    int[] glyph = GLYPHS.get(c);
    if (glyph == null || col < 0 || col >= GLYPH_WIDTH || row < 0 || row >= GLYPH_HEIGHT) {
      return false;
    }
    return ((glyph[row] >> (GLYPH_WIDTH - 1 - col)) & 1) != 0;
  }
}
