package org.smoothplayer.app.cli;

import java.util.ArrayList;
import java.util.List;
import org.smoothplayer.app.cli.SoakSchedule.Kind;
import org.smoothplayer.app.manifest.Chunk;
import org.smoothplayer.app.manifest.ChunkTimeline;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.StreamIndex;
import org.smoothplayer.app.manifest.StreamType;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.live.LiveOptions;

/**
 * The faults each soak session's origin injects (pure), with the fragment timing and the live
 * timestamp arithmetic they are aimed by.
 */
final class SoakFaultPlan {

  /**
   * Fragment timing of one presentation, from its Manifest: what fault rules are aimed at.
   *
   * @param timescale ticks per second of the timestamps
   * @param loopTicks length of one pass (the live broadcast's loop period), ticks
   * @param videoStarts start of each video fragment, ticks
   * @param videoDurations duration of each video fragment, ticks
   * @param audioStarts start of each audio fragment, ticks (empty without audio)
   * @param audioDurations duration of each audio fragment, ticks
   */
  record FragmentTimes(
      long timescale,
      long loopTicks,
      List<Long> videoStarts,
      List<Long> videoDurations,
      List<Long> audioStarts,
      List<Long> audioDurations) {

    FragmentTimes {
      videoStarts = List.copyOf(videoStarts);
      videoDurations = List.copyOf(videoDurations);
      audioStarts = List.copyOf(audioStarts);
      audioDurations = List.copyOf(audioDurations);
      if (timescale <= 0 || loopTicks <= 0 || videoStarts.isEmpty()) {
        throw new IllegalArgumentException(
            "fragment times: expected a positive timescale and loop and video fragments");
      }
      if (videoStarts.size() != videoDurations.size()
          || audioStarts.size() != audioDurations.size()) {
        throw new IllegalArgumentException(
            "fragment times: expected one duration per start in each stream");
      }
    }

    /**
     * Reads the first video and audio stream of a VOD manifest. The loop period is the longest
     * stream end or the manifest duration, whichever is later (as the live origin loops).
     *
     * @throws IllegalArgumentException when the manifest has no video fragments
     */
    static FragmentTimes of(Manifest manifest) {
      List<StreamIndex> video = manifest.streams(StreamType.VIDEO);
      if (video.isEmpty() || video.get(0).timeline().chunkCount() == 0) {
        throw new IllegalArgumentException("the presentation has no video fragments");
      }
      long timescale = video.get(0).timeScale();
      List<Long> vs = new ArrayList<>();
      List<Long> vd = new ArrayList<>();
      long end = times(video.get(0).timeline(), vs, vd);
      List<Long> as = new ArrayList<>();
      List<Long> ad = new ArrayList<>();
      List<StreamIndex> audio = manifest.streams(StreamType.AUDIO);
      if (!audio.isEmpty() && audio.get(0).timeScale() == timescale) {
        end = Math.max(end, times(audio.get(0).timeline(), as, ad));
      }
      long durationTicks = manifest.durationUs() * timescale / 1_000_000;
      return new FragmentTimes(timescale, Math.max(end, durationTicks), vs, vd, as, ad);
    }

    private static long times(ChunkTimeline timeline, List<Long> starts, List<Long> durations) {
      long end = 0;
      for (int i = 0; i < timeline.chunkCount(); i++) {
        Chunk c = timeline.chunk(i);
        starts.add(c.startTicks());
        durations.add(c.durationTicks());
        end = Math.max(end, c.startTicks() + c.durationTicks());
      }
      return end;
    }
  }

  /** The fault kinds in the order sessions take them: {@code KIND@N} of the rule grammar. */
  static final List<String> FAULT_KINDS =
      List.of("500@2", "reset@1", "stall:2@1", "truncate@1", "404@1", "503@1");

  /** Live fragments between two faulted video fragments. */
  static final int LIVE_FAULT_STRIDE = 5;

  /**
   * The fault rules of session {@code sessionIndex}: three video fragments and one audio fragment,
   * each with the next kinds of {@link #FAULT_KINDS} in turn (rotating with the session), and the
   * Manifest's first request (503 for even sessions, 500 for odd). VOD: fragments spread over the
   * presentation, shifted by the session index. Live: fragments just after the publish edge at
   * start, {@link #LIVE_FAULT_STRIDE} apart, addressed by their public live timestamps.
   */
  static List<FaultRule> faults(
      Kind kind, int sessionIndex, FragmentTimes times, LiveOptions live) {
    List<FaultRule> rules = new ArrayList<>();
    int s = Math.floorMod(sessionIndex, FAULT_KINDS.size());
    int n = times.videoStarts().size();
    for (int m = 0; m < 3; m++) {
      String k = FAULT_KINDS.get((s + m) % FAULT_KINDS.size());
      long ticks =
          kind == Kind.VOD
              ? times.videoStarts().get((1 + s + m * Math.max(1, n / 3)) % n)
              : livePublicTicks(
                  times,
                  times.videoStarts(),
                  liveEdgeIndex(times, times.videoStarts(), times.videoDurations(), live)
                      + 2
                      + s % 3
                      + (long) m * LIVE_FAULT_STRIDE,
                  live);
      rules.add(FaultRule.parse("Fragments(video=" + ticks + ")=" + k));
    }
    if (!times.audioStarts().isEmpty()) {
      int na = times.audioStarts().size();
      String k = FAULT_KINDS.get((s + 3) % FAULT_KINDS.size());
      long ticks =
          kind == Kind.VOD
              ? times.audioStarts().get((1 + s + na / 2) % na)
              : livePublicTicks(
                  times,
                  times.audioStarts(),
                  liveEdgeIndex(times, times.audioStarts(), times.audioDurations(), live)
                      + 4
                      + s % 3,
                  live);
      rules.add(FaultRule.parse("Fragments(audio=" + ticks + ")=" + k));
    }
    rules.add(FaultRule.parse("Manifest=" + (sessionIndex % 2 == 0 ? "503@1" : "500@1")));
    return List.copyOf(rules);
  }

  /**
   * The public timestamp of global fragment {@code g} of a live broadcast of this presentation: the
   * timestamp offset, plus whole loops, plus the fragment's own start.
   */
  static long livePublicTicks(FragmentTimes times, List<Long> starts, long g, LiveOptions live) {
    int n = starts.size();
    long offset = Math.round(live.timestampOffsetS() * times.timescale());
    return offset + (g / n) * times.loopTicks() + starts.get((int) (g % n));
  }

  /** How many fragments of a stream (counting loops) are published when a broadcast starts. */
  static long liveEdgeIndex(
      FragmentTimes times, List<Long> starts, List<Long> durations, LiveOptions live) {
    long edge = Math.round(live.startOffsetS() * times.timescale());
    int n = starts.size();
    long loops = edge / times.loopTicks();
    long g = loops * n;
    long inLoop = edge - loops * times.loopTicks();
    for (int i = 0; i < n && starts.get(i) + durations.get(i) <= inLoop; i++) {
      g++;
    }
    return g;
  }

  private SoakFaultPlan() {}
}
