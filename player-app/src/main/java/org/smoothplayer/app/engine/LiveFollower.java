package org.smoothplayer.app.engine;

import java.nio.ByteBuffer;
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

  /** Automatic jumps (DVR-window overrun, catch-up) come at most this often. */
  private static final long JUMP_MIN_GAP_NS = 1_000_000_000L;

  // ---- set once (playback loop thread) ----
  private final Host host;
  private final TimeSource time;
  private final SessionClock clock;
  private final String manifestUrl;
  private final TrackCursor video;

  /** The manifest's DVR window length; 0 for an infinite window. */
  private final long windowUs;

  /** The typical video fragment duration at the join (mean of the last known, up to 8). */
  private final long fragmentDurationUs;

  /** Loads refreshed manifests; the task only loads and posts the result to the loop. */
  private final ExecutorService refresher;

  // ---- playback loop thread only ----
  private boolean broadcastEnded;
  private long lastGrowthNs;
  private boolean refreshInFlight;
  private long nextRefreshNs;
  private long lastRefreshStartNs;
  private long lastJumpNs;

  /** The viewer chose to be behind the edge (DVR seek or pause): no automatic catch-up. */
  private boolean behindByChoice;

  /**
   * Starts following from what is known now: {@code video}'s timeline (its typical fragment
   * duration), a DVR window of {@code windowUs} (0 = infinite); the first refresh fallback comes a
   * refresh interval from now.
   */
  LiveFollower(
      Host host,
      TimeSource time,
      SessionClock clock,
      String manifestUrl,
      TrackCursor video,
      long windowUs) {
    this.host = host;
    this.time = time;
    this.clock = clock;
    this.manifestUrl = manifestUrl;
    this.video = video;
    this.windowUs = windowUs;
    this.fragmentDurationUs = typicalDurationUs(video.timeline);
    this.lastGrowthNs = time.nanoTime();
    this.nextRefreshNs = lastGrowthNs + refreshIntervalNs();
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

  /** The look-ahead of a track ran dry: ask the manifest (not more often than twice a fragment). */
  void onLookAheadDry(long nowNs) {
    if (nowNs - lastRefreshStartNs >= Math.max(DRY_REFRESH_MIN_GAP_NS, fragmentDurationUs * 500L)) {
      requestRefresh(nowNs);
    }
  }

  /**
   * The newest known fragment is fetched only once the next one should be published too (a fragment
   * duration after we learned of it), so its tfrf announces the next and the timeline grows without
   * a manifest refresh; unless the buffer is too short to wait.
   */
  boolean deferNewest(TrackCursor t, long nowNs, long positionUs) {
    if (t.nextChunk != t.chunkCount() - 1) {
      return false;
    }
    long bufferUs = t.bufferedEndUs - positionUs;
    boolean canWait = bufferUs > fragmentDurationUs;
    return canWait && nowNs - t.newestLearnedNs < fragmentDurationUs * 1000L;
  }

  /** Grows {@code t}'s timeline from a live fragment's tfxd and tfrf boxes. */
  void growFromFragment(TrackCursor t, byte[] body, FragmentRef chunk) {
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
      return; // the decode thread reports it
    }
    f.tfxd().ifPresent(x -> t.timeline.add(x.absoluteTimeTicks(), x.durationTicks()));
    boolean grown = false;
    for (TfrfEntry e : f.lookahead()) {
      grown |= t.timeline.add(e.absoluteTimeTicks(), e.durationTicks());
    }
    if (grown) {
      t.newestLearnedNs = time.nanoTime();
      if (t == video) {
        lastGrowthNs = t.newestLearnedNs;
      }
    }
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
    }
    TrackCursor a = host.audioTrack();
    if (a != null) {
      m.streams(StreamType.AUDIO).stream()
          .filter(s -> s.displayName().equals(a.levels.stream().displayName()))
          .findFirst()
          .ifPresent(
              s -> {
                if (a.timeline.merge(s.timeline()) > 0) {
                  a.newestLearnedNs = time.nanoTime();
                }
              });
    }
    if (!m.live() && !broadcastEnded) {
      broadcastEnded = true;
      host.note("the broadcast ended; playing out what is buffered");
    }
  }

  /** The origin restarted with new timestamps: adopt its timeline and join at its edge. */
  private void resync(Manifest m, StreamIndex sv) {
    TrackCursor v = video;
    long before = v.timeline.endUs();
    v.timeline.clear();
    v.timeline.merge(sv.timeline());
    TrackCursor a = host.audioTrack();
    if (a != null) {
      a.timeline.clear();
      m.streams(StreamType.AUDIO).stream()
          .filter(s -> s.displayName().equals(a.levels.stream().displayName()))
          .findFirst()
          .ifPresent(s -> a.timeline.merge(s.timeline()));
    }
    lastGrowthNs = time.nanoTime();
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
