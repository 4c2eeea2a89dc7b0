package org.smoothplayer.app.engine;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.manifest.LanguageTags;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.ManifestException;
import org.smoothplayer.app.manifest.ManifestLoader;
import org.smoothplayer.app.manifest.ManifestParser;
import org.smoothplayer.app.manifest.StreamIndex;
import org.smoothplayer.app.manifest.StreamType;
import org.smoothplayer.app.manifest.UrlTemplate;
import org.smoothplayer.app.net.Fetch;
import org.smoothplayer.app.net.FetchCallback;
import org.smoothplayer.app.net.FetchException;
import org.smoothplayer.app.net.FetchResult;
import org.smoothplayer.app.net.HttpFetcher;
import org.smoothplayer.app.net.HttpFetcherConfig;
import org.smoothplayer.app.net.TimeSource;
import org.smoothplayer.app.playback.AudioOutput;
import org.smoothplayer.app.playback.FrameCounters;
import org.smoothplayer.app.playback.FrameSource;
import org.smoothplayer.app.playback.HeadlessRenderer;
import org.smoothplayer.app.playback.ShownFrame;
import org.smoothplayer.app.playback.VideoPresenter;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionSink;
import org.smoothplayer.app.text.CaptionLoader;
import org.smoothplayer.app.text.Captions;
import org.smoothplayer.decoder.video.VideoDecoderOptions;
import org.smoothplayer.heuristics.AbandonRule;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.FrameStats;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.TransferSample;
import org.smoothplayer.heuristics.Viewport;
import org.smoothplayer.heuristics.caps.CappedPolicy;
import org.smoothplayer.heuristics.estimate.DualEwmaEstimator;
import org.smoothplayer.heuristics.policy.Policies;

/**
 * The playback engine: one loop thread ("playback-loop") owns every piece of playback state. The
 * {@link Player} commands, the fetch results (from OkHttp's dispatcher) and the timer all arrive as
 * tasks on one queue, so nothing below is shared except what is marked.
 *
 * <p>Per fragment: the loop asks the heuristics for the next video level, fetches the fragment with
 * the {@link HttpFetcher}, hands the bytes to the decode thread of its stream, which parses and
 * decodes them into the {@link VideoPresenter} (frames, shown when due by the master clock) or the
 * {@link AudioOutput} (the master clock). Video and audio are fetched independently, each up to its
 * buffer target.
 *
 * <p>An audio-only presentation (no video stream) plays its audio alone: the audio track then leads
 * ({@link #lead()}): the heuristics choose among its levels, its timeline gives the duration and
 * the live edge, and its fragments that cannot be loaded count as video's would.
 */
public final class PlaybackEngine implements Player {
  private static final Logger LOG = LoggerFactory.getLogger(PlaybackEngine.class);

  /** How often the loop wakes without a message, to follow the clock. */
  private static final long TICK_MS = 10;

  /** Interval of progress, drift and drop events. */
  private static final long PROGRESS_INTERVAL_NS = 1_000_000_000L;

  /** Buffered media ahead of the position below which a playing session stalls. */
  private static final long STALL_MARGIN_US = 60_000;

  /** Distance to the end of the media at which a fully fetched presentation has ended. */
  private static final long END_MARGIN_US = 150_000;

  /** A clock that stands still this long while playing means the media ran out. */
  private static final long FROZEN_CLOCK_NS = 750_000_000L;

  /** Transfer samples kept for the heuristics. */
  private static final int MAX_SAMPLES = 40;

  /** Longest wait between manifest attempts at the start of a session, Retry-After included. */
  private static final long MAX_MANIFEST_RETRY_WAIT_MS = 4_000;

  /**
   * Body cap of a VOD outage probe of the manifest URL: any response is an answer, so a larger
   * manifest is cut short ({@code BODY_TOO_LARGE}, still an answer) rather than read whole.
   */
  private static final long PROBE_MAX_BYTES = 64 * 1024;

  /** A fragment may be this many times larger than its level's bitrate × duration. */
  private static final double FRAGMENT_SIZE_MARGIN = 4.0;

  /** Half-lives of the throughput estimate shown to the user (dash.js's fast/slow EWMA). */
  private static final DualEwmaEstimator DISPLAY_ESTIMATOR = new DualEwmaEstimator(3, 8, 10_000);

  private enum BufferingCause {
    STARTUP,
    SEEK,
    STALL
  }

  // ---- shared with other threads ----
  private final EngineOptions options;
  private final SessionClock clock;
  private final TimeSource time = TimeSource.system();
  private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
  private final Thread loopThread;
  private final AtomicBoolean closeRequested = new AtomicBoolean();
  // Written by the loop thread, read by any thread (latest value wins).
  private volatile PlayerSnapshot snapshot;
  // Set once by the loop thread when the manifest is loaded; read by the render thread.
  private volatile @Nullable VideoPresenter presenter;
  // Written by close(), read by the loop thread.
  private volatile String closeReason = "closed";
  // Thread-safe; fed manifests by the loop thread, read by any thread; closed by the loop.
  private final CaptionLoader captions;

  // ---- playback loop thread only ----
  private final SessionSink sink;
  private PlayerConfig config;
  private AbrPolicy policy;
  private HttpFetcher fetcher;
  private final List<HttpFetcher> retiredFetchers = new ArrayList<>();
  private @Nullable AudioOutput audio;
  private @Nullable HeadlessRenderer headlessRenderer;
  private @Nullable DecodeWorker videoWorker;
  private @Nullable DecodeWorker audioWorker;
  private @Nullable Manifest manifest;

  /** The video cursor; null for an audio-only presentation. */
  private @Nullable TrackCursor video;

  /** {@link PlayerSnapshot#audioOnlyReason()} of a presentation without a video stream. */
  public static final String AUDIO_ONLY_NO_VIDEO = "this presentation has no video";

  /** {@link PlayerSnapshot#audioOnlyReason()} when the video stream cannot be played. */
  public static final String AUDIO_ONLY_VIDEO_UNPLAYABLE = "its video cannot be played";

  /** Why the audio plays alone; empty while there is video (set once when the manifest loads). */
  private String audioOnlyReason = "";

  /** Requests of {@link #seek} carried out (see {@link PlayerSnapshot#seeksDone()}). */
  private long seeksDone;

  private @Nullable TrackCursor audioTrack;
  private List<TrackLevels> audioTracks = List.of();

  /**
   * The known timeline of each of {@code audioTracks} (same order), kept across switches: the
   * playing audio cursor shares its track's, and live refreshes grow every one.
   */
  private List<TrackTimeline> audioTimelines = List.of();

  /**
   * The languages of {@code audioTracks}, computed once (what a language asked for is matched to).
   */
  private List<String> audioLanguages = List.of();

  /**
   * The labels of {@code audioTracks} (their languages, qualified where several share one; {@link
   * AudioTrackLabels}), computed once and published on every snapshot.
   */
  private List<String> audioLabels = List.of();

  private int audioTrackIndex = -1;
  private Ladder ladder = Ladder.ofKbps(1);
  private List<LevelInfo> levelInfos = List.of();
  private QualityChoice quality;
  private @Nullable Viewport viewport;
  private PlayerState state = PlayerState.OPENING;
  private boolean userPaused;
  private boolean buffering = true;
  private BufferingCause bufferingCause = BufferingCause.STARTUP;
  private long stallStartNs;
  private long stallPositionUs;
  private final ArrayDeque<TransferSample> samples = new ArrayDeque<>();
  private double estimateBps;
  private int previousLevel = -1;
  private double previousLevelSinceS;
  private int decidedLevel = -1;
  private String lastReason = "";
  private int shownLevel = -1;

  /**
   * Audio-only: the levels decoded, so the one heard is reported as {@link
   * SessionEvent.QualityRendered}.
   */
  private final HeardLevels heardLevels = new HeardLevels();

  // Set once by the audio / video decode thread (onAudioDecodeEvent, onVideoDecodeEvent).
  private final AtomicBoolean audioUndecodableNoted = new AtomicBoolean();
  private final AtomicBoolean videoUndecodableNoted = new AtomicBoolean();

  private long startupMs = -1;
  private long[] droppedSeen = new long[0];
  private double[] lastDropAtS = new double[0];
  private long nextProgressNs;
  private long lastPositionUs = -1;
  private long positionStillSinceNs;
  private double lastDriftMs;
  // The last progress event written; an identical one (time aside) is not written again.
  private SessionEvent.@Nullable Progress lastProgress;
  private @Nullable String error;
  private @Nullable String notice;
  private boolean ended;

  /**
   * Live following when the presentation is live, null for VOD; set once when the manifest is
   * loaded. Loop thread only (its manifest-refresh thread only loads and posts to the loop).
   */
  private @Nullable LiveFollower live;

  /**
   * VOD: where the presentation starts, the earliest first fragment of its video and audio tracks.
   * 0 for most; a live broadcast archived as on-demand keeps its broadcast times (e.g. from one
   * hour), and positions, seeks and the seekable range are in those times. 0 for live. Loop thread
   * only; set once when the manifest is loaded.
   */
  private long vodStartUs;

  /** The session's manifest URL, checked to be http(s) at {@link #open}. */
  private final URI manifestUri;

  /** Whether the origin of a VOD session answers; unused while {@code live} is set. */
  private final VodOriginWatch vodOrigin = new VodOriginWatch(new VodOriginHost());

  private PlaybackEngine(EngineOptions options, URI manifestUri) {
    this.options = options;
    this.manifestUri = manifestUri;
    this.sink = options.sink();
    this.clock = new SessionClock(time);
    this.config = options.config();
    this.quality = options.quality();
    this.userPaused = !options.autoplay();
    this.policy = newPolicy(config);
    this.fetcher = newFetcher(config.playback());
    this.snapshot = PlayerSnapshot.opening(options.url());
    this.captions =
        CaptionLoader.overHttp(
            newFetcher(config.playback()),
            () -> snapshot.positionUs(),
            message -> post(() -> note(message)));
    this.loopThread = new Thread(this::runLoop, "playback-loop");
    this.loopThread.setDaemon(true);
  }

  /**
   * Starts a session: the loop thread loads the manifest and begins fetching at once. Errors
   * (unreadable manifest, no playable video) end in state {@link PlayerState#FAILED} with a
   * readable message in the snapshot; this method itself only rejects a URL that is not http(s).
   *
   * @throws IllegalArgumentException when the URL is not an absolute http or https URL
   */
  public static PlaybackEngine open(EngineOptions options) {
    PlaybackEngine engine = new PlaybackEngine(options, requireHttpUrl(options.url()));
    engine.loopThread.start();
    return engine;
  }

  /** Checks {@code url} is an absolute http(s) URL, naming what was expected otherwise. */
  public static URI requireHttpUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "URL: expected an http or https manifest URL but '" + url + "' is not a URL", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "URL: expected an http or https manifest URL but was '" + url + "'");
    }
    return uri;
  }

  // ---------------------------------------------------------------- commands (any thread)

  @Override
  public void play() {
    post(this::doPlay);
  }

  @Override
  public void pause() {
    post(this::doPause);
  }

  @Override
  public void seek(long positionUs) {
    post(
        () -> {
          doSeek(positionUs, true);
          seeksDone++;
        });
  }

  @Override
  public void seekToLive() {
    post(this::doSeekToLive);
  }

  @Override
  public void setQuality(QualityChoice choice) {
    post(() -> doSetQuality(choice));
  }

  @Override
  public void setAudioLanguage(String language) {
    post(() -> doSetAudioLanguage(language));
  }

  @Override
  public void setViewport(int widthPx, int heightPx) {
    post(() -> doSetViewport(widthPx, heightPx));
  }

  @Override
  public void setConfig(PlayerConfig newConfig) {
    post(() -> doSetConfig(newConfig));
  }

  @Override
  public void setVolume(double gain) {
    double g = Math.max(0, Math.min(1, gain));
    post(
        () -> {
          if (audio != null) {
            audio.setVolume(g);
          }
        });
  }

  @Override
  public void setMuted(boolean muted) {
    post(
        () -> {
          if (audio != null) {
            audio.setMuted(muted);
          }
        });
  }

  @Override
  public PlayerSnapshot snapshot() {
    return snapshot;
  }

  @Override
  public Captions captions() {
    return captions;
  }

  @Override
  public FrameSource frames() {
    return this::pickDue;
  }

  private @Nullable ShownFrame pickDue() {
    VideoPresenter p = presenter;
    return p == null ? null : p.pickDue();
  }

  @Override
  public void close() {
    close("closed");
  }

  /**
   * Ends the session with {@code reason} as the session log's end reason ("closed", "duration"),
   * unless it already ended or failed; waits for the loop to finish (bounded).
   */
  public void close(String reason) {
    if (closeRequested.compareAndSet(false, true)) {
      closeReason = reason;
      inbox.add(() -> {});
    }
    if (Thread.currentThread() != loopThread) {
      try {
        loopThread.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits until the session ends, fails or closes, or {@code timeoutMs} passes. */
  public PlayerSnapshot awaitEnd(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    while (System.nanoTime() < deadline) {
      PlayerSnapshot s = snapshot;
      if (s.state() == PlayerState.ENDED
          || s.state() == PlayerState.FAILED
          || s.state() == PlayerState.CLOSED) {
        return s;
      }
      Thread.sleep(10);
    }
    return snapshot;
  }

  private void post(Runnable command) {
    if (!closeRequested.get()) {
      inbox.add(command);
    }
  }

  // ---------------------------------------------------------------- the loop

  private void runLoop() {
    emit(
        new SessionEvent.SessionStarted(
            clock.nowMs(),
            1,
            appVersion(),
            System.getProperty("os.name") + " " + System.getProperty("os.version"),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
            options.url(),
            config.nonDefaults(),
            System.currentTimeMillis()));
    try {
      start();
      while (!closeRequested.get()) {
        Runnable task;
        try {
          task = inbox.poll(TICK_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          // Only close() ends the loop; a stray interrupt is reported and cleared.
          LOG.warn("playback loop interrupted without a close; going on", e);
          continue;
        }
        while (task != null && !closeRequested.get()) {
          task.run();
          task = inbox.poll();
        }
        if (closeRequested.get()) {
          break;
        }
        if (manifest != null && state != PlayerState.FAILED) {
          tick();
        }
        publish();
      }
    } catch (RuntimeException e) {
      LOG.error("playback loop failed", e);
      fail("internal error: " + e);
    } catch (LinkageError e) {
      // A native library (FFmpeg, the sound system) or a class that cannot be loaded: a broken
      // installation or another platform. The session fails and its log is written; the JVM and
      // the window go on.
      LOG.error("playback loop failed", e);
      fail(
          "cannot load a part of the player ("
              + e
              + "); the installation is incomplete or made for another platform");
    } finally {
      shutdown();
    }
  }

  private void start() {
    long t0 = time.nanoTime();
    Manifest m;
    try {
      m = loadManifestWithRetries();
      m.requireUnprotected();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ManifestException e) {
      fail("cannot read the manifest " + options.url() + ": " + e.getMessage());
      return;
    } catch (FetchException e) {
      fail(e.describe("manifest", options.url()));
      return;
    }
    List<StreamIndex> videos = m.mainVideoStreams();
    TrackLevels videoLevels = null;
    // Why the video stream cannot be played; null when it can, or when there is none.
    String videoProblem = null;
    if (!videos.isEmpty()) {
      TrackLevels v = TrackLevels.of(videos.get(0));
      if (v.size() == 0) {
        videoProblem =
            "no playable video level in " + options.url() + ": " + String.join("; ", v.skipped());
      } else if (v.timeline().chunkCount() == 0) {
        videoProblem = "the video stream of " + options.url() + " lists no fragment";
      } else {
        videoLevels = v;
        for (String s : v.skipped()) {
          note("level left out: " + s);
        }
      }
    }
    List<TrackLevels> audios = new ArrayList<>();
    List<String> audiosLeftOut = new ArrayList<>();
    for (StreamIndex s : m.streams(StreamType.AUDIO)) {
      TrackLevels t = TrackLevels.of(s);
      if (t.size() > 0 && t.timeline().chunkCount() > 0) {
        audios.add(t);
      } else {
        String why = t.size() == 0 ? String.join("; ", t.skipped()) : "it lists no fragment";
        audiosLeftOut.add(s.displayName() + ": " + why);
        note("audio track " + s.displayName() + " left out: " + why);
      }
    }
    if (videoProblem != null && audios.isEmpty()) {
      fail(videoProblem);
      return;
    }
    if (videoLevels == null && audios.isEmpty()) {
      fail(
          audiosLeftOut.isEmpty()
              ? "the manifest " + options.url() + " has no video or audio stream"
              : "no playable stream in "
                  + options.url()
                  + " (no video stream, and no audio track can be played: "
                  + String.join("; ", audiosLeftOut)
                  + ")");
      return;
    }
    if (videoProblem != null) {
      // As other players do: the audio plays; the viewer is told why there is no picture.
      note("the video cannot be played (" + videoProblem + "); playing the audio alone");
      audioOnlyReason = AUDIO_ONLY_VIDEO_UNPLAYABLE;
    } else if (videoLevels == null) {
      audioOnlyReason = AUDIO_ONLY_NO_VIDEO;
    }
    manifest = m;
    captions.update(m);
    audioTracks = List.copyOf(audios);
    audioTimelines = audioTracks.stream().map(t -> TrackTimeline.of(t.timeline())).toList();
    audioLanguages = audioTracks.stream().map(t -> TrackLevels.languageOf(t.stream())).toList();
    audioLabels = AudioTrackLabels.of(audioTracks);
    video = videoLevels == null ? null : new TrackCursor("video", videoLevels);
    audioTrackIndex = chooseAudioTrack(options.audioLanguage().orElse(""));
    audioTrack =
        audioTrackIndex < 0
            ? null
            : new TrackCursor(
                "audio", audioTracks.get(audioTrackIndex), audioTimelines.get(audioTrackIndex));
    TrackCursor leader = lead();
    if (leader == null) {
      throw new IllegalStateException("a session has a video or an audio track");
    }
    adoptLadder(leader.levels);
    if (video == null) {
      for (String s : leader.levels.skipped()) {
        note("level left out: " + s);
      }
    }
    vodStartUs = m.live() ? 0 : firstFragmentStartUs();

    emit(
        new SessionEvent.ManifestLoaded(
            clock.nowMs(),
            options.url(),
            m.live(),
            durationUs(),
            video == null ? List.of() : levelInfos.stream().map(LevelInfo::bitrateBps).toList(),
            leader.timeline.fragment(0).endUs() - leader.timeline.fragment(0).startUs(),
            audioLanguages,
            (time.nanoTime() - t0) / 1e6));

    AudioOutput out = options.audioOpener().open(options.silentAudio());
    audio = out;
    out.deviceProblem().ifPresent(this::note);
    if (videoLevels != null) {
      VideoPresenter p = new VideoPresenter(out, videoLevels.size());
      presenter = p;
      videoWorker =
          DecodeWorker.video(
              VideoDecoderOptions.defaults().withThreads(config.playback().decoderThreads()),
              p,
              this::onVideoDecodeEvent,
              clock);
      if (options.renderHeadless()) {
        HeadlessRenderer r = new HeadlessRenderer(p, out);
        r.start();
        headlessRenderer = r;
      }
    }
    audioWorker = DecodeWorker.audio(out, this::onAudioDecodeEvent, clock);
    long startUs;
    if (m.live()) {
      LiveFollower l =
          new LiveFollower(
              new LiveHost(),
              time,
              clock,
              options.url(),
              video,
              audioTracks,
              audioTimelines,
              m.dvrWindowUs());
      live = l;
      startUs = l.joinUs();
      if (options.startUs() > 0) {
        note(
            String.format(
                Locale.ROOT,
                "start position %.1f s does not apply to a live presentation; joining %.1f s"
                    + " behind the live edge",
                options.startUs() / 1e6,
                (l.edgeUs() - startUs) / 1e6));
      }
    } else {
      if (options.startUs() > 0 && options.startUs() >= durationUs()) {
        note(
            String.format(
                Locale.ROOT,
                "start position %.1f s is past the end of the presentation (%.1f s); it ends at"
                    + " once",
                options.startUs() / 1e6,
                durationUs() / 1e6));
      }
      startUs = vodStartUs + Math.min(options.startUs(), Math.max(0, durationUs() - 1));
    }
    noteQualityOutsideLadder();
    restartAt(startUs, BufferingCause.STARTUP);
  }

  /**
   * Says so when a manual quality cannot be met as given: a level index above the ladder's top
   * plays the top level, a ceiling below the lowest level plays the lowest (what {@link #decide}
   * applies).
   */
  private void noteQualityOutsideLadder() {
    switch (quality.kind()) {
      case LEVEL -> {
        if (quality.level() > ladder.top()) {
          note(
              String.format(
                  Locale.ROOT,
                  "quality level %d is not in the ladder (levels 0-%d); playing the top level,"
                      + " %d kbps",
                  quality.level(),
                  ladder.top(),
                  Math.round(ladder.bitrateKbps(ladder.top()))));
        }
      }
      case MAX_BITRATE -> {
        if (quality.maxBitrateBps() < ladder.bitrateBps(0)) {
          note(
              String.format(
                  Locale.ROOT,
                  "quality ceiling %d kbps is below the lowest level, %d kbps; playing the lowest"
                      + " level",
                  Math.round(quality.maxBitrateBps() / 1000.0),
                  Math.round(ladder.bitrateKbps(0))));
        }
      }
      case AUTO -> {}
    }
  }

  /**
   * Loads the manifest, retrying transient failures (timeouts, I/O errors, 5xx, 429) with back-off;
   * a 4xx or an unreadable manifest fails at once.
   */
  private Manifest loadManifestWithRetries()
      throws ManifestException, FetchException, InterruptedException {
    ManifestLoader loader = new ManifestLoader(fetcher, new ManifestParser());
    int retries = config.playback().fragmentRetries();
    for (int attempt = 0; ; attempt++) {
      try {
        return loader.load(options.url());
      } catch (FetchException e) {
        boolean transient_ =
            e.kind() == FetchException.Kind.TIMEOUT
                || e.kind() == FetchException.Kind.IO
                || e.status() >= 500
                || e.status() == 429;
        if (!transient_ || attempt >= retries || closeRequested.get()) {
          throw e;
        }
        emit(
            new SessionEvent.FragmentFailed(
                clock.nowMs(), "manifest", -1, -1, e.getMessage(), "retry"));
        long delayNs =
            RetryBackoff.delayNs(
                attempt + 1, ThreadLocalRandom.current().nextDouble(), e.retryAfterMs());
        Thread.sleep(Math.min(delayNs / 1_000_000L, MAX_MANIFEST_RETRY_WAIT_MS));
      }
    }
  }

  private int chooseAudioTrack(String language) {
    if (audioTracks.isEmpty()) {
      return -1;
    }
    if (!language.isBlank()) {
      int match = audioTrackFor(language);
      if (match >= 0) {
        return match;
      }
      note(
          "no audio track in '"
              + language
              + "'; the presentation has "
              + audioLabels
              + "; playing "
              + labelAt(0));
    }
    return 0;
  }

  /**
   * The track labelled {@code choice} (case aside), else the best match of it as a language; -1:
   * none.
   */
  private int audioTrackFor(String choice) {
    for (int i = 0; i < audioLabels.size(); i++) {
      if (audioLabels.get(i).equalsIgnoreCase(choice.strip())) {
        return i;
      }
    }
    return LanguageTags.bestMatch(audioLanguages, choice);
  }

  private String labelAt(int i) {
    return audioLabels.get(i);
  }

  /**
   * The track the heuristics choose levels for, whose timeline gives the duration and the live
   * edge: the video, or for an audio-only presentation the audio track playing; null before the
   * manifest is loaded.
   */
  private @Nullable TrackCursor lead() {
    return video != null ? video : audioTrack;
  }

  /** The heuristics choose among {@code levels} from now on (the lead track's). */
  private void adoptLadder(TrackLevels levels) {
    ladder = levels.ladder();
    levelInfos = levels.infos();
    droppedSeen = new long[levels.size()];
    lastDropAtS = new double[levels.size()];
    Arrays.fill(lastDropAtS, Double.NEGATIVE_INFINITY);
  }

  /** One turn of the loop: clock, state, fetch scheduling, periodic reports. */
  private void tick() {
    long now = time.nanoTime();
    long pos = positionUs();
    observeFrames(now, pos);
    updateState(now, pos);
    LiveFollower l = live;
    if (l != null) {
      l.control(now, pos);
    } else if (manifest != null && !ended && vodOrigin.check(now, config.playback())) {
      return;
    }
    watchFetches(now, pos);
    schedule(now, pos);
    if (now >= nextProgressNs) {
      nextProgressNs = now + PROGRESS_INTERVAL_NS;
      AudioOutput out = audio;
      if (out != null) {
        // A device that failed mid-session goes on as a silent line: the viewer is told once.
        out.deviceProblem().ifPresent(this::note);
      }
      report(pos);
    }
  }

  // ---------------------------------------------------------------- state

  private void updateState(long now, long pos) {
    AudioOutput out = audio;
    if (lead() == null || out == null || ended) {
      return;
    }
    if (pos != lastPositionUs) {
      lastPositionUs = pos;
      positionStillSinceNs = now;
    }
    boolean allFetched = (video == null || video.done) && (audioTrack == null || audioTrack.done);
    long ahead = mediaEndUs() - pos;
    if (buffering) {
      PlaybackSettings ps = config.playback();
      // Never more than the buffer targets, which bound what is fetched ahead: a resume buffer
      // above them would wait for media that is never requested.
      long needUs =
          (long)
              (Math.min(
                      bufferingCause == BufferingCause.STALL ? ps.resumeS() : ps.startupS(),
                      Math.min(ps.videoTargetS(), ps.audioTargetS()))
                  * 1e6);
      // Audio decoded past the position, or nothing is left to decode (the very end).
      boolean decodedAudio = out.queuedEndUs() > pos || allFetched && decodersIdle();
      boolean fetchedToEdge = live != null && live.fetchedToEdge();
      if (enoughToResume(ahead, needUs, allFetched, fetchedToEdge) && decodedAudio) {
        buffering = false;
        if (bufferingCause == BufferingCause.STALL) {
          emit(new SessionEvent.StallEnded(clock.nowMs(), pos, (now - stallStartNs) / 1e6));
        }
        if (userPaused) {
          out.pause();
          setState(PlayerState.PAUSED, pos);
        } else {
          out.play();
          setState(PlayerState.PLAYING, pos);
          positionStillSinceNs = now;
        }
      }
      return;
    }
    if (state != PlayerState.PLAYING) {
      return;
    }
    boolean frozen = now - positionStillSinceNs > FROZEN_CLOCK_NS;
    if (allFetched && (ahead <= END_MARGIN_US || frozen && decodersIdle())) {
      ended = true;
      out.pause();
      setState(PlayerState.ENDED, pos);
      return;
    }
    if (!allFetched && (ahead <= STALL_MARGIN_US || frozen)) {
      out.pause();
      buffering = true;
      bufferingCause = BufferingCause.STALL;
      stallStartNs = now;
      stallPositionUs = pos;
      emit(new SessionEvent.StallStarted(clock.nowMs(), pos));
      setState(PlayerState.BUFFERING, pos);
    }
  }

  /**
   * Whether a buffering session has media enough to play: the resume (or start-up) buffer, or
   * everything fetched. Live, what is published is all there is, so once it is fetched waiting for
   * the resume buffer cannot help; but it must be more than the stall margin, or playback would
   * stall again at the next tick (a stall counted once per tick while the last 60 ms play).
   */
  static boolean enoughToResume(
      long aheadUs, long needUs, boolean allFetched, boolean fetchedToEdge) {
    return aheadUs >= needUs || allFetched || fetchedToEdge && aheadUs > STALL_MARGIN_US;
  }

  private boolean decodersIdle() {
    DecodeWorker v = videoWorker;
    DecodeWorker a = audioWorker;
    return (v == null || v.idle()) && (a == null || a.idle());
  }

  /** End of the media fetched ahead: the earlier of the video and audio ends. */
  private long mediaEndUs() {
    TrackCursor v = video;
    TrackCursor a = audioTrack;
    if (v == null || a == null) {
      return v != null ? v.bufferedEndUs : a != null ? a.bufferedEndUs : 0;
    }
    return Math.min(v.bufferedEndUs, a.bufferedEndUs);
  }

  private void setState(PlayerState next, long pos) {
    if (next != state) {
      emit(new SessionEvent.StateChanged(clock.nowMs(), state.name(), next.name(), pos));
      state = next;
    }
  }

  private void doPlay() {
    if (manifest == null || ended && state == PlayerState.ENDED) {
      if (ended) {
        userPaused = false;
        doSeek(vodStartUs, true);
      }
      return;
    }
    userPaused = false;
    if (!buffering && audio != null && state == PlayerState.PAUSED) {
      audio.play();
      positionStillSinceNs = time.nanoTime();
      setState(PlayerState.PLAYING, positionUs());
    }
  }

  private void doPause() {
    userPaused = true;
    if (live != null) {
      live.onPause();
    }
    if (!buffering && audio != null && state == PlayerState.PLAYING) {
      audio.pause();
      setState(PlayerState.PAUSED, positionUs());
    }
  }

  private void doSeek(long targetUs, boolean log) {
    if (manifest == null || lead() == null || state == PlayerState.FAILED) {
      return;
    }
    long duration = durationUs();
    long target =
        Math.max(
            vodStartUs, duration > 0 ? Math.min(targetUs, vodStartUs + duration - 1) : targetUs);
    if (live != null) {
      target = live.clampSeekUs(target);
    }
    if (log) {
      emit(new SessionEvent.Seek(clock.nowMs(), positionUs(), target));
    }
    ended = false;
    restartAt(target, BufferingCause.SEEK);
  }

  /** Drops everything in flight and buffered, and starts fetching at {@code targetUs}. */
  private void restartAt(long targetUs, BufferingCause cause) {
    TrackCursor v = video;
    TrackCursor a = audioTrack;
    AudioOutput out = audio;
    VideoPresenter p = presenter;
    DecodeWorker vw = videoWorker;
    DecodeWorker aw = audioWorker;
    boolean videoReady = v != null && p != null && vw != null;
    if (!(videoReady || v == null && a != null) || out == null || aw == null) {
      return;
    }
    if (buffering && bufferingCause == BufferingCause.STALL) {
      emit(
          new SessionEvent.StallEnded(
              clock.nowMs(), stallPositionUs, (time.nanoTime() - stallStartNs) / 1e6));
    }
    out.pause();
    // Without an audio track the silent line that times the clock follows the video's generation.
    long audioGen = -1;
    if (videoReady) {
      long videoGen = v.generation + 1;
      v.restartAt(targetUs, videoGen, live != null);
      p.flush(videoGen, targetUs);
      vw.setGeneration(videoGen);
      audioGen = videoGen;
    }
    if (a != null) {
      audioGen = a.generation + 1;
      a.restartAt(targetUs, audioGen, live != null);
    }
    heardLevels.clear();
    out.flush(audioGen, targetUs);
    aw.setGeneration(audioGen);
    buffering = true;
    bufferingCause = cause;
    lastPositionUs = -1;
    setState(PlayerState.BUFFERING, targetUs);
  }

  private void doSetQuality(QualityChoice choice) {
    QualityChoice before = quality;
    quality = choice;
    if (!before.equals(choice)) {
      emit(
          new SessionEvent.ConfigChanged(
              clock.nowMs(), Map.of("quality", before + " -> " + choice)));
    }
    // A manual choice should be seen now, not after the whole buffer played out: refetch from the
    // fragment at the position (a short re-buffer, like a seek in place).
    if (choice.kind() != QualityChoice.Kind.AUTO && manifest != null && !ended) {
      if (!before.equals(choice)) {
        noteQualityOutsideLadder();
      }
      restartAt(positionUs(), BufferingCause.SEEK);
    }
  }

  private void doSetAudioLanguage(String language) {
    if (audioTracks.isEmpty() || audioTrack == null || audio == null || audioWorker == null) {
      return;
    }
    int index = audioTrackFor(language);
    if (index < 0 || index == audioTrackIndex) {
      return;
    }
    emit(
        new SessionEvent.ConfigChanged(
            clock.nowMs(),
            Map.of("audio.language", labelAt(audioTrackIndex) + " -> " + labelAt(index))));
    audioTrackIndex = index;
    long pos = positionUs();
    long gen = audioTrack.generation + 1;
    audioTrack.cancel();
    TrackCursor previous = audioTrack;
    // A transfer of the previous track that finished before the cancel may still have its result
    // queued on the loop: with the cursor's generation moved on, it is dropped, not logged as
    // loaded.
    previous.generation = gen;
    // The new track's timeline as known so far (live: grown by every refresh, not only since now).
    TrackCursor next = new TrackCursor("audio", audioTracks.get(index), audioTimelines.get(index));
    audioTrack = next;
    if (video == null) {
      // Audio-only: the new track's levels are the ladder; its decisions start afresh, and the
      // first level heard from it is reported (its index means another level now).
      adoptLadder(next.levels);
      previousLevel = -1;
      decidedLevel = -1;
      shownLevel = -1;
      heardLevels.clear();
    }
    next.restartAt(pos, gen, live != null);
    if (live != null) {
      live.onAudioSwitch(previous, next, pos);
    }
    audio.flush(gen, pos);
    audioWorker.setGeneration(gen);
    if (!buffering && state == PlayerState.PLAYING) {
      audio.pause();
      buffering = true;
      bufferingCause = BufferingCause.SEEK;
      setState(PlayerState.BUFFERING, pos);
    }
  }

  private void doSetViewport(int widthPx, int heightPx) {
    if (widthPx <= 0 || heightPx <= 0) {
      return;
    }
    viewport = new Viewport(widthPx, heightPx);
    if (video == null || videoWorker == null) {
      return;
    }
    // Scale down to the surface in the decoder (swscale), never up: the view scales up.
    LevelInfo top = levelInfos.get(levelInfos.size() - 1);
    if (top.widthPx() <= 0 || top.heightPx() <= 0) {
      return;
    }
    if (widthPx >= top.widthPx() && heightPx >= top.heightPx()) {
      videoWorker.setOutputSize(0, 0);
    } else {
      double scale = Math.min((double) widthPx / top.widthPx(), (double) heightPx / top.heightPx());
      int w = Math.max(2, (int) Math.round(top.widthPx() * scale) & ~1);
      int h = Math.max(2, (int) Math.round(top.heightPx() * scale) & ~1);
      videoWorker.setOutputSize(w, h);
    }
  }

  private void doSetConfig(PlayerConfig next) {
    Map<String, String> diff = next.diffFrom(config);
    if (diff.isEmpty()) {
      return;
    }
    emit(new SessionEvent.ConfigChanged(clock.nowMs(), diff));
    PlayerConfig before = config;
    config = next;
    if (!before.policy().equals(next.policy()) || !before.heuristics().equals(next.heuristics())) {
      policy = newPolicy(next);
    }
    PlaybackSettings a = before.playback();
    PlaybackSettings b = next.playback();
    if (a.connectTimeoutS() != b.connectTimeoutS()
        || a.readTimeoutS() != b.readTimeoutS()
        || a.requestTimeoutS() != b.requestTimeoutS()) {
      // Requests in flight finish on the old client; it is closed with the session.
      retiredFetchers.add(fetcher);
      fetcher = newFetcher(b);
    }
  }

  // ---------------------------------------------------------------- fetching

  private void schedule(long now, long pos) {
    if (lead() == null || ended) {
      return;
    }
    if (video != null) {
      scheduleTrack(video, now, pos, (long) (config.playback().videoTargetS() * 1e6));
    }
    if (audioTrack != null) {
      scheduleTrack(audioTrack, now, pos, (long) (config.playback().audioTargetS() * 1e6));
    }
  }

  private void scheduleTrack(TrackCursor t, long now, long pos, long targetUs) {
    if (t.done || t.inFlight != null) {
      return;
    }
    LiveFollower l = live;
    if (l != null) {
      t.skipEndedBefore(pos);
    }
    if (now < t.retryAtNs) {
      return;
    }
    FragmentRef chunk;
    if (t.nextKnown()) {
      if (t.bufferedEndUs - pos >= targetUs) {
        return;
      }
      if (l != null && l.deferNewest(t, now, pos)) {
        return;
      }
      chunk = t.timeline.fragment(t.nextChunk);
    } else if (l != null && !l.broadcastEnded()) {
      // Live look-ahead ran dry: the follower asks the manifest, and probes an extrapolated next
      // fragment when the manifest cannot answer.
      FragmentRef guess = l.onLookAheadDry(t, now);
      if (guess == null || t.bufferedEndUs - pos >= targetUs) {
        return;
      }
      chunk = guess;
    } else {
      finish(t);
      return;
    }
    boolean probeRetry =
        l != null && l.isExtrapolated(t, chunk) && t.probeAttempts > 0 && t.lastAttemptLevel >= 0;
    int level;
    if (t == lead()) {
      // A retry asks the same level once, then the lowest; a probe tried again keeps its level.
      level =
          probeRetry
              ? t.lastAttemptLevel
              : t.attempts == 0 ? decide(t, pos, chunk) : t.attempts == 1 ? t.lastAttemptLevel : 0;
    } else {
      level = t.levels.size() - 1; // audio beside video: its best level
    }
    startFetch(t, level, chunk);
  }

  private int decide(TrackCursor v, long pos, FragmentRef chunk) {
    double nowS = clock.nowS();
    AbrInput.Builder b =
        AbrInput.builder(ladder)
            .nowS(nowS)
            .positionS(pos / 1e6)
            .bufferedS(Math.max(0, v.bufferedEndUs - pos) / 1e6)
            .fragmentDurationS(Math.max(1, chunk.endUs() - chunk.startUs()) / 1e6)
            .fragmentsRemaining(live != null ? -1 : v.chunkCount() - v.nextChunk)
            .samples(List.copyOf(samples))
            .framesPerLevel(frameStats());
    if (previousLevel >= 0) {
      b.previousLevel(previousLevel, previousLevelSinceS);
    }
    if (estimateBps > 0) {
      b.throughputEstimateBps(estimateBps);
    }
    if (viewport != null) {
      b.viewport(viewport);
    }
    if (live != null) {
      // The edge as the policy means it: what is published, which includes the fragment asked for
      // now (a probe is made when that fragment should be published, before the timeline knows it).
      b.liveLatencyS(Math.max(0, Math.max(live.edgeUs(), chunk.endUs()) - pos) / 1e6);
    }
    switch (quality.kind()) {
      case LEVEL -> b.forcedLevel(Math.min(quality.level(), ladder.top()));
      case MAX_BITRATE ->
          b.manualCapLevel(
              Math.max(0, ladder.highestAtMost(quality.maxBitrateBps(), ladder.top())));
      case AUTO -> {}
    }
    AbrDecision d = policy.decide(b.build());
    int level = Math.max(0, Math.min(ladder.top(), d.level()));
    emit(
        new SessionEvent.Decision(
            clock.nowMs(),
            chunk.index(),
            level,
            ladder.bitrateBps(level),
            d.reason(),
            Math.max(0, v.bufferedEndUs - pos) / 1e6,
            estimateBps,
            previousLevel,
            d.numbers()));
    if (level != previousLevel) {
      previousLevelSinceS = nowS;
    }
    previousLevel = level;
    decidedLevel = level;
    lastReason = d.reason();
    return level;
  }

  private List<FrameStats> frameStats() {
    List<FrameStats> out = new ArrayList<>();
    VideoPresenter p = presenter;
    FrameCounters c = p == null ? null : p.counters();
    for (int i = 0; i < ladder.size(); i++) {
      out.add(
          c == null
              ? FrameStats.NONE
              : new FrameStats(c.droppedAt(i), c.renderedAt(i), lastDropAtS[i]));
    }
    return out;
  }

  private void startFetch(TrackCursor t, int level, FragmentRef chunk) {
    Manifest m = manifest;
    if (m == null) {
      return;
    }
    StreamIndex stream = t.levels.stream();
    String template = stream.urlTemplate();
    if (template == null) {
      throw new IllegalStateException("a media stream has a Url template");
    }
    URI uri = UrlTemplate.resolve(m.baseUri(), template, t.levels.level(level), chunk.startTicks());
    t.lastAttemptLevel = level;
    emit(
        new SessionEvent.FragmentRequested(
            clock.nowMs(), t.name, level, chunk.index(), chunk.startUs(), uri.toString()));
    long gen = t.generation;
    t.inFlightLevel = level;
    t.inFlightRequestedNs = time.nanoTime();
    t.inFlightProgressNs = t.inFlightRequestedNs;
    t.inFlightLastBytes = 0;
    t.progress.clear();
    t.inFlightBufferUs = Math.max(0, t.bufferedEndUs - positionUs());
    t.inFlightFragment = chunk;
    long sentNs = t.inFlightRequestedNs;
    Fetch fetch;
    try {
      fetch = fetcher.newFetch(uri, maxFragmentBytes(t, level, chunk));
    } catch (FetchException e) {
      onFetchFailed(t, gen, chunk, level, e, sentNs);
      return;
    }
    t.inFlight = fetch;
    fetch.enqueue(
        new FetchCallback() {
          @Override
          public void onSuccess(FetchResult result) {
            post(() -> onFetched(t, gen, chunk, level, result, sentNs));
          }

          @Override
          public void onFailure(FetchException failure) {
            post(() -> onFetchFailed(t, gen, chunk, level, failure, sentNs));
          }
        });
  }

  /** Largest body accepted for a fragment: its level's bitrate × duration × a wide margin. */
  private static long maxFragmentBytes(TrackCursor t, int level, FragmentRef chunk) {
    double seconds = Math.max(0.5, (chunk.endUs() - chunk.startUs()) / 1e6);
    double bits = Math.max(64_000, t.levels.level(level).bitrateBps()) * seconds;
    return (long) (bits / 8 * FRAGMENT_SIZE_MARGIN) + 256 * 1024;
  }

  /** Measures every transfer in flight and gives up those {@link AbandonRule} judges too late. */
  private void watchFetches(long now, long pos) {
    for (TrackCursor t : new TrackCursor[] {video, audioTrack}) {
      if (t == null || t.inFlight == null || t.inFlightFragment == null) {
        continue;
      }
      FragmentRef chunk = t.inFlightFragment;
      long bytes = t.inFlight.bytesReceived();
      if (bytes != t.inFlightLastBytes) {
        t.inFlightLastBytes = bytes;
        t.inFlightProgressNs = now;
      }
      double elapsedS = (now - t.inFlightRequestedNs) / 1e9;
      AbandonRule.InFlight observed =
          new AbandonRule.InFlight(
              t == lead(),
              t.inFlightLevel,
              elapsedS,
              (now - Math.max(t.inFlightRequestedNs, t.inFlightProgressNs)) / 1e9,
              (chunk.endUs() - chunk.startUs()) / 1e6,
              bytes,
              t.recentRateBps(now, bytes),
              Math.max(0, t.bufferedEndUs - pos) / 1e6,
              t.inFlightBufferUs / 1e6);
      TrackLevels levels = t.levels;
      Optional<AbandonRule.Verdict> verdict =
          AbandonRule.judge(observed, l -> levels.level(l).bitrateBps());
      if (verdict.isEmpty()) {
        continue;
      }
      // Not a byte in the stall limit: the origin did not answer (a hung origin, a black hole).
      boolean noAnswer = verdict.get().stalled() && bytes == 0;
      abandon(t, chunk, verdict.get().reason(), verdict.get().fallbackLevel(), noAnswer);
    }
  }

  private void abandon(
      TrackCursor t, FragmentRef chunk, String reason, int fallbackLevel, boolean noAnswer) {
    int level = t.inFlightLevel;
    URI uri = t.inFlight.uri();
    long sentNs = t.inFlightRequestedNs;
    t.cancel();
    if (noAnswer) {
      onOriginOutcome(
          new FetchException(FetchException.Kind.TIMEOUT, uri, 0, reason, null), sentNs);
    }
    emit(new SessionEvent.FragmentAbandoned(clock.nowMs(), t.name, level, chunk.index(), reason));
    LiveFollower l = live;
    if (l != null && l.isExtrapolated(t, chunk)) {
      // A probe of an extrapolated live fragment: tried again later, never skipped.
      if (fallbackLevel >= 0) {
        t.lastAttemptLevel = fallbackLevel;
      }
      l.onProbeFailed(t, chunk, reason, -1);
      return;
    }
    if (t.attempts++ == 0) {
      t.firstFailedNs = time.nanoTime();
    }
    if (fallbackLevel >= 0) {
      // Refetch at once, lower; the attempt counts towards the retries.
      t.lastAttemptLevel = fallbackLevel;
      t.attempts = 1;
      t.retryAtNs = 0;
    } else if (t.attempts > retriesFor(t) && !originOut(t)) {
      skip(t, chunk, level, reason, t.generation);
    } else {
      if (t.attempts > retriesFor(t)) {
        // Held for an origin that answers nothing: asked again after the silence's back-off.
        t.retryAtNs = time.nanoTime() + originBackoffNs();
      }
      emit(
          new SessionEvent.FragmentFailed(
              clock.nowMs(), t.name, level, chunk.index(), reason, "retry"));
    }
  }

  private void onFetched(
      TrackCursor t, long gen, FragmentRef requested, int level, FetchResult r, long sentNs) {
    if (gen != t.generation || t.nextChunk != requested.index()) {
      return;
    }
    t.inFlight = null;
    t.inFlightLevel = -1;
    t.inFlightFragment = null;
    t.attempts = 0;
    t.skippedSpanUs = 0;
    if (t.skippedInARow > 0) {
      note(
          String.format(
              Locale.ROOT,
              "audio fragments load again from %.1f s, after %d skipped",
              requested.startUs() / 1e6,
              t.skippedInARow));
      t.skippedInARow = 0;
    }
    FragmentRef chunk = requested;
    if (live == null) {
      vodOrigin.onLoaded(sentNs, time.nanoTime());
    } else {
      FragmentRef grown = live.growFromFragment(t, r.body(), requested, sentNs);
      if (grown == null) {
        return; // an extrapolated probe the origin did not confirm: probed again later
      }
      chunk = grown;
      // A probe a refresh confirmed while in flight may sit at another index (after a gap).
      t.nextChunk = chunk.index();
    }
    long endUs = chunk.endUs();
    double downloadMs = r.totalNs() / 1e6;
    double throughputBps = r.bodyBytes() * 8.0 / Math.max(1e-6, r.totalNs() / 1e9);
    emit(
        new SessionEvent.FragmentLoaded(
            clock.nowMs(),
            t.name,
            level,
            chunk.index(),
            chunk.startUs(),
            endUs - chunk.startUs(),
            t.levels.level(level).bitrateBps(),
            r.bodyBytes(),
            r.timeToFirstByteNs() / 1e6,
            downloadMs,
            throughputBps));
    DecodeWorker vw = videoWorker;
    DecodeWorker aw = audioWorker;
    AudioOutput out = audio;
    if (aw == null || out == null || t == video && vw == null) {
      return;
    }
    long timeScale = t.levels.stream().timeScale();
    if (t == lead()) {
      samples.addLast(
          new TransferSample(r.bodyBytes(), Math.max(1e-3, downloadMs), clock.toS(r.endNs())));
      while (samples.size() > MAX_SAMPLES) {
        samples.removeFirst();
      }
      OptionalDouble est = DISPLAY_ESTIMATOR.estimateBps(List.copyOf(samples));
      if (est.isPresent()) {
        estimateBps = est.getAsDouble();
        emit(new SessionEvent.ThroughputEstimate(clock.nowMs(), estimateBps));
      }
    }
    if (t == video && vw != null) {
      vw.decodeVideo(r.body(), timeScale, chunk, level, t.levels.videoConfig(level), gen);
      if (audioTrack == null) {
        aw.silence(out, chunk.startUs(), endUs, gen);
      }
    } else {
      aw.decodeAudio(r.body(), timeScale, chunk, t.levels.audioConfig(level), gen);
      if (video == null) {
        heardLevels.add(chunk.startUs(), level);
      }
    }
    advance(t, endUs, gen);
  }

  private void advance(TrackCursor t, long endUs, long gen) {
    t.bufferedEndUs = Math.max(t.bufferedEndUs, endUs);
    t.nextChunk++;
    if (t.nextChunk >= t.chunkCount() && (live == null || live.broadcastEnded())) {
      finish(t);
    }
  }

  /** Every fragment of {@code t} was fetched: the decoder pushes out what it still holds. */
  private void finish(TrackCursor t) {
    if (t.done) {
      return;
    }
    t.done = true;
    DecodeWorker w = t == video ? videoWorker : audioWorker;
    if (w != null) {
      w.drain(t.generation);
    }
  }

  private void onFetchFailed(
      TrackCursor t, long gen, FragmentRef chunk, int level, FetchException e, long sentNs) {
    // A cancelled fetch was let go by whoever cancelled it (which cleared the in-flight state);
    // the cursor may already watch its replacement (an abandoned transfer's refetch).
    if (e.kind() == FetchException.Kind.CANCELLED
        || gen != t.generation
        || t.nextChunk != chunk.index()) {
      return;
    }
    t.inFlight = null;
    t.inFlightLevel = -1;
    t.inFlightFragment = null;
    onOriginOutcome(e, sentNs);
    LiveFollower l = live;
    if (l != null && l.isExtrapolated(t, chunk)) {
      // A probe of an extrapolated live fragment (404 while not published yet): not a failure.
      l.onProbeFailed(t, chunk, e.getMessage(), e.retryAfterMs());
      return;
    }
    if (++t.attempts == 1) {
      t.firstFailedNs = time.nanoTime();
    }
    if (l != null) {
      // A live fragment that fails may be outside a moved window or after a restart: look again.
      l.onFragmentFailed();
    }
    // While the origin has answered nothing since this fragment first failed (a VOD origin: its
    // manifest URL neither), the fragment is not missing: the origin is out, and the fragment is
    // waited for (up to live.outageLimitS or network.outageLimitS).
    long nowNs = time.nanoTime();
    boolean originOut = originOut(t);
    if (t.attempts <= retriesFor(t) || originOut) {
      long backoffNs =
          RetryBackoff.delayNs(
              t.attempts, ThreadLocalRandom.current().nextDouble(), e.retryAfterMs());
      t.retryAtNs = nowNs + Math.max(backoffNs, originOut ? originBackoffNs() : 0);
      emit(
          new SessionEvent.FragmentFailed(
              clock.nowMs(), t.name, level, chunk.index(), e.getMessage(), "retry"));
      return;
    }
    skip(t, chunk, level, e.getMessage(), gen);
  }

  /**
   * A request to the origin, sent at {@code sentNs}, failed with {@code e}: an answer, or a failure
   * without one.
   */
  private void onOriginOutcome(FetchException e, long sentNs) {
    LiveFollower l = live;
    if (l != null) {
      l.onFetchFailure(e, sentNs);
    } else {
      vodOrigin.onFailed(sentNs, time.nanoTime(), e);
    }
  }

  /**
   * The origin has answered nothing since {@code t}'s fragment first failed (for VOD, its manifest
   * URL neither): the fragment is waited for rather than skipped.
   */
  private boolean originOut(TrackCursor t) {
    LiveFollower l = live;
    return l != null ? l.originSilentSince(t.firstFailedNs) : vodOrigin.holds(t.firstFailedNs);
  }

  /** The wait an origin that answers nothing adds between two attempts now; 0 while it answers. */
  private long originBackoffNs() {
    LiveFollower l = live;
    return l != null ? l.originBackoffNs() : vodOrigin.backoffNs(time.nanoTime());
  }

  /**
   * Attempts after the first before a fragment of {@code t} is skipped: none while the audio stream
   * beside the video is failing (its last fragment was skipped), so a dead audio host costs one
   * attempt per fragment instead of a full round of retries. An audio-only presentation's audio is
   * the lead, retried as video is.
   */
  private int retriesFor(TrackCursor t) {
    boolean failingAudio = t == audioTrack && t != lead() && t.skippedInARow > 0;
    return failingAudio ? 0 : config.playback().fragmentRetries();
  }

  /**
   * Gives up on {@code chunk}: playback goes on after it (the last frame stays, audio is silent).
   *
   * <p>An audio stream whose fragments keep failing must not hold the video: each attempt may take
   * a whole connect or read time-out, longer than the fragment it is for, and playback waits for
   * audio past the position. So once an audio fragment is skipped, the stream counts as failing
   * until one loads, and its fragments are tried once each. From the second skip in a row (one
   * missing fragment is not yet a failing stream), every skip also turns into silence the fragments
   * that start within twice the failed attempt's duration plus the start-up buffer ahead of the
   * position, without requesting them. The next attempt then ends before playback would need its
   * audio, and audio comes back within about that lead once the stream answers.
   *
   * <p>The lead track (the video, or the audio of an audio-only presentation) fails the session
   * once {@code network.videoSkipLimitS} of it was skipped in a row.
   */
  private void skip(TrackCursor t, FragmentRef chunk, int level, String reason, long gen) {
    emit(
        new SessionEvent.FragmentFailed(
            clock.nowMs(), t.name, level, chunk.index(), reason, "skip"));
    t.attempts = 0;
    if (t.skippedSpanUs == 0) {
      t.skippedSpanFirst = chunk.index();
    }
    t.skippedSpanUs += chunk.endUs() - chunk.startUs();
    long limitUs = (long) (config.playback().videoSkipLimitS() * 1e6);
    if (t == lead() && limitUs > 0 && t.skippedSpanUs >= limitUs) {
      fail(
          String.format(
              Locale.ROOT,
              "%s fragments cannot be loaded: %.1f s of %s skipped in a row (fragments"
                  + " %d-%d, network.videoSkipLimitS %.0f s); the last failed with %s",
              t.name,
              t.skippedSpanUs / 1e6,
              t.name,
              t.skippedSpanFirst,
              chunk.index(),
              limitUs / 1e6,
              reason));
      return;
    }
    silenceSkipped(t, chunk, gen);
    advance(t, chunk.endUs(), gen);
    if (t != audioTrack || t == lead()) {
      return;
    }
    if (t.skippedInARow++ == 0) {
      note(
          "audio fragments are failing ("
              + reason
              + "); until one loads, each is tried once and played as silence if it fails");
    }
    if (t.skippedInARow < 2) {
      return;
    }
    long attemptUs = Math.max(0, time.nanoTime() - t.inFlightRequestedNs) / 1000;
    long untilUs = positionUs() + 2 * attemptUs + (long) (config.playback().startupS() * 1e6);
    int first = t.nextChunk;
    while (!t.done && t.nextKnown() && t.timeline.fragment(t.nextChunk).startUs() < untilUs) {
      FragmentRef ahead = t.timeline.fragment(t.nextChunk);
      silenceSkipped(t, ahead, gen);
      advance(t, ahead.endUs(), gen);
    }
    if (t.nextChunk > first) {
      note(
          String.format(
              Locale.ROOT,
              "audio fragments %d-%d (%.1f-%.1f s) not requested while audio fails; played as"
                  + " silence",
              first,
              t.nextChunk - 1,
              t.timeline.fragment(first).startUs() / 1e6,
              t.timeline.fragment(t.nextChunk - 1).endUs() / 1e6));
    }
  }

  /**
   * A skipped fragment's span of the audio output becomes silence: a skipped audio fragment, or a
   * skipped video fragment when there is no audio track (the silent line times the clock). The
   * output then reaches past the gap, so playback does not wait for audio that will never come.
   */
  private void silenceSkipped(TrackCursor t, FragmentRef chunk, long gen) {
    boolean timesTheClock = t == audioTrack || t == video && audioTrack == null;
    if (timesTheClock && audioWorker != null && audio != null) {
      audioWorker.silence(audio, chunk.startUs(), chunk.endUs(), gen);
    }
  }

  // ---------------------------------------------------------------- live

  /** Returns to the join point behind the live edge, where the automatic catch-up applies again. */
  private void doSeekToLive() {
    LiveFollower l = live;
    if (l == null || lead() == null || state == PlayerState.FAILED) {
      return;
    }
    emit(new SessionEvent.Seek(clock.nowMs(), positionUs(), l.joinUs()));
    ended = false;
    l.onReturnToEdge();
    restartAt(l.joinUs(), BufferingCause.SEEK);
  }

  /** The engine as the VOD origin watch sees it; loop thread only. */
  private final class VodOriginHost implements VodOriginWatch.Host {
    @Override
    public void probe() {
      long sentNs = time.nanoTime();
      try {
        fetcher
            .newFetch(manifestUri, PROBE_MAX_BYTES)
            .enqueue(
                new FetchCallback() {
                  @Override
                  public void onSuccess(FetchResult result) {
                    post(() -> vodOrigin.onProbed(sentNs, time.nanoTime(), null));
                  }

                  @Override
                  public void onFailure(FetchException failure) {
                    post(() -> vodOrigin.onProbed(sentNs, time.nanoTime(), failure));
                  }
                });
      } catch (FetchException e) {
        // The request could not even start (the URL was checked at open): that is its outcome.
        vodOrigin.onProbed(sentNs, time.nanoTime(), e);
      }
    }

    @Override
    public void note(String message) {
      PlaybackEngine.this.note(message);
    }

    @Override
    public void fail(String message) {
      PlaybackEngine.this.fail(message);
    }
  }

  /** The engine as {@link LiveFollower} sees it: loop thread only, except {@link #post}. */
  private final class LiveHost implements LiveFollower.Host {
    @Override
    public @Nullable TrackCursor audioTrack() {
      return audioTrack;
    }

    @Override
    public PlayerState state() {
      return state;
    }

    @Override
    public boolean sessionEnded() {
      return ended;
    }

    @Override
    public PlaybackSettings settings() {
      return config.playback();
    }

    @Override
    public HttpFetcher fetcher() {
      return fetcher;
    }

    /** Any thread (the manifest-refresh thread posts its result). */
    @Override
    public void post(Runnable task) {
      PlaybackEngine.this.post(task);
    }

    @Override
    public void emit(SessionEvent event) {
      PlaybackEngine.this.emit(event);
    }

    @Override
    public void note(String message) {
      PlaybackEngine.this.note(message);
    }

    @Override
    public void finish(TrackCursor t) {
      PlaybackEngine.this.finish(t);
    }

    @Override
    public void restartAt(long targetUs) {
      PlaybackEngine.this.restartAt(targetUs, BufferingCause.SEEK);
    }

    @Override
    public void fail(String message) {
      PlaybackEngine.this.fail(message);
    }

    @Override
    public void refreshed(Manifest m) {
      captions.update(m);
    }
  }

  // ---------------------------------------------------------------- reports

  private void observeFrames(long now, long pos) {
    VideoPresenter p = presenter;
    if (p == null) {
      observeHeardLevel(pos);
      return;
    }
    observeLevel(p.lastShownLevel(), p.lastShownPtsUs());
    FrameCounters c = p.counters();
    double nowS = clock.toS(now);
    for (int i = 0; i < droppedSeen.length; i++) {
      long d = c.droppedAt(i);
      if (d > droppedSeen[i]) {
        emit(new SessionEvent.FramesDropped(clock.nowMs(), i, d - droppedSeen[i], c.dropped()));
        droppedSeen[i] = d;
        lastDropAtS[i] = nowS;
      }
    }
  }

  /** The level now shown (or heard) is {@code level}, first at {@code ptsUs}; -1: none yet. */
  private void observeLevel(int level, long ptsUs) {
    if (level >= 0 && level != shownLevel) {
      emit(
          new SessionEvent.QualityRendered(
              clock.nowMs(), level, ladder.bitrateBps(level), shownLevel, ptsUs));
      if (startupMs < 0) {
        startupMs = Math.round(clock.nowMs());
      }
      shownLevel = level;
    }
  }

  /**
   * Audio-only: the level heard at {@code pos} while playing, that of the last fragment decoded
   * that starts at or before it.
   */
  private void observeHeardLevel(long pos) {
    if (state == PlayerState.PLAYING) {
      observeLevel(heardLevels.at(pos), pos);
    }
  }

  private void report(long pos) {
    TrackCursor v = video;
    TrackCursor lead = lead();
    if (lead == null) {
      return;
    }
    VideoPresenter p = presenter;
    long[] drift = p == null ? new long[0] : p.drainDriftUs();
    if (drift.length > 0) {
      long[] sorted = drift.clone();
      Arrays.sort(sorted);
      double median = sorted[sorted.length / 2] / 1000.0;
      double maxAbs = 0;
      for (long d : sorted) {
        maxAbs = Math.max(maxAbs, Math.abs(d) / 1000.0);
      }
      lastDriftMs = median;
      emit(new SessionEvent.AvDrift(clock.nowMs(), median, maxAbs, drift.length));
    }
    if (live != null) {
      live.reportLatency(pos);
    }
    FrameCounters c = p == null ? null : p.counters();
    SessionEvent.Progress progress =
        new SessionEvent.Progress(
            clock.nowMs(),
            pos,
            v == null ? 0 : Math.max(0, v.bufferedEndUs - pos),
            Math.max(0, (audioTrack == null ? lead : audioTrack).bufferedEndUs - pos),
            state.name(),
            shownLevel,
            c == null ? 0 : c.rendered(),
            c == null ? 0 : c.dropped());
    // Paused or ended, nothing moves: one progress says so, not one a second until closed.
    if (lastProgress == null || !sameProgress(progress, lastProgress)) {
      lastProgress = progress;
      emit(progress);
    }
  }

  private static boolean sameProgress(SessionEvent.Progress a, SessionEvent.Progress b) {
    return a.positionUs() == b.positionUs()
        && a.bufferedVideoUs() == b.bufferedVideoUs()
        && a.bufferedAudioUs() == b.bufferedAudioUs()
        && a.state().equals(b.state())
        && a.shownLevel() == b.shownLevel()
        && a.renderedFrames() == b.renderedFrames()
        && a.droppedFrames() == b.droppedFrames();
  }

  private void publish() {
    VideoPresenter p = presenter;
    FrameCounters c = p == null ? null : p.counters();
    long pos = manifest == null ? 0 : positionUs();
    TrackCursor v = video;
    LiveFollower l = live;
    snapshot =
        new PlayerSnapshot(
            state,
            options.url(),
            pos,
            durationUs(),
            manifest != null && manifest.live(),
            v == null ? 0 : v.bufferedEndUs,
            audioTrack != null ? audioTrack.bufferedEndUs : v == null ? 0 : v.bufferedEndUs,
            levelInfos,
            quality,
            shownLevel,
            decidedLevel,
            estimateBps,
            c == null ? 0 : c.rendered(),
            c == null ? 0 : c.dropped(),
            lastDriftMs,
            lastReason,
            audioLabels,
            audioTrackIndex < 0 ? "" : labelAt(audioTrackIndex),
            Optional.ofNullable(error),
            Optional.ofNullable(notice),
            startupMs,
            l != null ? l.windowStartUs() : vodStartUs,
            l != null ? l.edgeUs() : vodStartUs + durationUs(),
            l != null && manifest != null ? Math.max(0, l.edgeUs() - pos) / 1000.0 : -1,
            (l != null ? l.originOutForNs() : vodOrigin.outForNs(time.nanoTime())) / 1_000_000L,
            seeksDone,
            audioOnlyReason,
            audioTrackText());
  }

  /**
   * {@link PlayerSnapshot#audioTrack()}: the playing track's language, codec and channels, and the
   * bitrate of the level last asked for (the best one before any).
   */
  private String audioTrackText() {
    TrackCursor a = audioTrack;
    if (a == null || a.levels.size() == 0) {
      return "";
    }
    int level = a.lastAttemptLevel >= 0 ? a.lastAttemptLevel : a.levels.size() - 1;
    return TrackLevels.languageOf(a.levels.stream())
        + " \u00b7 "
        + AudioTrackLabels.describe(a.levels)
        + " \u00b7 "
        + Math.round(a.levels.level(level).bitrateBps() / 1000.0)
        + " kbps";
  }

  // ---------------------------------------------------------------- helpers

  private long positionUs() {
    AudioOutput out = audio;
    long pos = out == null ? 0 : out.positionUs();
    long d = durationUs();
    return d > 0 ? Math.min(pos, vodStartUs + d) : pos;
  }

  private long durationUs() {
    Manifest m = manifest;
    if (m == null) {
      return 0;
    }
    TrackCursor v = lead();
    if (vodStartUs > 0 && v != null) {
      // Packagers disagree on what Duration means when the timeline starts late (its length, or
      // the time the last fragment ends); the timeline itself does not.
      long endUs = v.timeline.endUs();
      for (TrackTimeline t : audioTimelines) {
        endUs = Math.max(endUs, t.endUs());
      }
      return Math.max(0, endUs - vodStartUs);
    }
    if (m.durationUs() > 0) {
      return m.durationUs();
    }
    return v == null || m.live() ? 0 : v.timeline.endUs();
  }

  /** The earliest first-fragment start of the video and audio tracks (0 without fragments). */
  private long firstFragmentStartUs() {
    TrackCursor v = lead();
    if (v == null || v.timeline.count() == 0) {
      return 0;
    }
    long startUs = v.timeline.fragment(0).startUs();
    for (TrackTimeline t : audioTimelines) {
      if (t.count() > 0) {
        startUs = Math.min(startUs, t.fragment(0).startUs());
      }
    }
    return Math.max(0, startUs);
  }

  private void fail(String message) {
    error = options.shownUrls().apply(message);
    LOG.warn("{}", error);
    if (audio != null) {
      audio.pause();
    }
    setState(PlayerState.FAILED, manifest == null ? 0 : positionUs());
    publish();
  }

  private void note(String message) {
    String shown = options.shownUrls().apply(message);
    notice = shown;
    LOG.info("{}", shown);
    emit(new SessionEvent.Notice(clock.nowMs(), shown));
  }

  /**
   * The audio decode thread's events, logged; the first audio fragment that cannot be decoded at
   * all (it cannot be read, or its decoder cannot be opened) is also a notice, once a session: the
   * viewer hears silence there and should know why.
   */
  private void onAudioDecodeEvent(SessionEvent event) {
    emit(event);
    String why = undecodable(event, DecodeWorker.AUDIO_DECODER_UNAVAILABLE);
    if (why != null && audioUndecodableNoted.compareAndSet(false, true)) {
      post(() -> note("audio cannot be decoded (" + why + "); silence plays instead"));
    }
  }

  /** As {@link #onAudioDecodeEvent}, for the video decode thread: its pictures are missing. */
  private void onVideoDecodeEvent(SessionEvent event) {
    emit(event);
    String why = undecodable(event, DecodeWorker.VIDEO_DECODER_UNAVAILABLE);
    if (why != null && videoUndecodableNoted.compareAndSet(false, true)) {
      post(() -> note("video cannot be decoded (" + why + "); its pictures are missing there"));
    }
  }

  /**
   * The message of a decoder error saying a whole fragment cannot be decoded (it cannot be read, or
   * its decoder cannot be opened: {@code unavailableKind}), else null.
   */
  private static @Nullable String undecodable(SessionEvent event, String unavailableKind) {
    return event instanceof SessionEvent.DecoderError e
            && (e.kind().equals(DecodeWorker.FRAGMENT_UNREADABLE)
                || e.kind().equals(unavailableKind))
        ? e.message()
        : null;
  }

  private void emit(SessionEvent event) {
    try {
      sink.accept(event);
    } catch (RuntimeException e) {
      LOG.warn("session sink failed on {}", event.type(), e);
    }
  }

  private void shutdown() {
    long pos = manifest == null ? 0 : positionUs();
    if (video != null) {
      video.cancel();
    }
    if (audioTrack != null) {
      audioTrack.cancel();
    }
    VideoPresenter p = presenter;
    FrameCounters c = p == null ? null : p.counters();
    if (manifest != null) {
      report(pos);
    }
    if (headlessRenderer != null) {
      headlessRenderer.close();
    }
    // Close the outputs first so a decode thread blocked on them returns, then the decoders.
    if (p != null) {
      p.close();
    }
    if (audio != null) {
      audio.close();
    }
    if (videoWorker != null) {
      videoWorker.close();
    }
    if (audioWorker != null) {
      audioWorker.close();
    }
    if (live != null) {
      live.close();
    }
    captions.close();
    fetcher.close();
    retiredFetchers.forEach(HttpFetcher::close);
    String reason =
        state == PlayerState.ENDED ? "ended" : state == PlayerState.FAILED ? "error" : closeReason;
    emit(
        new SessionEvent.SessionEnded(
            clock.nowMs(),
            reason,
            error == null ? "" : error,
            pos,
            c == null ? 0 : c.rendered(),
            c == null ? 0 : c.dropped(),
            0));
    PlayerState last = state;
    state = last == PlayerState.FAILED || last == PlayerState.ENDED ? last : PlayerState.CLOSED;
    publish();
    if (last != PlayerState.FAILED && last != PlayerState.ENDED) {
      snapshot = withState(snapshot, PlayerState.CLOSED);
    }
  }

  private static PlayerSnapshot withState(PlayerSnapshot s, PlayerState st) {
    return new PlayerSnapshot(
        st,
        s.url(),
        s.positionUs(),
        s.durationUs(),
        s.live(),
        s.bufferedVideoEndUs(),
        s.bufferedAudioEndUs(),
        s.levels(),
        s.quality(),
        s.shownLevel(),
        s.decidedLevel(),
        s.throughputEstimateBps(),
        s.renderedFrames(),
        s.droppedFrames(),
        s.avDriftMs(),
        s.lastDecisionReason(),
        s.audioLanguages(),
        s.audioLanguage(),
        s.error(),
        s.notice(),
        s.startupMs(),
        s.seekableStartUs(),
        s.seekableEndUs(),
        s.liveLatencyMs(),
        s.originSilentMs(),
        s.seeksDone(),
        s.audioOnlyReason(),
        s.audioTrack());
  }

  private static AbrPolicy newPolicy(PlayerConfig c) {
    return new CappedPolicy(Policies.create(c.policy(), c.heuristics()), c.heuristics().caps());
  }

  private static HttpFetcher newFetcher(PlaybackSettings s) {
    HttpFetcherConfig fc =
        HttpFetcherConfig.defaults()
            .withTimeouts(
                Duration.ofMillis((long) (s.connectTimeoutS() * 1000)),
                Duration.ofMillis((long) (s.readTimeoutS() * 1000)),
                Duration.ofMillis((long) (s.requestTimeoutS() * 1000)));
    return new HttpFetcher(fc, TimeSource.system());
  }

  /** The application's version from the jar manifest, "dev" when run from classes. */
  public static String appVersion() {
    String v = PlaybackEngine.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
