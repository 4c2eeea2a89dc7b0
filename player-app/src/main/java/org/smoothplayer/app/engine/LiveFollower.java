package org.smoothplayer.app.engine;

import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.manifest.ChunkTimeline;
import org.smoothplayer.app.manifest.Manifest;
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
 * refreshes, loaded by {@link LiveManifestRefresh}); the resynchronization after an origin restart;
 * and the live control of every tick (refresh fallback, end of the broadcast, DVR-window overrun,
 * catch-up).
 *
 * <p>When a track's look-ahead is dry and the manifest cannot answer (its last refresh failed, or
 * none answered for a fragment duration), the next fragment is <em>extrapolated</em> and probed by
 * {@link LiveExtrapolation}. Only what the origin confirms (the probe's tfxd, its tfrf, a manifest)
 * enters the timeline; a probe that fails is tried again later and never counts as a failed
 * fragment.
 *
 * <p>An origin that answers nothing (no connection, resets, time-outs, 5xx: {@link
 * OriginReachability}) is in an outage, not at the end of its broadcast: its silence does not count
 * towards {@code live.endAfterS}, requests to it are spaced out, the fragments the timeline knows
 * are retried instead of skipped (see {@code PlaybackEngine.onFetchFailed}), and the session fails
 * only once it has been silent for {@code live.outageLimitS}. When it answers again the manifest is
 * asked at once, and catch-up waits for that answer so that it jumps to the new edge once.
 *
 * <p>Every audio track's timeline is kept up to date from manifest refreshes, not only the playing
 * one's, so a switch of the audio language starts at the live position; when the new track's
 * timeline still ends before the position, {@link LiveAudioSeed} may take the fragment there from
 * the previous track's times, fetched as a probe the tfxd must confirm.
 *
 * <p>The live edge is that of the video timeline, or of the playing audio track's in an audio-only
 * presentation (its <em>lead</em> track).
 *
 * <p>The engine creates one when the manifest is live (none for VOD), calls the methods below from
 * its loop, and is called back through the narrow {@link Host}.
 *
 * <p>Threads: everything here runs on the engine's "playback-loop" thread; the manifest download of
 * a refresh runs on the "manifest-refresh" executor of {@link LiveManifestRefresh}, which posts the
 * loaded manifest back to the loop with {@link Host#post}; that thread touches none of the mutable
 * state below.
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

    /** Ends the session as failed with {@code message} (the viewer sees its first line). */
    void fail(String message);

    /** A refreshed manifest with the video stream was read (its text streams are of interest). */
    default void refreshed(Manifest m) {}
  }

  /** Failed probes of one extrapolated fragment after which the manifest is asked as well. */
  static final int PROBES_BEFORE_REFRESH = 2;

  /** When the look-ahead ran dry, at most one refresh per this long (or per half a fragment). */
  private static final long DRY_REFRESH_MIN_GAP_NS = 500_000_000L;

  /** A failed live fragment asks for a refresh unless one started less than this long ago. */
  private static final long FAILED_REFRESH_MIN_GAP_NS = 1_000_000_000L;

  /** Automatic jumps (DVR-window overrun, catch-up) come at most this often. */
  private static final long JUMP_MIN_GAP_NS = 1_000_000_000L;

  /**
   * How many fragments inside the DVR window a seek to its start, or a resume after falling out of
   * it, lands: the window slides on while the new position buffers, so its very start would fall
   * out of it again at once (Shaka Player's safeSeekOffset does the same, 5 s).
   */
  static final int SAFE_START_FRAGMENTS = 2;

  // ---- set once (playback loop thread) ----
  private final Host host;
  private final TimeSource time;
  private final SessionClock clock;

  /** The video cursor; null for an audio-only presentation, whose playing audio track leads. */
  private final @Nullable TrackCursor video;

  /**
   * Every audio track, and its known timeline at the same index: the playing audio cursor shares
   * its track's, so refreshes grow every track's and a switch starts from what is known.
   */
  private final List<TrackLevels> audioTracks;

  private final List<TrackTimeline> audioTimelines;

  /** The manifest's DVR window length; 0 for an infinite window. */
  private final long windowUs;

  /**
   * The typical fragment duration of the lead track at the join (mean of the last known, up to 8).
   */
  private final long fragmentDurationUs;

  /** Loads refreshed manifests and knows whether the manifest answers. */
  private final LiveManifestRefresh refresh;

  /** Guesses and probes the next fragments while the manifest cannot answer. */
  private final LiveExtrapolation extrapolation;

  /** Seeds an audio track switched to with the previous track's fragment times. */
  private final LiveAudioSeed audioSeed;

  // ---- playback loop thread only ----

  /** Whether the origin answers: an origin that does not is waited for, not taken as ended. */
  private final OriginReachability origin = new OriginReachability();

  /**
   * An outage ended and the manifest asked then has not answered yet: the edge is not known, so
   * catch-up waits for it (one jump to the edge instead of two).
   */
  private boolean edgeUnknownAfterOutage;

  /** A refresh was asked because the position fell out of the window known. */
  private boolean resumeRefreshAsked;

  private boolean broadcastEnded;

  /**
   * When the video timeline last grew; moved on by the time an outage lasted, so the end of the
   * broadcast ({@code live.endAfterS}) counts only time in which the origin answered.
   */
  private long lastGrowthNs;

  private long lastJumpNs;

  /** The viewer chose to be behind the edge (DVR seek or pause): no automatic catch-up. */
  private boolean behindByChoice;

  /**
   * Starts following from what is known now: the lead track's timeline (its typical fragment
   * duration: {@code video}'s, or the playing audio's when {@code video} is null), the timelines of
   * the {@code audioTracks} ({@code audioTimelines}, same order), a DVR window of {@code windowUs}
   * (0 = infinite); the first refresh fallback comes a refresh interval from now.
   */
  LiveFollower(
      Host host,
      TimeSource time,
      SessionClock clock,
      String manifestUrl,
      @Nullable TrackCursor video,
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
    this.video = video;
    this.audioTracks = List.copyOf(audioTracks);
    this.audioTimelines = List.copyOf(audioTimelines);
    this.windowUs = windowUs;
    if (video == null && host.audioTrack() == null) {
      throw new IllegalArgumentException("a live session has a video or an audio track");
    }
    this.fragmentDurationUs = typicalDurationUs(lead().timeline);
    this.lastGrowthNs = time.nanoTime();
    long startedNs = lastGrowthNs;
    this.refresh =
        new LiveManifestRefresh(
            host, clock, manifestUrl, this::onRefreshed, this::onNoAnswer, startedNs);
    this.extrapolation = new LiveExtrapolation(host, time, clock, startedNs);
    this.audioSeed = new LiveAudioSeed(host, clock);
    if (video != null) {
      extrapolation.observePublished(video, startedNs);
    }
    TrackCursor a = host.audioTrack();
    if (a != null) {
      extrapolation.observePublished(a, startedNs);
    }
  }

  /** The track whose timeline is the live edge: the video, else the audio playing. */
  private TrackCursor lead() {
    TrackCursor a = host.audioTrack();
    if (video != null) {
      return video;
    }
    if (a == null) {
      throw new IllegalStateException("an audio-only live session plays an audio track");
    }
    return a;
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

  /** The end of the newest fragment known of the lead track: the live edge. */
  long edgeUs() {
    return lead().timeline.endUs();
  }

  /** The start of the DVR window (the first fragment known when the window is infinite). */
  long windowStartUs() {
    long first = lead().timeline.startUs();
    return windowUs > 0 ? Math.max(first, edgeUs() - windowUs) : first;
  }

  /**
   * The earliest position a seek or a resume goes to: {@link #SAFE_START_FRAGMENTS} fragments
   * inside the window, but no later than the join point (a window of a few fragments).
   */
  long safeStartUs() {
    return Math.min(windowStartUs() + SAFE_START_FRAGMENTS * fragmentDurationUs, joinUs());
  }

  /** Where a live session joins: the join offset behind the edge, inside the window. */
  long joinUs() {
    long offsetUs = (long) (host.settings().liveJoinOffsetFragments() * fragmentDurationUs);
    return Math.max(windowStartUs(), edgeUs() - offsetUs);
  }

  /** Video and audio were fetched up to the edge: what is published is all there is. */
  boolean fetchedToEdge() {
    TrackCursor a = host.audioTrack();
    return (video == null || video.bufferedEndUs >= video.timeline.endUs())
        && (a == null || a.bufferedEndUs >= a.timeline.endUs());
  }

  // ---------------------------------------------------------------- the viewer's choices

  /**
   * A seek target inside the window, from {@link #safeStartUs()} to half a fragment before the
   * edge; remembers whether the viewer chose to stay behind the join point (no automatic catch-up
   * then).
   */
  long clampSeekUs(long targetUs) {
    long target = Math.max(safeStartUs(), Math.min(targetUs, edgeUs() - fragmentDurationUs / 2));
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
   * The look-ahead of {@code t} ran dry (its newest known fragment was fetched): returns the
   * extrapolated next fragment to probe now (index just past the timeline, not in it), or null when
   * none is due yet. The probe is made when that fragment should be published on the live clock, so
   * following the edge costs no manifest request while the stream keeps its rhythm. The manifest is
   * asked (not more often than twice a fragment) only when probing cannot stand in for it: no next
   * fragment can be told, {@value #PROBES_BEFORE_REFRESH} probes of it failed, or the manifest
   * cannot answer (its last refresh failed, or none answered for a fragment duration).
   */
  @Nullable FragmentRef onLookAheadDry(TrackCursor t, long nowNs) {
    boolean manifestSilent = refresh.silent(nowNs, fragmentDurationUs);
    FragmentRef seed = LiveAudioSeed.due(t);
    FragmentRef guess =
        seed == null && t.timeline.count() > 0 && t.nextChunk == t.timeline.count()
            ? LiveExtrapolation.extrapolate(t)
            : null;
    boolean canProbe = guess != null;
    FragmentRef probe =
        guess != null ? extrapolation.probeIfDue(t, guess, nowNs, manifestSilent) : null;
    boolean probesFailing = canProbe && t.probeAttempts >= PROBES_BEFORE_REFRESH;
    long gapNs =
        Math.max(
            Math.max(DRY_REFRESH_MIN_GAP_NS, fragmentDurationUs * 500L), origin.backoffNs(nowNs));
    if ((!canProbe || probesFailing || manifestSilent) && nowNs - refresh.lastStartNs() >= gapNs) {
      refresh.request(nowNs);
    }
    return seed != null ? seed : probe;
  }

  /**
   * Whether {@code chunk} is an extrapolated guess the timeline does not hold (yet): a probe, whose
   * failure is not a failed fragment.
   */
  boolean isExtrapolated(TrackCursor t, FragmentRef chunk) {
    return LiveExtrapolation.isExtrapolated(t, chunk);
  }

  /**
   * A probe of the extrapolated {@code guess} failed ({@code reason}; 404 or 412 while it is not
   * published yet, or any error): it is tried again half a fragment later (or after the server's
   * {@code retryAfterMs}, negative when none), and logged as a notice.
   */
  void onProbeFailed(TrackCursor t, FragmentRef guess, String reason, long retryAfterMs) {
    if (audioSeed.onProbeFailed(t, guess, reason)) {
      // A seed is tried once: the manifest tells this track's times instead.
      refresh.request(time.nanoTime());
      return;
    }
    extrapolation.onProbeFailed(t, guess, reason, retryAfterMs, origin.backoffNs(time.nanoTime()));
  }

  /**
   * A request of this session to the origin, sent at {@code sentNs}, failed with {@code e} (a
   * fragment, a probe, a seed): recorded as an answer or as a failure without one ({@link
   * OriginReachability#isNoAnswer}).
   */
  void onFetchFailure(FetchException e, long sentNs) {
    if (OriginReachability.isNoAnswer(e)) {
      onNoAnswer(e.getMessage());
    } else {
      onAnswer(sentNs, false);
    }
  }

  /**
   * The origin has answered nothing since {@code sinceNs}: at least one request failed without an
   * answer and none was answered after it.
   */
  boolean originSilentSince(long sinceNs) {
    return origin.silentSince(sinceNs);
  }

  /** How long the origin has been out now ({@link OriginReachability#out}); 0 while it is not. */
  long originOutForNs() {
    long nowNs = time.nanoTime();
    return origin.out(nowNs) ? origin.silentForNs(nowNs) : 0;
  }

  /** The wait a silent origin adds between requests now; 0 while it answers. */
  long originBackoffNs() {
    return origin.backoffNs(time.nanoTime());
  }

  /** A request to the origin failed without an answer ({@code reason}). */
  private void onNoAnswer(String reason) {
    origin.failed(time.nanoTime(), reason);
  }

  /**
   * The origin answered a request sent at {@code sentNs} (the manifest when {@code
   * manifestLoaded}): an outage, if there was one, is over, unless the request was sent before it
   * began ({@link OriginReachability#answerEndsSilence}). The time it lasted does not count towards
   * the end of the broadcast, and the viewer who was told of it is told it ended.
   */
  private void onAnswer(long sentNs, boolean manifestLoaded) {
    if (!origin.answerEndsSilence(sentNs)) {
      return;
    }
    long nowNs = time.nanoTime();
    boolean told = origin.told();
    long silentNs = origin.answered(nowNs);
    lastGrowthNs = Math.min(nowNs, lastGrowthNs + silentNs);
    if (told) {
      // The edge moved on during the outage: learn it now, and catch up to it once.
      if (!manifestLoaded) {
        refresh.request(nowNs);
        edgeUnknownAfterOutage = true;
      }
      host.note(OriginReachability.answersAgainNotice(silentNs));
    }
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
   * guess (then handled as a failed probe: the body is dropped). The request for it was sent at
   * {@code sentNs}.
   */
  @Nullable FragmentRef growFromFragment(
      TrackCursor t, byte[] body, FragmentRef chunk, long sentNs) {
    onAnswer(sentNs, false);
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
      extrapolation.observePublished(t, t.newestLearnedNs);
      if (t == lead()) {
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
    if (!audioSeed.onConfirmed(t, chunk, confirmed)) {
      extrapolation.onConfirmed(t, confirmed);
    }
    return confirmed;
  }

  /**
   * A live fragment failed: it may be outside a moved window or after a restart, so look at the
   * manifest again (unless a refresh started less than a second ago).
   */
  void onFragmentFailed() {
    if (time.nanoTime() - refresh.lastStartNs() >= FAILED_REFRESH_MIN_GAP_NS) {
      refresh.request(time.nanoTime());
    }
  }

  // ---------------------------------------------------------------- audio switch

  /**
   * The viewer switched the audio from {@code from} to {@code to}, which restarted at {@code
   * positionUs}. When no fragment {@code to} knows holds the position (its timeline grows only from
   * refreshes while it does not play), asks the manifest at once, and {@link LiveAudioSeed} may
   * give {@code to} a seed from {@code from}'s times: probed at once, it enters the timeline only
   * if its tfxd confirms it.
   */
  void onAudioSwitch(TrackCursor from, TrackCursor to, long positionUs) {
    if (to.nextKnown()) {
      return;
    }
    refresh.request(time.nanoTime());
    audioSeed.onAudioSwitch(from, to, positionUs);
  }

  // ---------------------------------------------------------------- manifest refresh

  /**
   * Merges a refreshed manifest into the known timelines; resynchronizes when its timestamps
   * jumped; notes the end of the broadcast when it is no longer live.
   */
  private void onRefreshed(Manifest m) {
    TrackCursor v = lead();
    StreamIndex sv =
        v == video
            ? m.streams(StreamType.VIDEO).stream()
                .filter(s -> s.displayName().equals(v.levels.stream().displayName()))
                .findFirst()
                .orElse(null)
            : audioStream(m, v.levels);
    if (sv == null) {
      refresh.failed(
          "the refreshed manifest lost the "
              + v.name
              + " stream "
              + v.levels.stream().displayName());
      return;
    }
    onAnswer(refresh.lastStartNs(), true);
    refresh.answered();
    extrapolation.onManifestAnswered();
    host.refreshed(m);
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
      extrapolation.observePublished(v, lastGrowthNs);
    }
    // Every audio track's timeline, not only the playing one's: a switch starts from them.
    TrackCursor a = host.audioTrack();
    for (int i = 0; i < audioTracks.size(); i++) {
      StreamIndex s = audioStream(m, audioTracks.get(i));
      TrackTimeline known = audioTimelines.get(i);
      if (s != null && known.merge(s.timeline()) > 0 && a != null && a.timeline == known) {
        a.newestLearnedNs = time.nanoTime();
        extrapolation.observePublished(a, a.newestLearnedNs);
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
    TrackCursor v = lead();
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
    extrapolation.forgetClock();
    extrapolation.observePublished(v, lastGrowthNs);
    if (a != null) {
      extrapolation.observePublished(a, lastGrowthNs);
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
    if (!broadcastEnded && refresh.fallbackDue(nowNs)) {
      refresh.request(nowNs);
    }
    if (!broadcastEnded && outage(nowNs, s)) {
      return;
    }
    if (!broadcastEnded
        && !origin.silent()
        && nowNs - lastGrowthNs > (long) (s.liveEndAfterS() * 1e9)) {
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
    edgeUnknownAfterOutage &= refresh.inFlight();
    if (host.sessionEnded() || nowNs - lastJumpNs < JUMP_MIN_GAP_NS || edgeUnknownAfterOutage) {
      return;
    }
    long windowStart = windowStartUs();
    // A paused viewer is moved on play, not while paused: the window keeps sliding, so a jump
    // made while paused would fall out again a few seconds later, and again, refetching each time.
    if (positionUs < windowStart && host.state() != PlayerState.PAUSED) {
      // The window known can be a refresh interval older than the origin's (nothing was fetched
      // while paused), so a resume placed in it could land outside the origin's window again: the
      // manifest is asked first, unless a refresh started within the last fragment duration.
      if (!resumeRefreshAsked && nowNs - refresh.lastStartNs() > fragmentDurationUs * 1000L) {
        resumeRefreshAsked = true;
        refresh.request(nowNs);
      }
      if (refresh.inFlight()) {
        return;
      }
      resumeRefreshAsked = false;
      if (positionUs >= windowStartUs()) {
        return; // the refreshed window still holds the position
      }
      lastJumpNs = nowNs;
      host.note("fell out of the DVR window; resumed at its start");
      long resumeUs = safeStartUs();
      host.emit(new SessionEvent.Seek(clock.nowMs(), positionUs, resumeUs));
      host.restartAt(resumeUs);
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

  /**
   * Tells the viewer, once, that the origin does not answer, and fails the session once it has not
   * for {@code live.outageLimitS} (0: never); returns whether the session failed.
   */
  private boolean outage(long nowNs, PlaybackSettings s) {
    String failure =
        origin.outageFailure(
            nowNs,
            s.liveOutageLimitS(),
            PlaybackSettings.LIVE_OUTAGE_LIMIT_S.key(),
            "live origin",
            host::note);
    if (failure != null) {
      host.fail(failure);
    }
    return failure != null;
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
    refresh.close();
  }
}
