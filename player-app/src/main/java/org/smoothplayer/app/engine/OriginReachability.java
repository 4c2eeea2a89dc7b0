package org.smoothplayer.app.engine;

import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.net.FetchException;

/**
 * Whether the origin of a session answers: the outcome of every request to it (manifest refreshes,
 * fragments, probes), reduced to "it answered" or "it did not answer".
 *
 * <p>An answer is any response the origin made: a body, or a status that says something about the
 * request ({@code 404} for a fragment not published yet, any other 4xx but 408 and 429). No answer
 * is a failure that says the origin is down, overloaded or cut off: no connection, a reset, a
 * time-out, a 5xx, {@code 408} or {@code 429}. A stream that announces nothing new while its origin
 * answers has ended ({@code live.endAfterS}); one whose origin does not answer has not, and is
 * waited for (up to {@code live.outageLimitS}).
 *
 * <p>Pure bookkeeping: times come in as arguments. Threads: the engine's "playback-loop" thread
 * only.
 */
final class OriginReachability {

  /** Failures without an answer between them before the origin counts as out. */
  static final int FAILURES_FOR_OUTAGE = 2;

  /** How long the origin must have been silent before it counts as out. */
  static final long OUTAGE_AFTER_NS = 3_000_000_000L;

  /** The longest wait a silent origin adds between two requests of the same kind. */
  static final long MAX_BACKOFF_NS = 2_000_000_000L;

  // ---- playback loop thread only ----

  /** The first failure since the last answer, in ns; meaningless while failures is 0. */
  private long silentSinceNs;

  /** Failures without an answer since the last answer. */
  private int failures;

  /** The last of them, as logged. */
  private String lastFailure = "";

  /** The viewer was told of the current outage (and is told when it ends); reset by an answer. */
  private boolean told;

  /** Whether {@code e} means the origin did not answer (down, overloaded, cut off). */
  static boolean isNoAnswer(FetchException e) {
    return switch (e.kind()) {
      case IO, TIMEOUT -> true;
      case HTTP_STATUS -> e.status() >= 500 || e.status() == 408 || e.status() == 429;
      default -> false;
    };
  }

  /**
   * The origin answered at {@code nowNs}: returns how long it had been silent (from the first
   * failure since its previous answer), 0 when the last outcome was an answer already.
   */
  long answered(long nowNs) {
    long silentNs = failures > 0 ? Math.max(0, nowNs - silentSinceNs) : 0;
    failures = 0;
    lastFailure = "";
    told = false;
    return silentNs;
  }

  /**
   * Whether the origin's answer to a request sent at {@code sentNs} ends its silence: not when the
   * request was sent before the silence began. The origin may have answered it before it fell
   * silent (a transfer under way when the origin went down can end after the first failure), so
   * such an answer says nothing about the origin since.
   */
  boolean answerEndsSilence(long sentNs) {
    return failures == 0 || sentNs >= silentSinceNs;
  }

  /** A request failed at {@code nowNs} without an answer ({@code reason}). */
  void failed(long nowNs, String reason) {
    if (failures == 0) {
      silentSinceNs = nowNs;
    }
    failures++;
    lastFailure = reason;
  }

  /** The last request to the origin failed without an answer. */
  boolean silent() {
    return failures > 0;
  }

  /**
   * Nothing was answered since {@code ns}: a failure without an answer at or before it, none after.
   */
  boolean silentSince(long ns) {
    return failures > 0 && silentSinceNs <= ns;
  }

  /** How long the origin has been silent at {@code nowNs}; 0 while it answers. */
  long silentForNs(long nowNs) {
    return failures > 0 ? Math.max(0, nowNs - silentSinceNs) : 0;
  }

  /**
   * The origin is out at {@code nowNs}: at least {@value #FAILURES_FOR_OUTAGE} failures and {@link
   * #OUTAGE_AFTER_NS} without an answer, so a single failed request is not an outage.
   */
  boolean out(long nowNs) {
    return failures >= FAILURES_FOR_OUTAGE && silentForNs(nowNs) >= OUTAGE_AFTER_NS;
  }

  /**
   * The wait a silent origin adds between requests at {@code nowNs}: a quarter of its silence, at
   * most {@link #MAX_BACKOFF_NS}; 0 while it answers.
   */
  long backoffNs(long nowNs) {
    return Math.min(MAX_BACKOFF_NS, silentForNs(nowNs) / 4);
  }

  /**
   * The outage rule at {@code nowNs}: once the origin is {@link #out}, the viewer is told once
   * through {@code note} that it is waited for up to {@code limitS} (setting {@code limitKey}; 0:
   * without a limit); returns why the session fails once it has been silent that long ({@code
   * which} names the origin, e.g. "live origin"), else null.
   */
  @Nullable String outageFailure(
      long nowNs, double limitS, String limitKey, String which, Consumer<String> note) {
    if (!out(nowNs)) {
      return null;
    }
    if (!told) {
      told = true;
      note.accept(waitingNotice(limitS, limitKey));
    }
    return silentBeyond(nowNs, limitS) ? failure(nowNs, which, limitS, limitKey) : null;
  }

  /** The viewer was told of the current outage (by {@link #outageFailure}); false once answered. */
  boolean told() {
    return told;
  }

  /**
   * The viewer's notice once the origin is out: its last failure, and how long it is waited for.
   */
  private String waitingNotice(double limitS, String limitKey) {
    return "the origin does not answer ("
        + lastFailure
        + "); waiting for it"
        + (limitS > 0
            ? String.format(Locale.ROOT, " for up to %.0f s (%s)", limitS, limitKey)
            : "");
  }

  /** The viewer's notice when the origin answers again after {@code silentNs} of silence. */
  static String answersAgainNotice(long silentNs) {
    return String.format(
        Locale.ROOT, "the origin answers again after %.1f s; playback goes on", silentNs / 1e9);
  }

  /** The origin has answered nothing for at least {@code limitS} at {@code nowNs}; 0 never. */
  private boolean silentBeyond(long nowNs, double limitS) {
    return limitS > 0 && silentForNs(nowNs) >= (long) (limitS * 1e9);
  }

  /** Why the session fails once {@link #silentBeyond}: the silence, the limit, the last failure. */
  private String failure(long nowNs, String which, double limitS, String limitKey) {
    return String.format(
        Locale.ROOT,
        "the %s has not answered for %.0f s (%s %.0f s); the last failure: %s",
        which,
        silentForNs(nowNs) / 1e9,
        limitKey,
        limitS,
        lastFailure);
  }

  /** The last failure without an answer, as logged; empty while the origin answers. */
  String lastFailure() {
    return lastFailure;
  }
}
