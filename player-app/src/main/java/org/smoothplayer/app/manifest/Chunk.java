package org.smoothplayer.app.manifest;

/**
 * One fragment of a stream's timeline.
 *
 * @param index the position in the timeline, from 0
 * @param startTicks the start time in the stream's time scale (the value of {@code {start time}})
 * @param durationTicks the duration in the stream's time scale; 0 when unknown
 * @param startUs the start time in microseconds
 * @param durationUs the duration in microseconds (end minus start, each converted once); 0 when
 *     unknown
 * @param durationKnown false only for the last chunk of a timeline whose end the manifest does not
 *     give (live, or no {@code d} and no usable Duration)
 */
public record Chunk(
    int index,
    long startTicks,
    long durationTicks,
    long startUs,
    long durationUs,
    boolean durationKnown) {

  /** The end time in microseconds (equals {@link #startUs()} when the duration is unknown). */
  public long endUs() {
    return startUs + durationUs;
  }
}
