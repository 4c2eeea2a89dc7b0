package org.smoothplayer.app.engine;

import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.net.Fetch;
import org.smoothplayer.heuristics.RecentRate;

/**
 * Where one stream's fetching stands: its known fragments, the next fragment to fetch, the end of
 * what was fetched ahead of the position, and the request in flight. Confined to the playback loop
 * thread.
 */
final class TrackCursor {
  final String name;
  final TrackLevels levels;
  final TrackTimeline timeline;

  /** Bumped by every seek or track switch; results of older generations are ignored. */
  long generation;

  int nextChunk;
  long bufferedEndUs;

  /** When the newest fragment of the timeline became known (live). */
  long newestLearnedNs;

  /** Live: start (ticks) of the extrapolated fragment being probed; -1 for none. */
  long probeStartTicks = -1;

  /** Live: failed probes of that fragment so far. */
  int probeAttempts;

  /** Live: no probe of that fragment before this time (ns). */
  long probeNotBeforeNs;

  /**
   * Live, after an audio switch: the fragment holding the position as the previous audio track
   * knows it (verified to share this track's fragment times), fetched as a probe past the end of
   * the timeline; it enters the timeline only once its tfxd confirms it. Null for none.
   */
  @Nullable FragmentRef seed;

  /** Every fragment of the stream was fetched (VOD, or a live stream that ended). */
  boolean done;

  @Nullable Fetch inFlight;
  int inFlightLevel = -1;
  @Nullable FragmentRef inFlightFragment;
  long inFlightRequestedNs;
  long inFlightBufferUs;
  long inFlightLastBytes;
  long inFlightProgressNs;

  /** Progress of the transfer in flight, for its recent rate. */
  final RecentRate progress = new RecentRate();

  int attempts;

  /** When the first failed attempt at the fragment in hand failed (ns; set as attempts reach 1). */
  long firstFailedNs;

  /**
   * Fragments skipped one after another (every attempt failed); a loaded fragment resets it. While
   * it is above 0 the audio stream counts as failing (see {@code PlaybackEngine.skip}).
   */
  int skippedInARow;

  /**
   * Media skipped one fragment after another without a fragment loading between them (every
   * stream), microseconds, and the index of the first of those fragments; a loaded fragment resets
   * it. Video fails the session past {@code network.videoSkipLimitS}.
   */
  long skippedSpanUs;

  int skippedSpanFirst;

  int lastAttemptLevel = -1;
  long retryAtNs;

  /** A cursor on a timeline of its own, from the manifest's. */
  TrackCursor(String name, TrackLevels levels) {
    this(name, levels, TrackTimeline.of(levels.timeline()));
  }

  /** A cursor on {@code timeline}, which outlives it (an audio track's, kept across switches). */
  TrackCursor(String name, TrackLevels levels, TrackTimeline timeline) {
    this.name = name;
    this.levels = levels;
    this.timeline = timeline;
  }

  int chunkCount() {
    return timeline.count();
  }

  /** True when the next fragment is known (for live: announced or listed). */
  boolean nextKnown() {
    return nextChunk < timeline.count();
  }

  /**
   * Records the bytes of the transfer in flight at {@code nowNs} and returns its recent rate in
   * bit/s (over up to the last 2 s, at least 0.5 s), or -1 when too early to tell.
   */
  double recentRateBps(long nowNs, long bytes) {
    return progress.observe(nowNs, bytes);
  }

  /** Cancels the request in flight, if any. */
  void cancel() {
    if (inFlight != null) {
      inFlight.cancel();
      inFlight = null;
    }
    inFlightLevel = -1;
    inFlightFragment = null;
    inFlightLastBytes = 0;
    inFlightProgressNs = 0;
    progress.clear();
  }

  /**
   * Restarts fetching at the fragment holding {@code positionUs}. Live, when no known fragment
   * holds it (the timeline ends before it, as an audio track's that was not playing may), it starts
   * at the next known fragment after it, or past the end to wait for the timeline to grow.
   */
  void restartAt(long positionUs, long newGeneration, boolean live) {
    cancel();
    generation = newGeneration;
    seed = null;
    int index = timeline.count() == 0 ? 0 : timeline.indexOf(positionUs);
    if (live && index < timeline.count() && timeline.fragment(index).endUs() <= positionUs) {
      index++;
    }
    nextChunk = index;
    done = !live && index >= timeline.count();
    bufferedEndUs =
        index < timeline.count()
            ? Math.min(positionUs, timeline.fragment(index).startUs())
            : positionUs;
    attempts = 0;
    lastAttemptLevel = -1;
    retryAtNs = 0;
  }

  /**
   * Live: steps over the known fragments that end at or before {@code positionUs} (a refresh
   * appended them behind the position to a track that was not playing); they are never fetched.
   */
  void skipEndedBefore(long positionUs) {
    boolean skipped = false;
    while (nextChunk < timeline.count() && timeline.fragment(nextChunk).endUs() <= positionUs) {
      nextChunk++;
      skipped = true;
    }
    if (skipped) {
      attempts = 0;
      retryAtNs = 0;
    }
  }
}
