package org.smoothplayer.app.manifest;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fragments of one stream, stored compactly as runs of equal-duration, back-to-back chunks.
 *
 * <p>A run is (start, duration, count): {@code <c t="0" d="20000000" r="1000000000"/>} is one run,
 * not a billion entries. Consecutive chunks that continue a run are merged into it, so a plain
 * {@code <c d=".."/>} list of equal durations is one run as well. Lookups are binary searches over
 * the runs. Times are in the stream's time scale ({@code ...Ticks}) and in microseconds ({@code
 * ...Us}, converted by {@link Ticks#toUs}).
 *
 * <p>Only the last chunk may have an unknown duration (live, or no {@code d} and no usable
 * Duration): it is then a run of one chunk with duration 0 and {@link #lastDurationKnown()} false.
 */
public final class ChunkTimeline {
  private static final ChunkTimeline EMPTY =
      new ChunkTimeline(
          Ticks.DEFAULT_TIME_SCALE,
          new long[0],
          new long[0],
          new int[0],
          new int[0],
          new long[0],
          true,
          Map.of());

  private final long timeScale;
  private final long[] runStartTicks;
  private final long[] runDurationTicks;
  private final int[] runCount;
  private final int[] runFirstIndex;
  private final long[] runStartUs;
  private final int chunkCount;
  private final boolean lastDurationKnown;
  private final Map<Integer, List<FragmentPart>> partsByChunk;

  private ChunkTimeline(
      long timeScale,
      long[] runStartTicks,
      long[] runDurationTicks,
      int[] runCount,
      int[] runFirstIndex,
      long[] runStartUs,
      boolean lastDurationKnown,
      Map<Integer, List<FragmentPart>> partsByChunk) {
    this.timeScale = timeScale;
    this.runStartTicks = runStartTicks;
    this.runDurationTicks = runDurationTicks;
    this.runCount = runCount;
    this.runFirstIndex = runFirstIndex;
    this.runStartUs = runStartUs;
    int runs = runCount.length;
    this.chunkCount = runs == 0 ? 0 : runFirstIndex[runs - 1] + runCount[runs - 1];
    this.lastDurationKnown = lastDurationKnown;
    this.partsByChunk = partsByChunk;
  }

  /** A timeline without chunks. */
  public static ChunkTimeline empty() {
    return EMPTY;
  }

  /** The stream's time scale in ticks per second. */
  public long timeScale() {
    return timeScale;
  }

  /** The number of chunks. */
  public int chunkCount() {
    return chunkCount;
  }

  /** Whether there are no chunks. */
  public boolean isEmpty() {
    return chunkCount == 0;
  }

  /** The number of runs the chunks are stored in. */
  public int runCount() {
    return runCount.length;
  }

  /** Run {@code r}: its first chunk, duration and chunk count. */
  public Run run(int r) {
    if (r < 0 || r >= runCount.length) {
      throw new IndexOutOfBoundsException("run " + r + " of " + runCount.length);
    }
    return new Run(runFirstIndex[r], runStartTicks[r], runDurationTicks[r], runCount[r]);
  }

  /** Whether the last chunk's duration is known. */
  public boolean lastDurationKnown() {
    return lastDurationKnown;
  }

  /**
   * Chunk {@code i} (0-based).
   *
   * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, chunkCount())}
   */
  public Chunk chunk(int i) {
    if (i < 0 || i >= chunkCount) {
      throw new IndexOutOfBoundsException("chunk " + i + " of " + chunkCount);
    }
    int r = runOfIndex(i);
    long startTicks = runStartTicks[r] + (long) (i - runFirstIndex[r]) * runDurationTicks[r];
    long durationTicks = runDurationTicks[r];
    boolean known = i < chunkCount - 1 || lastDurationKnown;
    long startUs = Ticks.toUs(startTicks, timeScale);
    long durationUs = known ? Ticks.toUs(startTicks + durationTicks, timeScale) - startUs : 0;
    return new Chunk(i, startTicks, known ? durationTicks : 0, startUs, durationUs, known);
  }

  /**
   * The index of the last chunk that starts at or before {@code timeUs}, or -1 when {@code timeUs}
   * is before the first chunk (or there are no chunks). Times in a gap or after the end give the
   * chunk before them.
   */
  public int indexOf(long timeUs) {
    if (chunkCount == 0 || timeUs < runStartUs[0]) {
      return -1;
    }
    // Last run whose start is <= timeUs.
    int lo = 0;
    int hi = runStartUs.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (runStartUs[mid] <= timeUs) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    int r = lo;
    // Last chunk of run r whose start is <= timeUs.
    long kLo = 0;
    long kHi = runCount[r] - 1L;
    while (kLo < kHi) {
      long mid = (kLo + kHi + 1) >>> 1;
      long startTicks = runStartTicks[r] + mid * runDurationTicks[r];
      if (Ticks.toUs(startTicks, timeScale) <= timeUs) {
        kLo = mid;
      } else {
        kHi = mid - 1;
      }
    }
    return runFirstIndex[r] + (int) kLo;
  }

  /** Start of the first chunk in microseconds (0 when empty). */
  public long startUs() {
    return chunkCount == 0 ? 0 : runStartUs[0];
  }

  /** End of the last chunk in microseconds (its start when its duration is unknown; 0 if empty). */
  public long endUs() {
    return chunkCount == 0 ? 0 : chunk(chunkCount - 1).endUs();
  }

  /** The {@code <f>} parts of chunk {@code i}, in document order (usually empty). */
  public List<FragmentPart> parts(int i) {
    return partsByChunk.getOrDefault(i, List.of());
  }

  /** The indexes of the chunks that have {@code <f>} parts, ascending. */
  public java.util.Set<Integer> chunksWithParts() {
    return partsByChunk.keySet();
  }

  /** Whether any chunk has {@code <f>} parts. */
  public boolean hasParts() {
    return !partsByChunk.isEmpty();
  }

  private int runOfIndex(int i) {
    int pos = Arrays.binarySearch(runFirstIndex, i);
    return pos >= 0 ? pos : -pos - 2;
  }

  /**
   * One run of back-to-back chunks of equal duration.
   *
   * @param firstIndex index of its first chunk
   * @param startTicks start of its first chunk
   * @param durationTicks duration of each chunk (0 for a last chunk of unknown duration)
   * @param count number of chunks
   */
  public record Run(int firstIndex, long startTicks, long durationTicks, int count) {}

  /** Accumulates runs during parsing; enforces the chunk bound and 64-bit time arithmetic. */
  static final class Builder {
    private final long timeScale;
    private final long maxChunks;
    private long[] starts = new long[8];
    private long[] durations = new long[8];
    private int[] counts = new int[8];
    private int[] firstIndex = new int[8];
    private long[] startsUs = new long[8];
    private int runs;
    private long total;
    private long endTicks;
    private boolean lastKnown = true;
    private final Map<Integer, List<FragmentPart>> parts = new TreeMap<>();

    Builder(long timeScale, long maxChunks) {
      this.timeScale = timeScale;
      this.maxChunks = maxChunks;
    }

    /** End of the chunks added so far, in ticks (0 before the first). */
    long endTicks() {
      return endTicks;
    }

    /** Number of chunks added so far. */
    long total() {
      return total;
    }

    /**
     * Appends {@code count} chunks of {@code durationTicks} starting at {@code startTicks}.
     *
     * @throws ArithmeticException if the end time does not fit in 64 bits (also in microseconds)
     * @throws IllegalStateException if the chunk bound would be exceeded (checked before any
     *     arithmetic with the count)
     */
    void append(long startTicks, long durationTicks, long count) {
      if (count > maxChunks - total) {
        throw new IllegalStateException(
            "stream has more than " + maxChunks + " chunks (" + total + " + " + count + ")");
      }
      long end = Math.addExact(startTicks, Math.multiplyExact(durationTicks, count));
      Ticks.toUs(end, timeScale); // the end must be representable in microseconds too
      int first = (int) total;
      if (runs > 0
          && durations[runs - 1] == durationTicks
          && durationTicks > 0
          && endTicks == startTicks) {
        counts[runs - 1] += (int) count;
      } else {
        grow();
        starts[runs] = startTicks;
        durations[runs] = durationTicks;
        counts[runs] = (int) count;
        firstIndex[runs] = first;
        startsUs[runs] = Ticks.toUs(startTicks, timeScale);
        runs++;
      }
      total += count;
      endTicks = end;
    }

    /** Appends a last chunk whose duration is unknown. */
    void appendUnknownLast(long startTicks) {
      append(startTicks, 0, 1);
      // Never merged: a zero duration is not merged above.
      lastKnown = false;
    }

    void addParts(int chunkIndex, List<FragmentPart> chunkParts) {
      if (!chunkParts.isEmpty()) {
        parts.put(chunkIndex, List.copyOf(chunkParts));
      }
    }

    ChunkTimeline build() {
      return new ChunkTimeline(
          timeScale,
          Arrays.copyOf(starts, runs),
          Arrays.copyOf(durations, runs),
          Arrays.copyOf(counts, runs),
          Arrays.copyOf(firstIndex, runs),
          Arrays.copyOf(startsUs, runs),
          lastKnown,
          Collections.unmodifiableMap(new TreeMap<>(parts)));
    }

    private void grow() {
      if (runs == starts.length) {
        int n = runs * 2;
        starts = Arrays.copyOf(starts, n);
        durations = Arrays.copyOf(durations, n);
        counts = Arrays.copyOf(counts, n);
        firstIndex = Arrays.copyOf(firstIndex, n);
        startsUs = Arrays.copyOf(startsUs, n);
      }
    }
  }
}
