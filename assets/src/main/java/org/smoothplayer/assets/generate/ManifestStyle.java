package org.smoothplayer.assets.generate;

/** How the chunk ({@code c}) elements of the Manifest are written. */
public enum ManifestStyle {
  /** One {@code c} per fragment with {@code d} only (start times implied, first chunk at 0). */
  PLAIN,
  /** One {@code c} per fragment with {@code t} and {@code d}. */
  TIMED,
  /**
   * Runs of equal durations compressed with {@code r} (total count of the run, MinorVersion 2);
   * {@code t} on the first chunk.
   */
  REPEAT
}
