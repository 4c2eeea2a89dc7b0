package org.smoothplayer.heuristics;

/**
 * Byte sizes of the next fragments at every level, when the caller knows them (immutable copy).
 * Index 0 is the fragment about to be requested.
 */
public final class UpcomingSizes {
  /** No sizes known. */
  public static final UpcomingSizes NONE = new UpcomingSizes(new long[0][]);

  private final long[][] bytesByAheadAndLevel;

  private UpcomingSizes(long[][] rows) {
    this.bytesByAheadAndLevel = rows;
  }

  /**
   * Copies {@code count} fragments starting at {@code from} of a table indexed {@code
   * [level][fragment]}.
   */
  public static UpcomingSizes of(long[][] bytesByLevelAndFragment, int from, int count) {
    int levels = bytesByLevelAndFragment.length;
    long[][] rows = new long[count][levels];
    for (int a = 0; a < count; a++) {
      for (int l = 0; l < levels; l++) {
        long b = bytesByLevelAndFragment[l][from + a];
        if (b < 0) {
          throw new InvalidInputException("fragment bytes", ">= 0", b);
        }
        rows[a][l] = b;
      }
    }
    return new UpcomingSizes(rows);
  }

  /** Number of levels per row (0 when no sizes are known). */
  public int levelCount() {
    return bytesByAheadAndLevel.length == 0 ? 0 : bytesByAheadAndLevel[0].length;
  }

  /** Number of upcoming fragments with known sizes. */
  public int count() {
    return bytesByAheadAndLevel.length;
  }

  /** Size in bytes of the fragment {@code ahead} positions from now at {@code level}. */
  public long bytes(int ahead, int level) {
    return bytesByAheadAndLevel[ahead][level];
  }
}
