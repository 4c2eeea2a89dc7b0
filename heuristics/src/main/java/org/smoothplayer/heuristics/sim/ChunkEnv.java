package org.smoothplayer.heuristics.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.heuristics.AbandonRule;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.RecentRate;

/**
 * The exact fragment-level environment: link position plus buffer. Mutable, owned by one simulated
 * session; {@link #copy()} makes an independent branch (used by the optimum and the oracle).
 */
public final class ChunkEnv {
  private final Video video;
  private final SimConfig config;
  private final LinkCursor link;
  private double bufferMs;
  private int nextFragment;
  // Session time since the first request, milliseconds (what a live stream's edge moves with).
  private double clockMs;

  /** A fresh session on {@code trace}: empty buffer, first fragment next. */
  public ChunkEnv(Trace trace, Video video, SimConfig config) {
    this(video, config, new LinkCursor(trace), 0, 0);
  }

  private ChunkEnv(
      Video video, SimConfig config, LinkCursor link, double bufferMs, int nextFragment) {
    this.video = video;
    this.config = config;
    this.link = link;
    this.bufferMs = bufferMs;
    this.nextFragment = nextFragment;
  }

  /** An independent copy of this state. */
  public ChunkEnv copy() {
    ChunkEnv c = new ChunkEnv(video, config, link.copy(), bufferMs, nextFragment);
    c.clockMs = clockMs;
    return c;
  }

  /**
   * Result of one fragment download.
   *
   * @param level the level that was loaded (lower than the one asked when a transfer was abandoned)
   * @param bytes the loaded fragment's size
   * @param delayMs time from the first request to the end of the load, abandoned attempts included
   * @param abandoned the attempts given up before the load, in order (empty without the abandon
   *     rule)
   */
  public record Step(
      int fragment,
      int level,
      long bytes,
      double delayMs,
      double sleepMs,
      double rebufferMs,
      double bufferMs,
      List<Attempt> abandoned) {

    /** The time of the attempt that loaded the fragment (the delay without abandoned attempts). */
    public double loadMs() {
      double ms = delayMs;
      for (Attempt a : abandoned) {
        ms -= a.elapsedMs();
      }
      return ms;
    }
  }

  /**
   * One request of a fragment: given up by the abandon rule (with its verdict), or the one that
   * loaded it.
   *
   * @param level the level it asked for
   * @param bytes bytes received when it was given up
   * @param elapsedMs time from its request to being given up
   * @param startMs its request time, from the first request of the fragment
   * @param verdict why, and the level asked next (null only for the attempt that loaded, which is
   *     never listed in {@link Step#abandoned})
   */
  public record Attempt(
      int level,
      long bytes,
      double elapsedMs,
      double startMs,
      AbandonRule.@Nullable Verdict verdict) {}

  /**
   * Seconds between two looks at a transfer in flight: the player's progress points for the recent
   * rate ({@link RecentRate#POINT_INTERVAL_NS}) are this far apart.
   */
  static final double ABANDON_CHECK_S = RecentRate.POINT_INTERVAL_NS / 1e9;

  /** Downloads the next fragment at {@code level} and applies the buffer rules. */
  public Step fetch(int level) {
    return fetch(level, false);
  }

  /**
   * Downloads the next fragment at {@code level}, judging the transfer while in flight by the
   * {@link AbandonRule} when {@code abandon} is set (a transfer given up is requested again at once
   * at the rule's lower level; a stalled-transfer verdict, which the player retries at the same
   * level, lets the transfer go on, since a new request would meet the same link), and applies the
   * buffer rules to the whole time.
   */
  public Step fetch(int level, boolean abandon) {
    if (nextFragment >= video.fragmentCount()) {
      throw new IllegalStateException("all " + video.fragmentCount() + " fragments fetched");
    }
    long bytes = video.bytes()[level][nextFragment];
    List<Attempt> abandoned = new ArrayList<>();
    double delayMs;
    if (abandon) {
      delayMs = 0;
      while (true) {
        Attempt given = attempt(level, delayMs);
        delayMs += given.elapsedMs();
        if (given.verdict() == null) {
          bytes = given.bytes();
          break;
        }
        abandoned.add(given);
        level = given.verdict().fallbackLevel();
      }
    } else {
      delayMs = link.transferS(bytes, config.payloadFactor()) * 1000.0 + config.rttMs();
    }
    double rebufferMs = Math.max(delayMs - bufferMs, 0.0);
    bufferMs = Math.max(bufferMs - delayMs, 0.0) + video.fragmentDurationS() * 1000.0;
    double sleepMs = 0;
    if (bufferMs > config.bufferCapMs()) {
      double drain = bufferMs - config.bufferCapMs();
      sleepMs = Math.ceil(drain / config.drainStepMs()) * config.drainStepMs();
      bufferMs -= sleepMs;
      link.sleepMs(sleepMs);
    }
    Step step =
        new Step(
            nextFragment,
            level,
            bytes,
            delayMs,
            sleepMs,
            rebufferMs,
            bufferMs,
            List.copyOf(abandoned));
    nextFragment++;
    clockMs += delayMs + sleepMs;
    return step;
  }

  /**
   * One request of the next fragment at {@code level}, made {@code sinceFirstMs} after the
   * fragment's first request: the transfer runs on the link in steps of {@link #ABANDON_CHECK_S},
   * judged after each. Returns the attempt, with a null verdict when the fragment loaded. The
   * request's round trip counts at its start and does not move the link, as in the reference
   * arithmetic, so an attempt never abandoned takes as long as there.
   */
  private Attempt attempt(int level, double sinceFirstMs) {
    long bytes = video.bytes()[level][nextFragment];
    double fragmentS = video.fragmentDurationS();
    double bufferAtRequestS = Math.max(0, bufferMs - sinceFirstMs) / 1000.0;
    double elapsedS = config.rttMs() / 1000.0;
    double sent = 0;
    double lastByteS = 0;
    RecentRate recent = new RecentRate();
    Ladder ladder = video.ladder();
    // Looks at the transfer at whole multiples of the check interval after the request.
    long check = (long) Math.floor(elapsedS / ABANDON_CHECK_S);
    while (true) {
      check++;
      double checkS = check * ABANDON_CHECK_S;
      double left = bytes - sent;
      double[] part = link.transferUpTo(left, config.payloadFactor(), checkS - elapsedS);
      if (part[0] >= left) {
        return new Attempt(level, bytes, (elapsedS + part[1]) * 1000.0, sinceFirstMs, null);
      }
      elapsedS = checkS;
      sent += part[0];
      if (part[0] > 0) {
        lastByteS = elapsedS;
      }
      double recentBps = recent.observe(Math.round(checkS * 1e9), (long) sent);
      double bufferNowS = Math.max(0, bufferMs - sinceFirstMs - elapsedS * 1000.0) / 1000.0;
      AbandonRule.InFlight inFlight =
          new AbandonRule.InFlight(
              true,
              level,
              elapsedS,
              elapsedS - lastByteS,
              fragmentS,
              (long) sent,
              recentBps,
              bufferNowS,
              bufferAtRequestS);
      Optional<AbandonRule.Verdict> verdict = AbandonRule.judge(inFlight, ladder::bitrateBps);
      if (verdict.isPresent() && !verdict.get().stalled()) {
        return new Attempt(level, (long) sent, elapsedS * 1000.0, sinceFirstMs, verdict.get());
      }
    }
  }

  /**
   * In a live stream, waits until the next fragment is published (nothing on demand): playback goes
   * on from the buffer meanwhile and the link's time passes, as in the buffer-cap sleep. The join
   * distance of at least one fragment keeps the buffer from running dry while waiting. Returns the
   * wait in milliseconds.
   */
  public double awaitPublicationMs() {
    if (!config.live()) {
      return 0;
    }
    double fragmentMs = video.fragmentDurationS() * 1000.0;
    double publishedAtMs = (nextFragment + 1 - config.liveJoinFragments()) * fragmentMs;
    double waitMs = Math.max(0, publishedAtMs - clockMs);
    if (waitMs > 0) {
      bufferMs = Math.max(0, bufferMs - waitMs);
      link.sleepMs(waitMs);
      clockMs += waitMs;
    }
    return waitMs;
  }

  /**
   * In a live stream, the distance in seconds from the playback position to the edge, the media
   * time published so far (it moves with session time, so stalls add to it); NaN on demand.
   */
  public double liveLatencyS() {
    if (!config.live()) {
      return Double.NaN;
    }
    double fragmentS = video.fragmentDurationS();
    double edgeS = config.liveJoinFragments() * fragmentS + clockMs / 1000.0;
    double positionS = nextFragment * fragmentS - bufferMs / 1000.0;
    return edgeS - positionS;
  }

  /** A copy of the link position. */
  public LinkCursor cursorCopy() {
    return link.copy();
  }

  /** Buffer in milliseconds. */
  public double bufferMs() {
    return bufferMs;
  }

  /** Index of the next fragment. */
  public int nextFragment() {
    return nextFragment;
  }

  /** Trace position in seconds. */
  public double tracePositionS() {
    return link.positionS();
  }

  /** The video. */
  public Video video() {
    return video;
  }
}
