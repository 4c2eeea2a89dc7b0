package org.smoothplayer.app.engine;

import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.session.SessionEvent;

/**
 * Seeding of a live audio switch: when the new audio track's timeline (grown only from refreshes
 * while it did not play) still ends before the position, the fragment there is taken from the
 * previous track's times, once every fragment both tracks know is verified to be the same. The seed
 * ({@link TrackCursor#seed}) is fetched once as a probe; it enters the timeline only if its tfxd
 * confirms it, and a failed seed is dropped for the manifest's answer.
 *
 * <p>Threads: created by and used on the engine's "playback-loop" thread only; it holds no mutable
 * state (the seed lives on the cursor).
 */
final class LiveAudioSeed {

  /** Fragments two audio tracks must both know, all alike, before one's times seed the other's. */
  static final int MIN_COMMON_FRAGMENTS_TO_SEED = 2;

  // ---- set once (playback loop thread) ----
  private final LiveFollower.Host host;
  private final SessionClock clock;

  /** Seeding whose notices go to {@code host}, stamped by {@code clock}. */
  LiveAudioSeed(LiveFollower.Host host, SessionClock clock) {
    this.host = host;
    this.clock = clock;
  }

  /**
   * The audio switched from {@code from} to {@code to}, which knows no fragment at {@code
   * positionUs}: when every fragment both tracks know is the same in both (time scale, start,
   * duration; at least {@value #MIN_COMMON_FRAGMENTS_TO_SEED}), the fragment of {@code from}
   * holding the position becomes {@code to}'s seed; otherwise {@code to} has none. Logged either
   * way.
   */
  void onAudioSwitch(TrackCursor from, TrackCursor to, long positionUs) {
    String why;
    FragmentRef seed = null;
    int common = commonFragments(from.timeline, to.timeline);
    if (from.timeline.timeScale() != to.timeline.timeScale()) {
      why = "the time scales differ";
    } else if (common < 0) {
      why = "their fragment times differ";
    } else if (common < MIN_COMMON_FRAGMENTS_TO_SEED) {
      why = "they have " + common + " known fragments in common, too few to compare";
    } else {
      seed = seedAt(from.timeline, to.timeline, positionUs);
      why = seed == null ? "the previous track knows no fragment there past the new one's" : "";
    }
    to.seed = seed;
    logNotice(
        seed != null
            ? "audio switch: the new track knows no fragment at "
                + positionUs
                + " us yet; probing the one at "
                + seed.startUs()
                + " us with the previous track's times ("
                + common
                + " known fragments alike)"
            : "audio switch: the new track knows no fragment at "
                + positionUs
                + " us yet and cannot take the previous track's times ("
                + why
                + "); waiting for the manifest");
  }

  /**
   * The seed of {@code t} to fetch now that its look-ahead ran dry (index just past the timeline),
   * or null when it has none; a seed the timeline reached meanwhile is dropped.
   */
  static @Nullable FragmentRef due(TrackCursor t) {
    FragmentRef seed = t.seed;
    if (seed != null) {
      int known = t.timeline.count();
      if (t.nextChunk == known
          && (known == 0 || seed.startTicks() > t.timeline.fragment(known - 1).startTicks())) {
        // After an audio switch: the fragment at the position, with the previous track's times.
        return seed.index() == known
            ? seed
            : new FragmentRef(
                known, seed.startTicks(), seed.durationTicks(), seed.startUs(), seed.endUs());
      }
      t.seed = null; // the timeline reached it
    }
    return null;
  }

  /**
   * A probe of {@code guess} failed ({@code reason}): when it was {@code t}'s seed, the seed is
   * dropped (a seed is tried once), logged, and true returned: the manifest must tell this track's
   * times instead. False when {@code guess} is not the seed.
   */
  boolean onProbeFailed(TrackCursor t, FragmentRef guess, String reason) {
    FragmentRef seed = t.seed;
    if (seed == null || seed.startTicks() != guess.startTicks()) {
      return false;
    }
    t.seed = null;
    logNotice(
        t.name
            + " fragment at "
            + guess.startUs()
            + " us with the previous track's times not available ("
            + reason
            + "); waiting for the manifest");
    return true;
  }

  /**
   * The origin confirmed the probe of {@code chunk} as {@code confirmed}: when it was {@code t}'s
   * seed, the seed is done, logged, and true returned; false when {@code chunk} is not the seed.
   */
  boolean onConfirmed(TrackCursor t, FragmentRef chunk, FragmentRef confirmed) {
    FragmentRef seed = t.seed;
    if (seed == null || seed.startTicks() != chunk.startTicks()) {
      return false;
    }
    t.seed = null;
    logNotice(
        t.name
            + " fragment "
            + confirmed.index()
            + " at "
            + confirmed.startUs()
            + " us, taken from the previous track's times, confirmed by the origin");
    return true;
  }

  /**
   * How many fragments of {@code to} inside the span {@code from} knows are fragments of {@code
   * from} too (same start, and same duration where both are known); -1 when one is not.
   */
  static int commonFragments(TrackTimeline from, TrackTimeline to) {
    if (from.count() == 0 || from.timeScale() != to.timeScale()) {
      return from.count() == 0 ? 0 : -1;
    }
    long spanStartUs = from.startUs();
    long spanEndUs = from.endUs();
    int common = 0;
    for (int j = 0; j < to.count(); j++) {
      FragmentRef f = to.fragment(j);
      if (f.startUs() < spanStartUs || f.startUs() >= spanEndUs) {
        continue;
      }
      int i = from.indexOfStart(f.startTicks());
      if (i < 0) {
        return -1;
      }
      long d = from.fragment(i).durationTicks();
      if (d > 0 && f.durationTicks() > 0 && d != f.durationTicks()) {
        return -1;
      }
      common++;
    }
    return common;
  }

  /**
   * The fragment of {@code from} holding {@code positionUs}, as the next fragment of {@code to}
   * (index just past its timeline); null when {@code from} knows none there or it does not start
   * after the end of {@code to}'s fragments.
   */
  static @Nullable FragmentRef seedAt(TrackTimeline from, TrackTimeline to, long positionUs) {
    if (from.count() == 0) {
      return null;
    }
    FragmentRef f = from.fragment(from.indexOf(positionUs));
    if (f.startUs() > positionUs || f.endUs() <= positionUs) {
      return null;
    }
    if (to.count() > 0) {
      FragmentRef last = to.fragment(to.count() - 1);
      long lastEndTicks =
          last.durationTicks() > 0
              ? last.startTicks() + last.durationTicks()
              : last.startTicks() + 1;
      if (f.startTicks() < lastEndTicks) {
        return null;
      }
    }
    return new FragmentRef(to.count(), f.startTicks(), f.durationTicks(), f.startUs(), f.endUs());
  }

  /** Logs {@code message} as a session notice without showing it to the viewer. */
  private void logNotice(String message) {
    host.emit(new SessionEvent.Notice(clock.nowMs(), message));
  }
}
