package org.smoothplayer.app.engine;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.manifest.ChunkTimeline;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.ManifestException;
import org.smoothplayer.app.manifest.ManifestLoader;
import org.smoothplayer.app.manifest.ManifestParser;
import org.smoothplayer.app.manifest.StreamIndex;
import org.smoothplayer.app.manifest.StreamType;
import org.smoothplayer.app.manifest.Ticks;
import org.smoothplayer.app.net.FetchException;
import org.smoothplayer.app.net.HttpFetcher;
import org.smoothplayer.app.net.TimeSource;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.decoder.fragment.Fragment;
import org.smoothplayer.decoder.fragment.FragmentContext;
import org.smoothplayer.decoder.fragment.FragmentParser;
import org.smoothplayer.decoder.fragment.TfrfEntry;
import org.smoothplayer.decoder.fragment.TrackType;

/**
 * Live following for one live session of the {@link PlaybackEngine}: the live edge, the DVR window
 * and the join point; the growth of the known timeline (tfxd/tfrf of fetched fragments, manifest
 * refreshes); the resynchronization after an origin restart; and the live control of every tick
 * (refresh fallback, end of the broadcast, DVR-window overrun, catch-up).
 *
 * <p>When a track's look-ahead is dry and the manifest cannot answer (its last refresh failed, or
 * none answered for a fragment duration), the next fragment is <em>extrapolated</em> (it starts
 * where the newest ends and lasts as long) and probed once it should be published. Only what the
 * origin confirms (the probe's tfxd, its tfrf, a manifest) enters the timeline; a probe that fails
 * is tried again half a fragment later and never counts as a failed fragment.
 *
 * <p>Every audio track's timeline is kept up to date from manifest refreshes, not only the playing
 * one's, so a switch of the audio language starts at the live position; when the new track's
 * timeline still ends before the position, the fragment there is taken from the previous track's
 * times once they are verified to be the same, and fetched as a probe the tfxd must confirm.
 *
 * <p>The engine creates one when the manifest is live (none for VOD), calls the methods below from
 * its loop, and is called back through the narrow {@link Host}.
 *
 * <p>Threads: everything here runs on the engine's "playback-loop" thread, except the manifest
 * download of a refresh, which runs on the "manifest-refresh" executor and posts its result back to
 * the loop with {@link Host#post}; that thread touches none of the mutable state below.
 */
final class LiveFollower implements AutoCloseable {

  /**
   * What live following needs from the engine. Every method is called on the playback loop thread,
   * except {@link #post}, which the refresh thread calls too.
   */
  interface Host {
    /** The audio cursor in use (it changes with the audio language), null without audio. */
    @Nullable TrackCursor audioTrack();

    /** The session's state now. */
    PlayerState state();

    /** The session played to its end (the engine's end, not the end of the broadcast). */
    boolean sessionEnded();

    /** The playback settings in force (they change with the configuration). */
    PlaybackSettings settings();

    /** The HTTP client in force (it changes with the timeouts). */
    HttpFetcher fetcher();

    /** Queues {@code task} on the playback loop; safe from any thread. */
    void post(Runnable task);

    /** Records a session event. */
    void emit(SessionEvent event);

    /** Shows and logs a notice to the viewer. */
    void note(String message);

    /** Every fragment of {@code t} was fetched: its decoder pushes out what it still holds. */
    void finish(TrackCursor t);

    /** Drops everything in flight and buffered and starts at {@code targetUs}, as a seek does. */
    void restartAt(long targetUs);
  }

  /** When the look-ahead ran dry, at most one refresh per this long (or per half a fragment). */
  private static final long DRY_REFRESH_MIN_GAP_NS = 500_000_000L;

  /** A failed live fragment asks for a refresh unless one started less than this long ago. */
  private static final long FAILED_REFRESH_MIN_GAP_NS = 1_000_000_000L;

  /** Fragments two audio tracks must both know, all alike, before one's times seed the other's. */
  static final int MIN_COMMON_FRAGMENTS_TO_SEED = 2;

  /** Automatic jumps (DVR-window overrun, catch-up) come at most this often. */
  private static final long JUMP_MIN_GAP_NS = 1_000_000_000L;

  /** An extrapolated fragment is probed this long after it should be published (clock jitter). */
  private static final long PROBE_MARGIN_NS = 100_000_000L;

  /** A failed probe is tried again half its fragment later, and never sooner than this. */
  private static final long PROBE_RETRY_MIN_GAP_NS = 250_000_000L;

  // ---- set once (playback loop thread) ----
  private final Host host;
  private final TimeSource time;
  private final SessionClock clock;
  private final String manifestUrl;
  private final TrackCursor video;

  /**
   * Every audio track, and its known timeline at the same index: the playing audio cursor shares
   * its track's, so refreshes grow every track's and a switch starts from what is known.
   */
  private final List<TrackLevels> audioTracks;

  private final List<TrackTimeline> audioTimelines;

  /** The manifest's DVR window length; 0 for an infinite window. */
  private final long windowUs;

  /** The typical video fragment duration at the join (mean of the last known, up to 8). */
  private final long fragmentDurationUs;

  /** Loads refreshed manifests; the task only loads and posts the result to the loop. */
  private final ExecutorService refresher;

  /** When following started: the timelines of the joining manifest were learned then. */
  private final long startedNs;

  // ---- playback loop thread only ----
  private boolean broadcastEnded;
  private long lastGrowthNs;
  private boolean refreshInFlight;

  /** The last manifest refresh failed (until one succeeds): the manifest cannot answer. */
  private boolean lastRefreshFailed;

  /** Probes of extrapolated fragments were made since the last successful refresh. */
  private boolean extrapolating;

  /**
   * The live clock: the smallest (time of the loop, µs) minus (end of the newest fragment then
   * known, µs) seen so far, so a fragment ending at {@code endUs} is published at the latest at
   * {@code endUs + publishOffsetUs}; {@link Long#MAX_VALUE} before the first observation.
   */
  private long publishOffsetUs = Long.MAX_VALUE;

  private long nextRefreshNs;
  private long lastRefreshStartNs;
  private long lastJumpNs;

  /** The viewer chose to be behind the edge (DVR seek or pause): no automatic catch-up. */
  private boolean behindByChoice;

  /**
   * Starts following from what is known now: {@code video}'s timeline (its typical fragment
   * duration), the timelines of the {@code audioTracks} ({@code audioTimelines}, same order), a DVR
   * window of {@code windowUs} (0 = infinite); the first refresh fallback comes a refresh interval
   * from now.
   */
  LiveFollower(
      Host host,
      TimeSource time,
      SessionClock clock,
      String manifestUrl,
      TrackCursor video,
      List<TrackLevels> audioTracks,
      List<TrackTimeline> audioTimelines,
      long windowUs) {
    if (audioTracks.size() != audioTimelines.size()) {
      throw new IllegalArgumentException(
          "audio timelines: expected one per audio track ("
              + audioTracks.size()
              + ") but got "
              + audioTimelines.size());
    }
    this.host = host;
    this.time = time;
    this.clock = clock;
    this.manifestUrl = manifestUrl;
    this.video = video;
    this.audioTracks = List.copyOf(audioTracks);
    this.audioTimelines = List.copyOf(audioTimelines);
    this.windowUs = windowUs;
    this.fragmentDurationUs = typicalDurationUs(video.timeline);
    this.lastGrowthNs = time.nanoTime();
    this.startedNs = lastGrowthNs;
    this.nextRefreshNs = lastGrowthNs + refreshIntervalNs();
    observePublished(video, startedNs);
    TrackCursor a = host.audioTrack();
    if (a != null) {
      observePublished(a, startedNs);
    }
    this.refresher =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread th = new Thread(r, "manifest-refresh");
              th.setDaemon(true);
              return th;
            });
  }

  private long refreshIntervalNs() {
    return (long) (host.settings().liveRefreshIntervalS() * 1e9);
  }

  /** Mean duration of the last (up to 8) fragments of {@code t}; a fallback when none is known. */
  private static long typicalDurationUs(TrackTimeline t) {
    if (t.count() == 0) {
      return TrackTimeline.UNKNOWN_DURATION_FALLBACK_US;
    }
    int n = Math.min(t.count(), 8);
    long sum = 0;
    for (int i = t.count() - n; i < t.count(); i++) {
      FragmentRef f = t.fragment(i);
      sum += f.endUs() - f.startUs();
    }
    return Math.max(1, sum / n);
  }

  // ---------------------------------------------------------------- where the edge is

  /**
   * The broadcast ended (a refreshed manifest no longer live, or no growth for a while): nothing
   * new will be announced and what is known plays out.
   */
  boolean broadcastEnded() {
    return broadcastEnded;
  }

  /** The end of the newest video fragment known: the live edge. */
  long edgeUs() {
    return video.timeline.endUs();
  }

  /** The start of the DVR window (the first fragment known when the window is infinite). */
  long windowStartUs() {
    long first = video.timeline.startUs();
    return windowUs > 0 ? Math.max(first, edgeUs() - windowUs) : first;
  }

  /** Where a live session joins: the join offset behind the edge, inside the window. */
  long joinUs() {
    long offsetUs = (long) (host.settings().liveJoinOffsetFragments() * fragmentDurationUs);
    return Math.max(windowStartUs(), edgeUs() - offsetUs);
  }

  /** Video and audio were fetched up to the edge: what is published is all there is. */
  boolean fetchedToEdge() {
    TrackCursor a = host.audioTrack();
    return video.bufferedEndUs >= video.timeline.endUs()
        && (a == null || a.bufferedEndUs >= a.timeline.endUs());
  }

  // ---------------------------------------------------------------- the viewer's choices

  /**
   * A seek target inside the window and half a fragment before the edge; remembers whether the
   * viewer chose to stay behind the join point (no automatic catch-up then).
   */
  long clampSeekUs(long targetUs) {
    long target = Math.max(windowStartUs(), Math.min(targetUs, edgeUs() - fragmentDurationUs / 2));
    behindByChoice = target < joinUs() - fragmentDurationUs;
    return target;
  }

  /** The viewer paused: from now on, being behind the edge is their choice. */
  void onPause() {
    behindByChoice = true;
  }

  /** The viewer returned to the live edge: catch-up applies again. */
  void onReturnToEdge() {
    behindByChoice = false;
  }

  // ---------------------------------------------------------------- fetching

  /**
   * The look-ahead of {@code t} ran dry (its newest known fragment was fetched): asks the manifest
   * (not more often than twice a fragment). When the manifest cannot answer (its last refresh
   * failed, or none answered for a fragment duration), returns the extrapolated next fragment to
   * probe now (index just past the timeline, not in it), or null when none is due yet.
   */
  @Nullable FragmentRef onLookAheadDry(TrackCursor t, long nowNs) {
    if (nowNs - lastRefreshStartNs >= Math.max(DRY_REFRESH_MIN_GAP_NS, fragmentDurationUs * 500L)) {
      requestRefresh(nowNs);
    }
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
    boolean manifestSilent =
        lastRefreshFailed
            || refreshInFlight && nowNs - lastRefreshStartNs >= fragmentDurationUs * 1000L;
    int count = t.timeline.count();
    if (!manifestSilent || count == 0 || t.nextChunk != count) {
      return null;
    }
    FragmentRef guess = extrapolate(t);
    if (guess == null) {
      return null;
    }
    if (t.probeStartTicks != guess.startTicks()) {
      t.probeStartTicks = guess.startTicks();
      t.probeAttempts = 0;
      t.probeNotBeforeNs = 0;
    }
    if (nowNs < Math.max(t.probeNotBeforeNs, probeDueNs(t, guess))) {
      return null;
    }
    if (!extrapolating) {
      extrapolating = true;
      host.note(
          "the live manifest cannot be refreshed; probing the next fragments by extrapolation");
    }
    return guess;
  }

  /**
   * The fragment after the newest of {@code t}: it starts where the newest ends and lasts as long;
   * null when the newest's duration is unknown and cannot be told, or the sums overflow.
   */
  private static @Nullable FragmentRef extrapolate(TrackCursor t) {
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
  private void observePublished(TrackCursor t, long nowNs) {
    if (t.timeline.count() > 0) {
      publishOffsetUs = Math.min(publishOffsetUs, nowNs / 1000 - t.timeline.endUs());
    }
  }

  /**
   * Whether {@code chunk} is an extrapolated guess the timeline does not hold (yet): a probe, whose
   * failure is not a failed fragment.
   */
  boolean isExtrapolated(TrackCursor t, FragmentRef chunk) {
    return chunk.index() >= t.timeline.count()
        || t.timeline.fragment(chunk.index()).startTicks() != chunk.startTicks();
  }

  /**
   * A probe of the extrapolated {@code guess} failed ({@code reason}; 404 or 412 while it is not
   * published yet, or any error): it is tried again half a fragment later (or after the server's
   * {@code retryAfterMs}, negative when none), and logged as a notice.
   */
  void onProbeFailed(TrackCursor t, FragmentRef guess, String reason, long retryAfterMs) {
    FragmentRef seed = t.seed;
    if (seed != null && seed.startTicks() == guess.startTicks()) {
      // A seed is tried once: the manifest tells this track's times instead.
      t.seed = null;
      logNotice(
          t.name
              + " fragment at "
              + guess.startUs()
              + " us with the previous track's times not available ("
              + reason
              + "); waiting for the manifest");
      requestRefresh(time.nanoTime());
      return;
    }
    t.probeAttempts++;
    long gapNs =
        Math.max(PROBE_RETRY_MIN_GAP_NS, Math.max(0, guess.endUs() - guess.startUs()) * 500L);
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
   * The newest known fragment is fetched only once the next one should be published too (a fragment
   * duration after we learned of it), so its tfrf announces the next and the timeline grows without
   * a manifest refresh; unless the buffer is too short to wait, or playback waits for it (buffering
   * after the start, a seek or an audio switch).
   */
  boolean deferNewest(TrackCursor t, long nowNs, long positionUs) {
    if (t.nextChunk != t.chunkCount() - 1) {
      return false;
    }
    long bufferUs = t.bufferedEndUs - positionUs;
    boolean canWait = bufferUs > fragmentDurationUs && host.state() != PlayerState.BUFFERING;
    return canWait && nowNs - t.newestLearnedNs < fragmentDurationUs * 1000L;
  }

  /**
   * Grows {@code t}'s timeline from a live fragment's tfxd and tfrf boxes and returns the fragment
   * to play: {@code chunk} itself when the timeline held it; for an extrapolated probe, the
   * fragment its tfxd confirmed (time and duration), or null when the origin did not confirm the
   * guess (then handled as a failed probe: the body is dropped).
   */
  @Nullable FragmentRef growFromFragment(TrackCursor t, byte[] body, FragmentRef chunk) {
    boolean probe = isExtrapolated(t, chunk);
    Fragment f;
    try {
      f =
          FragmentParser.parseStructure(
              ByteBuffer.wrap(body),
              new FragmentContext(
                  t == video ? TrackType.VIDEO : TrackType.AUDIO,
                  t.timeline.timeScale(),
                  chunk.startTicks()));
    } catch (RuntimeException e) {
      if (probe) {
        onProbeFailed(t, chunk, "unreadable: " + e.getMessage(), -1);
        return null;
      }
      return chunk; // the decode thread reports it
    }
    boolean grown =
        f.tfxd().map(x -> t.timeline.add(x.absoluteTimeTicks(), x.durationTicks())).orElse(false);
    for (TfrfEntry e : f.lookahead()) {
      grown |= t.timeline.add(e.absoluteTimeTicks(), e.durationTicks());
    }
    if (grown) {
      t.newestLearnedNs = time.nanoTime();
      observePublished(t, t.newestLearnedNs);
      if (t == video) {
        lastGrowthNs = t.newestLearnedNs;
      }
    }
    if (!probe) {
      // A guess a refresh confirmed while it was in flight is played as the timeline holds it.
      FragmentRef held = t.timeline.fragment(chunk.index());
      return held.durationTicks() == chunk.durationTicks() ? chunk : held;
    }
    // Confirmed when the timeline now holds its start: from its own tfxd, or from a refresh that
    // came while it was in flight (then possibly at another index, after a gap it filled).
    int held = t.timeline.indexOfStart(chunk.startTicks());
    if (held < 0) {
      onProbeFailed(t, chunk, "its tfxd does not confirm the extrapolated start", -1);
      return null;
    }
    FragmentRef confirmed = t.timeline.fragment(held);
    FragmentRef seed = t.seed;
    if (seed != null && seed.startTicks() == chunk.startTicks()) {
      t.seed = null;
      logNotice(
          t.name
              + " fragment "
              + confirmed.index()
              + " at "
              + confirmed.startUs()
              + " us, taken from the previous track's times, confirmed by the origin");
      return confirmed;
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
    return confirmed;
  }

  /**
   * A live fragment failed: it may be outside a moved window or after a restart, so look at the
   * manifest again (unless a refresh started less than a second ago).
   */
  void onFragmentFailed() {
    if (time.nanoTime() - lastRefreshStartNs >= FAILED_REFRESH_MIN_GAP_NS) {
      requestRefresh(time.nanoTime());
    }
  }

  /**
   * Logs {@code message} as a session {@code notice} without showing it to the viewer (probe-level
   * detail; what the viewer should see goes through {@link Host#note}).
   */
  private void logNotice(String message) {
    host.emit(new SessionEvent.Notice(clock.nowMs(), message));
  }

  // ---------------------------------------------------------------- audio switch

  /**
   * The viewer switched the audio from {@code from} to {@code to}, which restarted at {@code
   * positionUs}. When no fragment {@code to} knows holds the position (its timeline grows only from
   * refreshes while it does not play), asks the manifest at once; and when every fragment both
   * tracks know is the same in both (time scale, start, duration; at least {@value
   * #MIN_COMMON_FRAGMENTS_TO_SEED}), the fragment of {@code from} holding the position is {@code
   * to}'s seed: probed at once, it enters the timeline only if its tfxd confirms it.
   */
  void onAudioSwitch(TrackCursor from, TrackCursor to, long positionUs) {
    if (to.nextKnown()) {
      return;
    }
    requestRefresh(time.nanoTime());
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

  // ---------------------------------------------------------------- manifest refresh

  /**
   * Loads the manifest again on the refresh thread (one at a time) and posts the result to the
   * loop; the next fallback refresh is due a refresh interval from {@code nowNs}.
   */
  private void requestRefresh(long nowNs) {
    if (refreshInFlight) {
      return;
    }
    refreshInFlight = true;
    lastRefreshStartNs = nowNs;
    nextRefreshNs = nowNs + refreshIntervalNs();
    HttpFetcher f = host.fetcher();
    String url = manifestUrl;
    refresher.execute(
        () -> {
          // manifest-refresh thread: loads and posts; the mutable state stays on the loop.
          try {
            Manifest m = new ManifestLoader(f, new ManifestParser()).load(url);
            host.post(() -> onRefreshed(m));
          } catch (ManifestException | FetchException e) {
            host.post(() -> onRefreshFailed(e.getMessage()));
          } catch (RuntimeException e) {
            host.post(() -> onRefreshFailed(e.toString()));
          }
        });
  }

  private void onRefreshFailed(String reason) {
    refreshInFlight = false;
    lastRefreshFailed = true;
    // Playback goes on with what is known; the next refresh comes at the fallback period.
    host.emit(new SessionEvent.FragmentFailed(clock.nowMs(), "manifest", -1, -1, reason, "retry"));
  }

  /**
   * Merges a refreshed manifest into the known timelines; resynchronizes when its timestamps
   * jumped; notes the end of the broadcast when it is no longer live.
   */
  private void onRefreshed(Manifest m) {
    refreshInFlight = false;
    TrackCursor v = video;
    StreamIndex sv =
        m.streams(StreamType.VIDEO).stream()
            .filter(s -> s.displayName().equals(v.levels.stream().displayName()))
            .findFirst()
            .orElse(null);
    if (sv == null) {
      onRefreshFailed(
          "the refreshed manifest lost the video stream " + v.levels.stream().displayName());
      return;
    }
    lastRefreshFailed = false;
    if (extrapolating) {
      extrapolating = false;
      host.note("the live manifest is refreshed again; extrapolation stopped");
    }
    ChunkTimeline fresh = sv.timeline();
    if (fresh.chunkCount() > 0 && v.timeline.count() > 0) {
      long freshEnd = fresh.endUs();
      long knownEnd = v.timeline.endUs();
      // Timestamps jumped (the origin restarted): back, or forward by more than the time that
      // passed since the stream last grew explains. Start over from the new timeline.
      long explainedGapUs = (time.nanoTime() - lastGrowthNs) / 1000 + 2 * fragmentDurationUs;
      if (freshEnd + 2 * fragmentDurationUs < knownEnd
          || fresh.startUs() - knownEnd > explainedGapUs) {
        resync(m, sv);
        return;
      }
    }
    if (v.timeline.merge(fresh) > 0) {
      lastGrowthNs = time.nanoTime();
      v.newestLearnedNs = lastGrowthNs;
      observePublished(v, lastGrowthNs);
    }
    // Every audio track's timeline, not only the playing one's: a switch starts from them.
    TrackCursor a = host.audioTrack();
    for (int i = 0; i < audioTracks.size(); i++) {
      StreamIndex s = audioStream(m, audioTracks.get(i));
      TrackTimeline known = audioTimelines.get(i);
      if (s != null && known.merge(s.timeline()) > 0 && a != null && a.timeline == known) {
        a.newestLearnedNs = time.nanoTime();
        observePublished(a, a.newestLearnedNs);
      }
    }
    if (!m.live() && !broadcastEnded) {
      broadcastEnded = true;
      host.note("the broadcast ended; playing out what is buffered");
    }
  }

  /** The audio stream of {@code m} that is {@code track}: same name and language; null if none. */
  private static @Nullable StreamIndex audioStream(Manifest m, TrackLevels track) {
    String name = track.stream().displayName();
    String language = TrackLevels.languageOf(track.stream());
    return m.streams(StreamType.AUDIO).stream()
        .filter(s -> s.displayName().equals(name) && TrackLevels.languageOf(s).equals(language))
        .findFirst()
        .orElse(null);
  }

  /** The origin restarted with new timestamps: adopt its timeline and join at its edge. */
  private void resync(Manifest m, StreamIndex sv) {
    TrackCursor v = video;
    long before = v.timeline.endUs();
    v.timeline.clear();
    v.timeline.merge(sv.timeline());
    for (int i = 0; i < audioTracks.size(); i++) {
      TrackTimeline known = audioTimelines.get(i);
      known.clear();
      StreamIndex s = audioStream(m, audioTracks.get(i));
      if (s != null) {
        known.merge(s.timeline());
      }
    }
    TrackCursor a = host.audioTrack();
    lastGrowthNs = time.nanoTime();
    // A new live clock: the old timestamps say nothing about when the new ones are published.
    publishOffsetUs = Long.MAX_VALUE;
    observePublished(v, lastGrowthNs);
    if (a != null) {
      observePublished(a, lastGrowthNs);
    }
    host.note(
        "the live stream restarted (timestamps jumped from "
            + before / 1000
            + " ms to "
            + v.timeline.endUs() / 1000
            + " ms); resynchronized at the live edge");
    host.restartAt(joinUs());
  }

  // ---------------------------------------------------------------- every tick

  /** Refresh fallback, end of the broadcast, DVR window and latency bounds; once per loop tick. */
  void control(long nowNs, long positionUs) {
    PlaybackSettings s = host.settings();
    if (!broadcastEnded && nowNs >= nextRefreshNs) {
      requestRefresh(nowNs);
    }
    if (!broadcastEnded && nowNs - lastGrowthNs > (long) (s.liveEndAfterS() * 1e9)) {
      broadcastEnded = true;
      host.note(
          "no new fragment for "
              + Math.round(s.liveEndAfterS())
              + " s: the broadcast ended; playing out what is buffered");
    }
    if (broadcastEnded) {
      for (TrackCursor t : new TrackCursor[] {video, host.audioTrack()}) {
        if (t != null && !t.nextKnown() && t.inFlight == null) {
          host.finish(t);
        }
      }
      return;
    }
    if (host.sessionEnded() || nowNs - lastJumpNs < JUMP_MIN_GAP_NS) {
      return;
    }
    long windowStart = windowStartUs();
    if (positionUs < windowStart) {
      lastJumpNs = nowNs;
      host.note("fell out of the DVR window; resumed at its start");
      host.emit(
          new SessionEvent.Seek(clock.nowMs(), positionUs, windowStart + fragmentDurationUs / 2));
      host.restartAt(Math.min(windowStart + fragmentDurationUs / 2, joinUs()));
      return;
    }
    long maxLatencyUs = (long) (s.liveMaxLatencyFragments() * fragmentDurationUs);
    if (host.state() == PlayerState.PLAYING
        && edgeUs() - positionUs > maxLatencyUs
        && !behindByChoice) {
      lastJumpNs = nowNs;
      host.note(
          "fell "
              + (edgeUs() - positionUs) / 1_000_000
              + " s behind the live edge; skipping ahead");
      host.emit(new SessionEvent.Seek(clock.nowMs(), positionUs, joinUs()));
      host.restartAt(joinUs());
    }
  }

  /** Emits the latency report (latency, edge, window start, position); once a second. */
  void reportLatency(long positionUs) {
    host.emit(
        new SessionEvent.LiveLatency(
            clock.nowMs(),
            Math.max(0, edgeUs() - positionUs) / 1000.0,
            edgeUs(),
            windowStartUs(),
            positionUs));
  }

  /**
   * Stops the refresh thread; a refresh in flight is interrupted. Called once, at the session end.
   */
  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
