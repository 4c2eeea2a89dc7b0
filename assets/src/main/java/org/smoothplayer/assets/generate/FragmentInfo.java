package org.smoothplayer.assets.generate;

import java.util.List;

/**
 * One fragment (chunk) of a stream; the timing is the same on every level of the stream.
 *
 * @param startTicks start time (tfxd time, the {@code t} of the chunk, in the file name)
 * @param durationTicks duration (the {@code d} of the chunk)
 * @param sampleCount samples in the fragment
 * @param keyFrameSampleIndexes indexes (decode order, in this fragment) of the sync samples
 * @param firstFrameNumber video: number of the first frame in presentation order; audio: -1
 * @param sizesBytes size of the fragment file on each level, by level index
 */
public record FragmentInfo(
    long startTicks,
    long durationTicks,
    int sampleCount,
    List<Integer> keyFrameSampleIndexes,
    long firstFrameNumber,
    List<Long> sizesBytes) {

  /** Copies the lists. */
  public FragmentInfo {
    keyFrameSampleIndexes = List.copyOf(keyFrameSampleIndexes);
    sizesBytes = List.copyOf(sizesBytes);
  }
}
