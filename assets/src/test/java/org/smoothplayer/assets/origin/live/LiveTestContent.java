package org.smoothplayer.assets.origin.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.smoothplayer.assets.generate.FragmentInfo;
import org.smoothplayer.assets.generate.LevelSpec;
import org.smoothplayer.assets.generate.ManifestStyle;
import org.smoothplayer.assets.generate.PresentationInfo;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.StreamInfo;

/** The small presentation the live tests broadcast, a hand-moved clock, and a timing oracle. */
final class LiveTestContent {
  /** 4 s of 1-s fragments, two small video levels and AAC audio: generated once, then cached. */
  static final PresentationSpec SPEC =
      new PresentationSpec(
          "live-test",
          4_000,
          1_000,
          List.of(new LevelSpec(150_000, 96, 54), new LevelSpec(300_000, 128, 72)),
          25,
          true,
          ManifestStyle.TIMED,
          2_000);

  static final long TICKS_PER_S = 10_000_000L;

  private LiveTestContent() {}

  static Path root() {
    return Presentations.cached(SPEC);
  }

  static PresentationInfo info() {
    return PresentationInfo.read(root());
  }

  /** A live clock the test moves; it starts far from 0 so only differences can matter. */
  static final class Clock {
    private final AtomicLong nanos = new AtomicLong(987_654_321_000L);

    long now() {
      return nanos.get();
    }

    void advanceMs(long ms) {
      nanos.addAndGet(ms * 1_000_000L);
    }
  }

  /**
   * One chunk as a client sees it.
   *
   * @param startTicks public timestamp
   * @param durationTicks duration
   */
  record Chunk(long startTicks, long durationTicks) {}

  /**
   * What should be listed for a stream, found by brute force over every fragment of every loop
   * (independent of the broadcast's arithmetic): published = media end at or before the edge;
   * inside the window = start at or after the newest end minus the window (newest always kept).
   */
  static List<Chunk> expectedChunks(
      StreamInfo stream,
      long loopTicks,
      long edgeTicks,
      long windowTicks,
      boolean endless,
      long offsetTicks) {
    List<long[]> published = new ArrayList<>(); // media start, duration
    for (long loop = 0; loop <= (endless ? edgeTicks / loopTicks + 1 : 0); loop++) {
      for (FragmentInfo f : stream.fragments()) {
        long start = loop * loopTicks + f.startTicks();
        if (start + f.durationTicks() <= edgeTicks) {
          published.add(new long[] {start, f.durationTicks()});
        }
      }
    }
    List<Chunk> chunks = new ArrayList<>();
    if (published.isEmpty()) {
      return chunks;
    }
    long[] newest = published.get(published.size() - 1);
    long from = newest[0] + newest[1] - windowTicks;
    for (long[] f : published) {
      if (windowTicks == 0 || f[0] >= from || f == newest) {
        chunks.add(new Chunk(offsetTicks + f[0], f[1]));
      }
    }
    return chunks;
  }
}
