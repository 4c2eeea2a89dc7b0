package org.smoothplayer.decoder.fragment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.MovieFragmentBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentHeaderBox;
import org.mp4parser.boxes.iso14496.part12.TrackRunBox;
import org.mp4parser.tools.ByteBufferByteChannel;

/**
 * Cross-checks the parser against mp4parser on the (trusted) conformance fragments: same sample
 * count, sizes, durations and composition offsets.
 */
class Mp4parserCrossCheckTest {

  static List<ConformanceFragments.Entry> fragments() {
    return ConformanceFragments.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fragments")
  void sample_table_agrees_with_mp4parser(ConformanceFragments.Entry e) throws Exception {
    byte[] bytes = Files.readAllBytes(e.file());
    Fragment ours = FragmentParser.parseStructure(ByteBuffer.wrap(bytes), e.context());

    List<long[]> theirs = new ArrayList<>(); // size, duration, composition offset
    try (IsoFile iso = new IsoFile(new ByteBufferByteChannel(ByteBuffer.wrap(bytes)))) {
      MovieFragmentBox moof = iso.getBoxes(MovieFragmentBox.class).get(0);
      for (TrackFragmentBox traf : moof.getBoxes(TrackFragmentBox.class)) {
        TrackFragmentHeaderBox tfhd = traf.getTrackFragmentHeaderBox();
        for (TrackRunBox trun : traf.getBoxes(TrackRunBox.class)) {
          List<TrackRunBox.Entry> entries;
          try {
            entries = trun.getEntries();
          } catch (AssertionError mp4parserRefuses) {
            // mp4parser asserts on negative composition offsets in version-0 truns (Expression
            // Encoder output), which FragmentParser reads as signed on purpose.
            abort("mp4parser cannot read this trun: " + mp4parserRefuses.getMessage());
            return;
          }
          for (TrackRunBox.Entry entry : entries) {
            long size =
                trun.isSampleSizePresent() ? entry.getSampleSize() : tfhd.getDefaultSampleSize();
            long duration =
                trun.isSampleDurationPresent()
                    ? entry.getSampleDuration()
                    : tfhd.getDefaultSampleDuration();
            long offset = (int) entry.getSampleCompositionTimeOffset();
            theirs.add(new long[] {size, duration, offset});
          }
        }
      }
    }

    assertThat(ours.samples()).hasSameSizeAs(theirs);
    long ticks = ours.startTicks();
    long timescale = e.context().timescale();
    for (int i = 0; i < theirs.size(); i++) {
      EncodedSample s = ours.samples().get(i);
      long[] t = theirs.get(i);
      assertThat(s.sizeBytes()).as("size of sample %d", i).isEqualTo(t[0]);
      assertThat(s.decodeTimeUs()).isEqualTo(FragmentParser.ticksToUs(ticks, timescale));
      assertThat(s.presentationTimeUs())
          .as("presentation time of sample %d", i)
          .isEqualTo(FragmentParser.ticksToUs(ticks + t[2], timescale));
      ticks += t[1];
    }
    assertThat(ours.startTicks() + ours.durationTicks()).isEqualTo(ticks);
  }
}
