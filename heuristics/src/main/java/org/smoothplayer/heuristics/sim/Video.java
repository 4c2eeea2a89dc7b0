package org.smoothplayer.heuristics.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.smoothplayer.heuristics.Ladder;

/**
 * A ladder with the byte size of every fragment at every level.
 *
 * @param name label for reports
 * @param ladder the levels
 * @param fragmentDurationS duration of each fragment, seconds
 * @param bytes sizes indexed {@code [level][fragment]}
 */
public record Video(String name, Ladder ladder, double fragmentDurationS, long[][] bytes) {

  /** Pensieve's EnvivioDash3 bitrates in kbps. */
  public static final double[] PENSIEVE_KBPS = {300, 750, 1200, 1850, 2850, 4300};

  /** Resolutions given to the Pensieve ladder (the traces carry none). */
  private static final int[][] PENSIEVE_SIZES = {
    {320, 180}, {512, 288}, {640, 360}, {960, 540}, {1280, 720}, {1920, 1080}
  };

  /** Validates shape: one row per level, the same fragment count on every row, at least one. */
  public Video {
    if (bytes.length != ladder.size()) {
      throw new SimulationDataException(
          name + ": expected sizes for " + ladder.size() + " levels, found " + bytes.length);
    }
    for (long[] row : bytes) {
      if (row.length != bytes[0].length || row.length == 0) {
        throw new SimulationDataException(name + ": every level needs the same number of sizes");
      }
    }
  }

  /** Number of fragments. */
  public int fragmentCount() {
    return bytes[0].length;
  }

  /**
   * Reads Pensieve's {@code video_size_<level>} files (one integer per line) from {@code dir},
   * keeping the first {@code fragments} lines (48 in the benchmark).
   */
  public static Video readPensieve(Path dir, int fragments) {
    List<org.smoothplayer.heuristics.Level> levels = new ArrayList<>();
    long[][] bytes = new long[PENSIEVE_KBPS.length][];
    for (int level = 0; level < PENSIEVE_KBPS.length; level++) {
      Path file = dir.resolve("video_size_" + level);
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new SimulationDataException("cannot read " + file + ": " + e.getMessage(), e);
      }
      long[] row = new long[fragments];
      int n = 0;
      for (String line : lines) {
        if (n == fragments) {
          break;
        }
        if (line.isBlank()) {
          continue;
        }
        try {
          row[n++] = Long.parseLong(line.strip());
        } catch (NumberFormatException e) {
          throw new SimulationDataException(file + ": not an integer: '" + line + "'", e);
        }
      }
      if (n < fragments) {
        throw new SimulationDataException(
            file + ": expected at least " + fragments + " sizes, found " + n);
      }
      bytes[level] = row;
      levels.add(
          new org.smoothplayer.heuristics.Level(
              Math.round(PENSIEVE_KBPS[level] * 1000),
              PENSIEVE_SIZES[level][0],
              PENSIEVE_SIZES[level][1]));
    }
    return new Video("pensieve-video", new Ladder(levels), 4.0, bytes);
  }
}
