package org.smoothplayer.app.engine;

import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.manifest.Ticks;
import org.smoothplayer.app.net.TimeSource;
import org.smoothplayer.app.session.SessionEvent;

/**
 * Probing of the next live fragment when look-ahead ran dry: guesses a track's next fragment (it
 * starts where the newest known ends and lasts as long) and says when to probe it. This is how a
 * session follows the edge when tfrf cannot announce the next fragment, without asking the
 * manifest; when the manifest cannot answer, the same probing stands in for it ("extrapolation",
 * told to the viewer and logged per probe).
 *
 * <p>When to probe: once the guess should be published on the live clock learned from when
 * fragments became known (the end of the guess plus the smallest publication delay seen, plus a
 * margin), and at the latest one fragment duration after the newest fragment became known. A probe
 * that fails is tried again half a fragment later (or after the server's Retry-After).
 *
 * <p>What enters the timeline: nothing from here. A guess is handed out with an index just past the
 * timeline; only what the origin confirms (the probe's tfxd, its tfrf, a manifest) is added, by
 * {@link LiveFollower}.
 *
 * <p>Threads: created by and used on the engine's "playback-loop" thread only.
 */
final class LiveExtrapolation {

  /** An extrapolated fragment is probed this long after it should be published (clock jitter). */
  private static final long PROBE_MARGIN_NS = 100_000_000L;

  /** A failed probe is tried again half its fragment later, and never sooner than this. */
  private static final long PROBE_RETRY_MIN_GAP_NS = 250_000_000L;

  // ---- set once (playback loop thread) ----
  private final LiveFollower.Host host;
  private final TimeSource time;
  private final SessionClock clock;

  /** When following started: the timelines of the joining manifest were learned then. */
  private final long startedNs;

  // ---- playback loop thread only ----

  /** Probes of extrapolated fragments were made since the last successful refresh. */
  private boolean extrapolating;

  /**
   * The live clock: the smallest (time of the loop, µs) minus (end of the newest fragment then
   * known, µs) seen so far, so a fragment ending at {@code endUs} is published at the latest at
   * {@code endUs + publishOffsetUs}; {@link Long#MAX_VALUE} before the first observation.
   */
  private long publishOffsetUs = Long.MAX_VALUE;

  /**
   * Extrapolation for a session whose following started at {@code startedNs}; notices go to {@code
   * host}, stamped by {@code clock}.
   */
  LiveExtrapolation(LiveFollower.Host host, TimeSource time, SessionClock clock, long startedNs) {
    this.host = host;
    this.time = time;
    this.clock = clock;
    this.startedNs = startedNs;
  }

  /**
   * The look-ahead of {@code t} ran dry: returns {@code guess}, its {@link #extrapolate
   * extrapolated} next fragment (index just past the timeline, not in it), when it is due for a
   * probe now, or null when it is not due yet. When {@code manifestSilent} (the manifest cannot
   * answer), probing stands in for it and the viewer is told once; otherwise it is the ordinary way
   * of following the edge and nothing is said.
   */
  @Nullable FragmentRef probeIfDue(
      TrackCursor t, FragmentRef guess, long nowNs, boolean manifestSilent) {
    if (t.probeStartTicks != guess.startTicks()) {
      t.probeStartTicks = guess.startTicks();
      t.probeAttempts = 0;
      t.probeNotBeforeNs = 0;
    }
    if (nowNs < Math.max(t.probeNotBeforeNs, probeDueNs(t, guess))) {
      return null;
    }
    if (manifestSilent && !extrapolating) {
      extrapolating = true;
      host.note(
          "the live manifest cannot be refreshed; probing the next fragments by extrapolation");
    }
    return guess;
  }

  /**
   * The fragment after the newest of {@code t} (which must know one): it starts where the newest
   * ends and lasts as long; null when the newest's duration is unknown and cannot be told, or the
   * sums overflow.
   */
  static @Nullable FragmentRef extrapolate(TrackCursor t) {
    int count = t.timeline.count();
    FragmentRef newest = t.timeline.fragment(count - 1);
    long durationTicks = newest.durationTicks();
    if (durationTicks <= 0 && count >= 2) {
      durationTicks = newest.startTicks() - t.timeline.fragment(count - 2).startTicks();
    }
    if (durationTicks <= 0) {
      return null;
    }
    try {
      long startTicks = Math.addExact(newest.startTicks(), durationTicks);
      long endTicks = Math.addExact(startTicks, durationTicks);
      long timeScale = t.timeline.timeScale();
      return new FragmentRef(
          count,
          startTicks,
          durationTicks,
          Ticks.toUs(startTicks, timeScale),
          Ticks.toUs(endTicks, timeScale));
    } catch (ArithmeticException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * When {@code guess} should be published: its end on the live clock plus a margin, and at the
   * latest one fragment duration after the newest fragment of {@code t} became known.
   */
  private long probeDueNs(TrackCursor t, FragmentRef guess) {
    long learnedNs = Math.max(t.newestLearnedNs, startedNs);
    long latestNs = learnedNs + (guess.endUs() - guess.startUs()) * 1000L;
    if (publishOffsetUs == Long.MAX_VALUE) {
      return latestNs;
    }
    return Math.min(latestNs, (guess.endUs() + publishOffsetUs) * 1000L + PROBE_MARGIN_NS);
  }

  /** The newest fragment of {@code t} is known at {@code nowNs}: it is published by then. */
  void observePublished(TrackCursor t, long nowNs) {
    if (t.timeline.count() > 0) {
      publishOffsetUs = Math.min(publishOffsetUs, nowNs / 1000 - t.timeline.endUs());
    }
  }

  /**
   * The origin restarted with new timestamps: the old ones say nothing about the new live clock.
   */
  void forgetClock() {
    publishOffsetUs = Long.MAX_VALUE;
  }

  /** A manifest refresh succeeded: extrapolation, if it ran, stops (and the viewer is told). */
  void onManifestAnswered() {
    if (extrapolating) {
      extrapolating = false;
      host.note("the live manifest is refreshed again; extrapolation stopped");
    }
  }

  /**
   * Whether {@code chunk} is an extrapolated guess the timeline of {@code t} does not hold (yet): a
   * probe, whose failure is not a failed fragment.
   */
  static boolean isExtrapolated(TrackCursor t, FragmentRef chunk) {
    return chunk.index() >= t.timeline.count()
        || t.timeline.fragment(chunk.index()).startTicks() != chunk.startTicks();
  }

  /**
   * A probe of the extrapolated {@code guess} failed ({@code reason}): it is tried again half a
   * fragment later, or after the server's {@code retryAfterMs} (negative when none) or {@code
   * backoffNs} (the wait an origin that does not answer adds) when longer, and logged as a notice.
   */
  void onProbeFailed(
      TrackCursor t, FragmentRef guess, String reason, long retryAfterMs, long backoffNs) {
    t.probeAttempts++;
    long gapNs =
        Math.max(
            backoffNs,
            Math.max(PROBE_RETRY_MIN_GAP_NS, Math.max(0, guess.endUs() - guess.startUs()) * 500L));
    if (retryAfterMs > 0) {
      gapNs = Math.max(gapNs, retryAfterMs * 1_000_000L);
    }
    t.probeNotBeforeNs = time.nanoTime() + gapNs;
    logNotice(
        "extrapolated "
            + t.name
            + " fragment "
            + guess.index()
            + " at "
            + guess.startUs()
            + " us not available (probe "
            + t.probeAttempts
            + ": "
            + reason
            + "); probing again in "
            + gapNs / 1_000_000
            + " ms");
  }

  /**
   * The origin confirmed the probe of an extrapolated fragment as {@code confirmed}: logged while
   * probing stands in for the manifest (an ordinary probe at the edge is not).
   */
  void onConfirmed(TrackCursor t, FragmentRef confirmed) {
    if (!extrapolating) {
      return;
    }
    logNotice(
        "extrapolated "
            + t.name
            + " fragment "
            + confirmed.index()
            + " at "
            + confirmed.startUs()
            + " us confirmed by its tfxd (probe "
            + (t.probeAttempts + 1)
            + ")");
  }

  /** Logs {@code message} as a session notice without showing it to the viewer. */
  private void logNotice(String message) {
    host.emit(new SessionEvent.Notice(clock.nowMs(), message));
  }
}
