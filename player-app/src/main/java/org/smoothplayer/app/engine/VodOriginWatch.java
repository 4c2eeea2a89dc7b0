package org.smoothplayer.app.engine;

import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.net.FetchException;

/**
 * Tells an on-demand session's network outage from a broken fragment, and waits through the outage
 * instead of skipping media.
 *
 * <p>A fragment that failed every attempt is skipped, and the session fails once too much video is
 * skipped in a row ({@code network.videoSkipLimitS}): right for a fragment the origin cannot serve,
 * wrong when the network or the origin is down, where every fragment fails alike and the viewer
 * would lose the media of the outage, or the whole session after a few seconds of it. So every
 * failure without an answer ({@link OriginReachability#isNoAnswer}) also asks the manifest URL (one
 * request in flight at most, its body capped): when that is answered too (any status, or a body),
 * the origin is up and the fragment alone is the problem; when it is not, the origin is out. A
 * fragment that failed only without answers while the origin is out is tried again (spaced by its
 * back-off and a quarter of the silence, at most 2 s) instead of being skipped, until the origin
 * answers, or until it has been silent for {@code network.outageLimitS}, when the session fails.
 *
 * <p>The viewer is told once the origin counts as out ({@link OriginReachability#out}), and again
 * when it answers. Live sessions have the same rule in {@link LiveFollower}, whose manifest
 * refreshes are the probe.
 *
 * <p>Threads: the engine's "playback-loop" thread only (probe outcomes are posted to it).
 */
final class VodOriginWatch {

  /** What the watch needs from the engine. */
  interface Host {
    /** Starts a request of the manifest URL; its outcome comes back to {@link #onProbed}. */
    void probe();

    /** Tells the viewer {@code message} (a notice in the session log). */
    void note(String message);

    /** Ends the session as failed with {@code reason}. */
    void fail(String reason);
  }

  private final Host host;
  private final OriginReachability origin = new OriginReachability();

  // ---- playback loop thread only ----

  /** A probe is in flight. */
  private boolean probing;

  /**
   * The last probe failed without an answer and nothing was answered since: the origin is out, not
   * one fragment.
   */
  private boolean probeSilent;

  VodOriginWatch(Host host) {
    this.host = host;
  }

  /** A fragment requested at {@code sentNs} was loaded at {@code nowNs}: the origin answered. */
  void onLoaded(long sentNs, long nowNs) {
    answered(sentNs, nowNs);
  }

  /** A fragment request sent at {@code sentNs} failed with {@code e} at {@code nowNs}. */
  void onFailed(long sentNs, long nowNs, FetchException e) {
    if (!OriginReachability.isNoAnswer(e)) {
      answered(sentNs, nowNs);
      return;
    }
    origin.failed(nowNs, e.getMessage());
    if (!probing) {
      probing = true;
      host.probe();
    }
  }

  /**
   * The probe sent at {@code sentNs} ended at {@code nowNs}: answered when {@code failure} is null
   * or an answer.
   */
  void onProbed(long sentNs, long nowNs, @Nullable FetchException failure) {
    probing = false;
    if (failure == null || !OriginReachability.isNoAnswer(failure)) {
      answered(sentNs, nowNs);
    } else {
      origin.failed(nowNs, failure.getMessage());
      probeSilent = true;
    }
  }

  /**
   * Whether a fragment whose first failure was at {@code firstFailedNs} waits for the origin
   * instead of being skipped: nothing was answered since then, the manifest URL included.
   */
  boolean holds(long firstFailedNs) {
    return probeSilent && origin.silentSince(firstFailedNs);
  }

  /** The wait a silent origin adds between two attempts at {@code nowNs}; 0 while it answers. */
  long backoffNs(long nowNs) {
    return origin.backoffNs(nowNs);
  }

  /** How long the origin has been out at {@code nowNs} (see {@link #check}); 0 while it is not. */
  long outForNs(long nowNs) {
    return probeSilent && origin.out(nowNs) ? origin.silentForNs(nowNs) : 0;
  }

  /**
   * Tells the viewer, once, that the origin does not answer, and fails the session once it has not
   * for {@code network.outageLimitS} (0: never); returns whether the session failed.
   */
  boolean check(long nowNs, PlaybackSettings s) {
    if (!probeSilent) {
      return false;
    }
    String failure =
        origin.outageFailure(
            nowNs, s.outageLimitS(), PlaybackSettings.OUTAGE_LIMIT_S.key(), "origin", host::note);
    if (failure != null) {
      host.fail(failure);
    }
    return failure != null;
  }

  /**
   * The origin answered at {@code nowNs} a request sent at {@code sentNs}: the outage, if any, is
   * over, unless the request was sent before it began ({@link
   * OriginReachability#answerEndsSilence}).
   */
  private void answered(long sentNs, long nowNs) {
    if (!origin.answerEndsSilence(sentNs)) {
      return;
    }
    boolean told = origin.told();
    long silentNs = origin.answered(nowNs);
    probeSilent = false;
    if (told) {
      host.note(OriginReachability.answersAgainNotice(silentNs));
    }
  }
}
