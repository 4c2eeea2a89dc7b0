package org.smoothplayer.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smoothplayer.app.config.CaptionChoice;
import org.smoothplayer.app.config.RecentInputs;
import org.smoothplayer.app.config.ResumePositions;
import org.smoothplayer.app.engine.LevelInfo;
import org.smoothplayer.app.engine.Player;
import org.smoothplayer.app.engine.PlayerSnapshot;
import org.smoothplayer.app.engine.PlayerState;
import org.smoothplayer.app.engine.QualityChoice;
import org.smoothplayer.app.manifest.LanguageTags;
import org.smoothplayer.app.text.CaptionTrack;
import org.smoothplayer.app.text.Captions;

/**
 * State and actions of the player window, free of controls: the view binds to the read-only
 * properties and calls the actions; this class decides and talks to the {@link Player}.
 *
 * <p>Thread ownership: every method runs on the FX application thread (or, in unit tests, on one
 * test thread); the player is reached only through its enqueue-only commands and its latest {@link
 * Player#snapshot()}, which {@link #update} folds in once per pulse (latest value wins).
 *
 * <p>Choices the user makes (play or pause, quality, audio language) show at once; a snapshot
 * overrides them only when the engine's own value changes, so a snapshot published before the
 * command was handled does not flip the control back.
 */
public final class PlayerViewModel implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PlayerViewModel.class);

  /** The application's name, first in the window title. */
  public static final String APP_NAME = "Smooth Player";

  /** The first quality item: the heuristics choose. */
  public static final String AUTO_QUALITY = "Auto";

  /** Output gain of a new window, 0 to 1. */
  public static final double DEFAULT_VOLUME = 1.0;

  /** Volume change of one key press (UP/DOWN), as a gain. */
  public static final double VOLUME_STEP = 0.1;

  /** Seek of one key press (LEFT/RIGHT), seconds. */
  public static final double SEEK_STEP_S = 5;

  /** A seek counts as done once a snapshot's position is this close to its target, microseconds. */
  static final long SEEK_SETTLED_WITHIN_US = 500_000;

  /** Snapshots after which a seek target stops overriding the position even if not reached. */
  static final int SEEK_PENDING_MAX_UPDATES = 120;

  /** How long a new notice stays on the picture; the latest one stays in the stats overlay. */
  static final long NOTICE_SHOWN_NS = 10_000_000_000L;

  /**
   * In full screen, while playing, the menu bar and the controls hide after this long without the
   * pointer moving or a key pressed.
   */
  static final long CONTROLS_HIDE_AFTER_NS = 3_000_000_000L;

  private final SessionOpener opener;
  private final Consumer<Player> closer;
  private final RecentInputs recent;
  private final ResumePositions positions;
  private final ObservableList<String> recentInputs = FXCollections.observableArrayList();
  private final ObservableList<String> recentInputsView =
      FXCollections.unmodifiableObservableList(recentInputs);

  private @Nullable Player player;
  // The input the current session was opened from (what Play opens again after a failure); FX
  // thread only.
  private @Nullable String openedTarget;
  // Whether where the current session is left is kept for its input (remembered inputs only);
  // FX thread only.
  private boolean openedResumable;
  private final ReadOnlyObjectWrapper<@Nullable Player> playerProperty =
      new ReadOnlyObjectWrapper<>(this, "player", null);

  private final ReadOnlyObjectWrapper<PlayerState> state =
      new ReadOnlyObjectWrapper<>(this, "state", PlayerState.CLOSED);
  private final ReadOnlyStringWrapper stateText =
      new ReadOnlyStringWrapper(this, "stateText", stateText(PlayerState.CLOSED));
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
  private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing", false);
  private final ReadOnlyStringWrapper audioOnlyText =
      new ReadOnlyStringWrapper(this, "audioOnlyText", "");
  // Bound to audioOnlyText: the audio plays alone while the surface says so.
  private final ReadOnlyBooleanWrapper audioOnly =
      new ReadOnlyBooleanWrapper(this, "audioOnly", false);
  private final ReadOnlyLongWrapper positionUs = new ReadOnlyLongWrapper(this, "positionUs", 0);

  /** A live session this close to the edge counts as "at the edge". */
  static final double LIVE_EDGE_MS = 5_000;

  private final ReadOnlyLongWrapper durationUs = new ReadOnlyLongWrapper(this, "durationUs", 0);
  private final ReadOnlyDoubleWrapper positionFraction =
      new ReadOnlyDoubleWrapper(this, "positionFraction", 0);
  private final ReadOnlyDoubleWrapper bufferedFraction =
      new ReadOnlyDoubleWrapper(this, "bufferedFraction", 0);
  private final ReadOnlyBooleanWrapper seekable =
      new ReadOnlyBooleanWrapper(this, "seekable", false);
  private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(this, "live", false);
  private final ReadOnlyBooleanWrapper atLiveEdge =
      new ReadOnlyBooleanWrapper(this, "atLiveEdge", false);
  // The seekable range (VOD: 0..duration; live: the DVR window), FX thread only.
  private long rangeStartUs;
  private long rangeEndUs;

  /** The Auto item's text: "Auto", or "Auto (1280×720)" with the level shown while it is chosen. */
  private final ReadOnlyStringWrapper autoQualityText =
      new ReadOnlyStringWrapper(this, "autoQualityText", AUTO_QUALITY);

  private final ReadOnlyStringWrapper timeText =
      new ReadOnlyStringWrapper(this, "timeText", TimeText.positionOfDuration(0, 0, false));
  private final ReadOnlyDoubleWrapper volume =
      new ReadOnlyDoubleWrapper(this, "volume", DEFAULT_VOLUME);
  private final ReadOnlyBooleanWrapper muted = new ReadOnlyBooleanWrapper(this, "muted", false);
  private final ObservableList<String> qualityItems =
      FXCollections.observableArrayList(AUTO_QUALITY);
  private final ObservableList<String> qualityItemsView =
      FXCollections.unmodifiableObservableList(qualityItems);
  private final ReadOnlyIntegerWrapper selectedQuality =
      new ReadOnlyIntegerWrapper(this, "selectedQuality", 0);
  private final ObservableList<String> audioLanguages = FXCollections.observableArrayList();
  private final ObservableList<String> audioLanguagesView =
      FXCollections.unmodifiableObservableList(audioLanguages);
  private final ReadOnlyStringWrapper selectedAudio =
      new ReadOnlyStringWrapper(this, "selectedAudio", "");
  private final ObservableList<CaptionTrack> captionTracks = FXCollections.observableArrayList();
  private final ObservableList<CaptionTrack> captionTracksView =
      FXCollections.unmodifiableObservableList(captionTracks);
  private final ReadOnlyStringWrapper selectedCaptions =
      new ReadOnlyStringWrapper(this, "selectedCaptions", "");
  private final ReadOnlyStringWrapper captionText =
      new ReadOnlyStringWrapper(this, "captionText", "");
  // Whether the user wants captions (off by default) and the language of the track chosen last
  // ("" for a track without one, null before any): the next session's tracks follow them. FX
  // thread only.
  private boolean captionsWanted;
  private @Nullable String captionLanguage;
  // The time label shows the time left instead of the time played (on demand). FX thread only.
  private boolean timeLeftShown;
  private final ReadOnlyBooleanWrapper statsVisible =
      new ReadOnlyBooleanWrapper(this, "statsVisible", false);
  private final ObservableList<String> statsLines = FXCollections.observableArrayList();
  private final ObservableList<String> statsLinesView =
      FXCollections.unmodifiableObservableList(statsLines);
  private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper(this, "errorText", "");
  private final ReadOnlyStringWrapper noticeText =
      new ReadOnlyStringWrapper(this, "noticeText", "");
  // The notice on the picture, the time it appeared (nanoTime), and the clock; FX thread only.
  private String notice = "";
  private long noticeSinceNs;
  // A message of the window's own (a frame saved) and the time it appeared; FX thread only.
  private String message = "";
  private long messageSinceNs;
  private final LongSupplier nanoTime;
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", APP_NAME);

  // Full screen, whether the pointer is on the controls or a menu is open, and the time of the
  // last pointer or key activity (nanoTime); FX thread only.
  private final ReadOnlyBooleanWrapper fullscreen =
      new ReadOnlyBooleanWrapper(this, "fullscreen", false);
  private boolean controlsHeld;
  private long lastActivityNs;
  private final ReadOnlyBooleanWrapper controlsShown =
      new ReadOnlyBooleanWrapper(this, "controlsShown", true);

  // What the user wants (true: play); follows the engine only when its state changes.
  private boolean playIntent = true;
  // The engine's values in the previous snapshot, null before the first of a session.
  private @Nullable PlayerState engineState;
  private @Nullable QualityChoice engineQuality;
  private @Nullable String engineAudio;
  private List<LevelInfo> levels = List.of();
  // Target of the last seek while the snapshots have not reached it, -1 when none.
  private long pendingSeekUs = -1;
  private int pendingSeekUpdates;
  // Seeks asked of the session's player (its snapshots count those carried out).
  private long seeksAsked;
  // An error of the window's own (a bad URL, a failed open), shown before the engine's; "" none.
  private String localError = "";
  private String engineError = "";
  private int viewportWidthPx;
  private int viewportHeightPx;

  /**
   * A view model without a session.
   *
   * @param opener opens a session on a checked target; may throw a runtime exception whose message
   *     says why it could not
   */
  public PlayerViewModel(SessionOpener opener) {
    this(opener, Player::close);
  }

  /**
   * A view model without a session that hands sessions it is done with to {@code closer} (the
   * window closes them on another thread, so a slow shutdown never freezes the FX thread).
   *
   * @param opener as for {@link #PlayerViewModel(SessionOpener)}
   * @param closer closes a session that is no longer shown; its exceptions are logged
   */
  public PlayerViewModel(SessionOpener opener, Consumer<Player> closer) {
    this(opener, closer, RecentInputs.inMemory(), ResumePositions.inMemory());
  }

  /**
   * As {@link #PlayerViewModel(SessionOpener, Consumer)}, remembering what it opens in {@code
   * recent} and where each on-demand input is left in {@code positions}.
   *
   * @param recent the inputs opened lately, offered by File ▸ Open Recent and the Open dialog
   * @param positions where remembered inputs were left; they open there again
   */
  public PlayerViewModel(
      SessionOpener opener,
      Consumer<Player> closer,
      RecentInputs recent,
      ResumePositions positions) {
    this(opener, closer, recent, positions, System::nanoTime);
  }

  /** As {@link #PlayerViewModel(SessionOpener, Consumer)}, timing notices by {@code nanoTime}. */
  PlayerViewModel(SessionOpener opener, Consumer<Player> closer, LongSupplier nanoTime) {
    this(opener, closer, RecentInputs.inMemory(), ResumePositions.inMemory(), nanoTime);
  }

  private PlayerViewModel(
      SessionOpener opener,
      Consumer<Player> closer,
      RecentInputs recent,
      ResumePositions positions,
      LongSupplier nanoTime) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.closer = Objects.requireNonNull(closer, "closer");
    this.recent = Objects.requireNonNull(recent, "recent");
    this.positions = Objects.requireNonNull(positions, "positions");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    audioOnly.bind(audioOnlyText.isNotEmpty());
    recentInputs.setAll(recent.entries());
  }

  // ---------------------------------------------------------------- snapshots

  /** Folds in the current player's latest snapshot; does nothing without a player. */
  public void refresh() {
    Player p = player;
    if (p != null) {
      PlayerSnapshot s = p.snapshot();
      update(s);
      updateCaptions(p.captions(), s.positionUs());
    } else {
      showNotice(notice);
    }
    updateControlsShown();
  }

  // ---------------------------------------------------------------- captions

  /**
   * Folds in the session's caption tracks and the lines due at {@code positionUs}. When tracks
   * first appear, the language chosen last (if captions were on) is chosen again.
   */
  void updateCaptions(Captions captions, long positionUs) {
    List<CaptionTrack> tracks = captions.tracks();
    if (!tracks.equals(captionTracks)) {
      captionTracks.setAll(tracks);
      Optional<CaptionTrack> chosen = captions.selected();
      if (chosen.isPresent()) {
        // Chosen before the window saw the tracks (the command line's --captions): the user's.
        captionsWanted = true;
        captionLanguage = chosen.get().language();
      } else if (captionsWanted && captionLanguage != null) {
        int match = LanguageTags.bestMatch(languagesOf(tracks), captionLanguage);
        if (match >= 0) {
          captions.select(tracks.get(match).id());
        }
      }
    }
    selectedCaptions.set(captions.selected().map(CaptionTrack::id).orElse(""));
    captionText.set(String.join("\n", captions.linesAt(positionUs)));
  }

  /**
   * Shows the caption track {@code trackId}, one of {@link #captionTracks()}, or turns captions off
   * with "". The choice carries over to the next sessions of this window: on in the same language
   * (when they have it), or off.
   *
   * @throws IllegalArgumentException when the session has no such track
   */
  public void chooseCaptions(String trackId) {
    CaptionTrack track = null;
    if (!trackId.isEmpty()) {
      track =
          captionTracks.stream()
              .filter(t -> t.id().equals(trackId))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "captions: expected one of "
                              + captionTracks.stream().map(CaptionTrack::id).toList()
                              + " or \"\" (off) but was '"
                              + trackId
                              + "'"));
    }
    captionsWanted = track != null;
    if (track != null) {
      captionLanguage = track.language();
    }
    selectedCaptions.set(trackId);
    Player p = player;
    if (p != null) {
      p.captions().select(track == null ? null : track.id());
      updateCaptions(p.captions(), p.snapshot().positionUs());
    }
  }

  /**
   * Turns captions off when they show, else on: the track in the language chosen last, or the
   * first. Nothing happens when the session has no caption track.
   */
  public void toggleCaptions() {
    if (captionTracks.isEmpty()) {
      return;
    }
    if (!selectedCaptions.get().isEmpty()) {
      chooseCaptions("");
      return;
    }
    int match =
        captionLanguage == null
            ? -1
            : LanguageTags.bestMatch(languagesOf(captionTracks), captionLanguage);
    chooseCaptions(captionTracks.get(Math.max(match, 0)).id());
  }

  private static List<String> languagesOf(List<CaptionTrack> tracks) {
    return tracks.stream().map(CaptionTrack::language).toList();
  }

  /**
   * Starts the window's captions as a window that closed with {@code choice} had them: on in its
   * language for the sessions that have it, or off (its language is still the one C turns on).
   */
  public void restoreCaptions(CaptionChoice choice) {
    captionsWanted = choice.on() && choice.language() != null;
    captionLanguage = choice.language();
  }

  /** Whether captions are wanted now and the language chosen last (kept when the window closes). */
  public CaptionChoice captionChoice() {
    return new CaptionChoice(captionsWanted && captionLanguage != null, captionLanguage);
  }

  /** The caption tracks of the session, in manifest order (unmodifiable; empty without any). */
  public ObservableList<CaptionTrack> captionTracks() {
    return captionTracksView;
  }

  /** The id of the caption track shown, "" when captions are off. */
  public ReadOnlyStringProperty selectedCaptionsProperty() {
    return selectedCaptions.getReadOnlyProperty();
  }

  /** The caption lines showing now, joined by new lines; "" when none. */
  public ReadOnlyStringProperty captionTextProperty() {
    return captionText.getReadOnlyProperty();
  }

  // ---------------------------------------------------------------- full screen

  /** The window entered or left full screen. */
  public void setFullscreen(boolean on) {
    fullscreen.set(on);
    userActivity();
  }

  /**
   * The pointer moved or a key was pressed: the controls show again (for a while in full screen).
   */
  public void userActivity() {
    lastActivityNs = nanoTime.getAsLong();
    updateControlsShown();
  }

  /** While {@code held} (the pointer on the controls, a menu open) the controls stay shown. */
  public void holdControls(boolean held) {
    controlsHeld = held;
    userActivity();
  }

  private void updateControlsShown() {
    controlsShown.set(
        !fullscreen.get()
            || controlsHeld
            || !playing.get()
            || nanoTime.getAsLong() - lastActivityNs < CONTROLS_HIDE_AFTER_NS);
  }

  /** Folds in one snapshot of the current session (the latest value wins). */
  public void update(PlayerSnapshot s) {
    PlayerState newState = s.state();
    if (newState != engineState) {
      switch (newState) {
        case PLAYING -> playIntent = true;
        case PAUSED, ENDED, FAILED, CLOSED -> playIntent = false;
        case OPENING, BUFFERING -> {}
      }
      engineState = newState;
    }
    state.set(newState);
    stateText.set(
        newState == PlayerState.BUFFERING && s.originSilentMs() > 0
            ? waitingText(s.originSilentMs())
            : stateText(newState));
    busy.set(newState == PlayerState.OPENING || newState == PlayerState.BUFFERING);
    playing.set(playIntent && canPlay(newState));
    audioOnlyText.set(s.audioOnly() ? "\u266a  Audio only: " + s.audioOnlyReason() : "");

    if (pendingSeekUs >= 0) {
      pendingSeekUpdates++;
      // Reached, or carried out elsewhere (live: a seek to the window's start lands inside it).
      if (Math.abs(s.positionUs() - pendingSeekUs) <= SEEK_SETTLED_WITHIN_US
          || s.seeksDone() >= seeksAsked
          || pendingSeekUpdates > SEEK_PENDING_MAX_UPDATES) {
        pendingSeekUs = -1;
      }
    }
    // The seekable range: live, the DVR window; on demand, the presentation, which starts where
    // its first fragment does (0 for most; a broadcast archived as on-demand keeps its times).
    rangeStartUs = s.seekableStartUs();
    rangeEndUs = s.live() ? s.seekableEndUs() : s.seekableStartUs() + s.durationUs();
    long shownPositionUs = pendingSeekUs >= 0 ? pendingSeekUs : s.positionUs();
    if (newState == PlayerState.ENDED && !s.live() && s.durationUs() > 0 && pendingSeekUs < 0) {
      // The play head stops at the last frame's start (0:59.83 of a 1:00 film); at the end the
      // time reads the whole duration and the seek bar is full, as in every player.
      shownPositionUs = rangeEndUs;
    }
    positionUs.set(shownPositionUs);
    durationUs.set(s.durationUs());
    live.set(s.live());
    seekable.set(rangeEndUs > rangeStartUs);
    positionFraction.set(rangeFraction(shownPositionUs));
    bufferedFraction.set(rangeFraction(s.positionUs() + s.bufferedAheadUs()));
    boolean nearEdge = s.live() && s.liveLatencyMs() >= 0 && s.liveLatencyMs() <= LIVE_EDGE_MS;
    atLiveEdge.set(nearEdge);
    timeText.set(
        s.live()
            ? TimeText.behindLive(Math.round(s.liveLatencyMs() * 1000), nearEdge)
            : timeLeftShown
                ? TimeText.remainingOfDuration(shownPositionUs - rangeStartUs, s.durationUs())
                : TimeText.positionOfDuration(
                    shownPositionUs - rangeStartUs, s.durationUs(), false));

    if (!s.levels().equals(levels)) {
      levels = s.levels();
      List<String> items = new ArrayList<>();
      items.add(AUTO_QUALITY);
      levels.forEach(level -> items.add(level.label()));
      qualityItems.setAll(items);
      engineQuality = null;
    }
    if (!s.quality().equals(engineQuality)) {
      engineQuality = s.quality();
      selectedQuality.set(itemOf(s.quality()));
    }
    autoQualityText.set(
        s.quality().kind() == QualityChoice.Kind.AUTO
            ? s.shownLevelInfo()
                .filter(l -> l.widthPx() > 0 && l.heightPx() > 0)
                .map(l -> AUTO_QUALITY + " (" + l.widthPx() + "\u00d7" + l.heightPx() + ")")
                .orElse(AUTO_QUALITY)
            : AUTO_QUALITY);
    if (!s.audioLanguages().equals(audioLanguages)) {
      audioLanguages.setAll(s.audioLanguages());
    }
    if (!s.audioLanguage().equals(engineAudio)) {
      engineAudio = s.audioLanguage();
      selectedAudio.set(s.audioLanguage());
    }

    List<String> lines = StatsLines.of(s);
    if (!lines.equals(statsLines)) {
      statsLines.setAll(lines);
    }
    engineError =
        newState == PlayerState.FAILED
            ? s.error()
                .map(ErrorText::firstLine)
                .filter(e -> !e.isEmpty())
                .orElse("Playback failed")
            : "";
    showErrors();
    showNotice(s.notice().map(ErrorText::firstLine).orElse(""));
  }

  /**
   * Shows a new notice on the picture for {@link #NOTICE_SHOWN_NS}; after that it stays in the
   * stats overlay only, so an old message does not cover the video for the rest of the session.
   */
  private void showNotice(String latest) {
    long now = nanoTime.getAsLong();
    if (!latest.equals(notice)) {
      notice = latest;
      noticeSinceNs = now;
    }
    boolean noticeFresh = !notice.isEmpty() && now - noticeSinceNs < NOTICE_SHOWN_NS;
    boolean messageFresh = !message.isEmpty() && now - messageSinceNs < NOTICE_SHOWN_NS;
    // The newer of the two while both are fresh.
    if (messageFresh && (!noticeFresh || messageSinceNs >= noticeSinceNs)) {
      noticeText.set(message);
    } else {
      noticeText.set(noticeFresh ? notice : "");
    }
  }

  /**
   * Shows a message of the window's own on the picture, as a notice, for {@link #NOTICE_SHOWN_NS}
   * (e.g. where a frame was saved).
   */
  public void showMessage(String text) {
    message = text;
    messageSinceNs = nanoTime.getAsLong();
    showNotice(notice);
  }

  /**
   * The position as the time label shows it: on demand from the presentation's start, live the
   * media time.
   */
  public long positionFromStartUs() {
    return live.get() ? positionUs.get() : Math.max(0, positionUs.get() - rangeStartUs);
  }

  /** Shows an error of the window's own in the banner (e.g. a frame that could not be saved). */
  public void showError(String text) {
    localError = ErrorText.firstLine(text);
    showErrors();
  }

  // ---------------------------------------------------------------- actions

  /**
   * Plays when paused, pauses when playing; after the end, plays again from the start; after a
   * failure, opens the failed session's input again as a new session. Does nothing without a
   * session.
   */
  public void togglePlay() {
    Player p = player;
    PlayerState now = state.get();
    String target = openedTarget;
    if (p != null && now == PlayerState.FAILED && target != null) {
      // As in other desktop players, Play on a failed session tries its input again (the network
      // may be back, the origin up again), on demand from where it failed; a failure that lasts
      // shows its error again.
      keepWhereLeft();
      open(target, false, openedResumable, live.get() ? 0 : positionFromStartUs());
      return;
    }
    if (p == null || now == PlayerState.FAILED || now == PlayerState.CLOSED) {
      return;
    }
    if (now == PlayerState.ENDED) {
      seekTo(0);
      p.play();
      playIntent = true;
    } else if (playIntent) {
      p.pause();
      playIntent = false;
    } else {
      p.play();
      playIntent = true;
    }
    playing.set(playIntent);
  }

  /**
   * Seeks to {@code positionUs}, clamped to the presentation (when its duration is known). The
   * position shows the target until the snapshots reach it.
   */
  public void seekTo(long positionUs) {
    Player p = player;
    if (p == null) {
      return;
    }
    long targetUs = Math.max(rangeStartUs, positionUs);
    if (rangeEndUs > rangeStartUs) {
      targetUs = Math.min(targetUs, rangeEndUs);
    }
    p.seek(targetUs);
    seeksAsked++;
    pendingSeekUs = targetUs;
    pendingSeekUpdates = 0;
    this.positionUs.set(targetUs);
    positionFraction.set(rangeFraction(targetUs));
  }

  /**
   * Seeks to a fraction (0 to 1) of the duration; does nothing while the duration is unknown.
   *
   * @throws IllegalArgumentException when the fraction is not a number
   */
  public void seekToFraction(double fraction) {
    if (Double.isNaN(fraction)) {
      throw new IllegalArgumentException("seek fraction: expected 0 to 1 but was NaN");
    }
    if (rangeEndUs > rangeStartUs) {
      double f = Math.max(0, Math.min(1, fraction));
      seekTo(rangeStartUs + Math.round(f * (rangeEndUs - rangeStartUs)));
    }
  }

  /**
   * Where a seek to {@code fraction} of the seek bar goes, as the time label would read it there:
   * on demand the position ("1:23"; hours when the presentation is that long), live how far behind
   * the edge ("-0:25", "live" at it); empty when nothing can be sought.
   */
  public String timeAtFraction(double fraction) {
    if (!(rangeEndUs > rangeStartUs) || Double.isNaN(fraction)) {
      return "";
    }
    double f = Math.max(0, Math.min(1, fraction));
    long spanUs = rangeEndUs - rangeStartUs;
    long targetUs = rangeStartUs + Math.round(f * spanUs);
    if (live.get()) {
      long behindUs = rangeEndUs - targetUs;
      return behindUs < 1_000_000 ? "live" : TimeText.behind(behindUs);
    }
    return TimeText.format(targetUs - rangeStartUs, spanUs >= TimeText.HOURS_FROM_US);
  }

  /**
   * The time label of an on-demand presentation shows the time left ("-3:50 / 4:00") instead of the
   * time played, or back (a click on it; live it always says how far behind the edge).
   */
  public void toggleTimeLeft() {
    timeLeftShown = !timeLeftShown;
    refresh();
  }

  /** To the end: the live edge of a live presentation, else the end of the presentation. */
  public void seekToEnd() {
    if (live.get()) {
      goLive();
    } else {
      seekToFraction(1);
    }
  }

  /** Live: back to the live edge (the join offset behind it). */
  public void goLive() {
    Player p = player;
    if (p != null && live.get()) {
      p.seekToLive();
      pendingSeekUs = -1;
    }
  }

  private double rangeFraction(long us) {
    return rangeEndUs > rangeStartUs ? fraction(us - rangeStartUs, rangeEndUs - rangeStartUs) : 0;
  }

  /** Seeks {@code seconds} forward (negative: back) from the position shown. */
  public void seekBy(double seconds) {
    seekTo(positionUs.get() + Math.round(seconds * 1e6));
  }

  /** Sets the output gain, clamped to 0..1 (rounded to whole percent). */
  public void setVolume(double gain) {
    if (Double.isNaN(gain)) {
      throw new IllegalArgumentException("volume: expected 0 to 1 but was NaN");
    }
    double clamped = Math.round(Math.max(0, Math.min(1, gain)) * 100) / 100.0;
    volume.set(clamped);
    Player p = player;
    if (p != null) {
      p.setVolume(clamped);
    }
  }

  /** Changes the volume by {@code delta} (e.g. {@link #VOLUME_STEP}). */
  public void changeVolumeBy(double delta) {
    setVolume(volume.get() + delta);
  }

  /** Mutes or unmutes. */
  public void toggleMute() {
    muted.set(!muted.get());
    Player p = player;
    if (p != null) {
      p.setMuted(muted.get());
    }
  }

  /**
   * Chooses quality item {@code item}: 0 for {@link #AUTO_QUALITY}, {@code i + 1} for level {@code
   * i}.
   *
   * @throws IllegalArgumentException when there is no such item
   */
  public void chooseQuality(int item) {
    if (item < 0 || item >= qualityItems.size()) {
      throw new IllegalArgumentException(
          "quality item: expected 0 to " + (qualityItems.size() - 1) + " but was " + item);
    }
    selectedQuality.set(item);
    Player p = player;
    if (p != null) {
      p.setQuality(item == 0 ? QualityChoice.auto() : QualityChoice.level(item - 1));
    }
  }

  /**
   * Switches audio to {@code language}, one of {@link #audioLanguages()}.
   *
   * @throws IllegalArgumentException when the session has no audio track in that language
   */
  public void chooseAudio(String language) {
    if (!audioLanguages.contains(language)) {
      throw new IllegalArgumentException(
          "audio language: expected one of " + audioLanguages + " but was '" + language + "'");
    }
    selectedAudio.set(language);
    Player p = player;
    if (p != null) {
      p.setAudioLanguage(language);
    }
  }

  /** Shows or hides the stats overlay. */
  public void toggleStats() {
    statsVisible.set(!statsVisible.get());
  }

  /** Hides the window's own error (the engine's error stays while the session has failed). */
  public void dismissError() {
    localError = "";
    showErrors();
  }

  /**
   * Opens {@code input} (an http, https or file URL, or a presentation folder): checks it, closes
   * the current session and opens a new one through the opener. A bad input leaves the current
   * session playing and shows why in {@link #errorTextProperty()}. What opens is remembered first
   * in {@link #recentInputs()}.
   *
   * @return true when a new session was opened
   */
  public boolean openUrl(String input) {
    return openUrl(input, true);
  }

  /**
   * As {@link #openUrl(String)}; {@code remember} false leaves {@link #recentInputs()} as it is
   * (the built-in sample, whose local address changes from run to run). A remembered on-demand
   * input starts where it was left (and says so on the picture), else at its start.
   */
  public boolean openUrl(String input, boolean remember) {
    return openUrl(input, remember, FirstSession.WHERE_LEFT);
  }

  /**
   * As {@link #openUrl(String, boolean)}, starting at {@code startUs} from the presentation's
   * start, or with {@link FirstSession#WHERE_LEFT} as that method does.
   */
  public boolean openUrl(String input, boolean remember, long startUs) {
    String target;
    try {
      target = OpenTarget.check(input);
    } catch (InvalidOpenTargetException e) {
      localError = ErrorText.firstLine(e.getMessage());
      showErrors();
      return false;
    }
    // Kept first: the current session may be this input's own.
    keepWhereLeft();
    long resumeUs = remember && startUs < 0 ? positions.positionUs(target).orElse(0) : 0;
    if (!open(target, remember, remember, startUs >= 0 ? startUs : resumeUs)) {
      return false;
    }
    if (resumeUs > 0) {
      showMessage(
          "Resumed at "
              + TimeText.format(resumeUs, resumeUs >= TimeText.HOURS_FROM_US)
              + ", where it was left (Home: from the start)");
    }
    return true;
  }

  /**
   * Closes the current session and opens {@code target}, a checked input, at {@code startUs}; false
   * (the reason in the banner) when it cannot be opened.
   */
  private boolean open(String target, boolean remember, boolean resumable, long startUs) {
    closePlayer();
    startSession(target);
    Player opened;
    try {
      opened = opener.open(target, startUs);
    } catch (RuntimeException e) {
      localError = "Cannot open " + target + ": " + ErrorText.of(e);
      LOG.warn("{}", localError);
      LOG.debug("opening {} failed", target, e);
      close();
      showErrors();
      return false;
    }
    player = opened;
    playerProperty.set(opened);
    openedTarget = target;
    openedResumable = resumable;
    if (remember) {
      recent.remember(target);
      recentInputs.setAll(recent.entries());
    }
    opened.setVolume(volume.get());
    opened.setMuted(muted.get());
    if (viewportWidthPx > 0 && viewportHeightPx > 0) {
      opened.setViewport(viewportWidthPx, viewportHeightPx);
    }
    update(opened.snapshot());
    return true;
  }

  /**
   * Keeps where the current on-demand session is (as the time label shows it) for its input, when
   * the input is remembered and its duration known; an end or a start forgets it (see {@link
   * ResumePositions#leftAt}).
   */
  private void keepWhereLeft() {
    String target = openedTarget;
    if (player == null || target == null || !openedResumable || live.get()) {
      return;
    }
    long duration = durationUs.get();
    if (duration > 0) {
      positions.leftAt(target, positionFromStartUs(), duration);
    }
  }

  /**
   * The size of the video surface in physical pixels; forwarded to the player when it changes and
   * to every player opened later.
   *
   * @throws IllegalArgumentException when a size is not positive
   */
  public void setViewport(int widthPx, int heightPx) {
    if (widthPx <= 0 || heightPx <= 0) {
      throw new IllegalArgumentException(
          "viewport: expected a positive size but was " + widthPx + "x" + heightPx);
    }
    if (widthPx == viewportWidthPx && heightPx == viewportHeightPx) {
      return;
    }
    viewportWidthPx = widthPx;
    viewportHeightPx = heightPx;
    Player p = player;
    if (p != null) {
      p.setViewport(widthPx, heightPx);
    }
  }

  /** Forgets every recent input. */
  public void clearRecentInputs() {
    recent.clear();
    recentInputs.clear();
  }

  /** Closes the current session (the window is closing); idempotent. */
  @Override
  public void close() {
    keepWhereLeft();
    closePlayer();
    state.set(PlayerState.CLOSED);
    stateText.set(stateText(PlayerState.CLOSED));
    busy.set(false);
    playing.set(false);
    audioOnlyText.set("");
  }

  // ---------------------------------------------------------------- properties

  /** The current session, null before the first open, after a failed open and after close. */
  public @Nullable Player player() {
    return player;
  }

  /** The current session as a property (the view clears the surface when it changes). */
  public ReadOnlyObjectProperty<@Nullable Player> playerProperty() {
    return playerProperty.getReadOnlyProperty();
  }

  /** The engine's state ({@link PlayerState#CLOSED} without a session). */
  public ReadOnlyObjectProperty<PlayerState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** The state in words ("Buffering…"). */
  public ReadOnlyStringProperty stateTextProperty() {
    return stateText.getReadOnlyProperty();
  }

  /** True while opening or buffering (the busy indicator shows). */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /**
   * True while the audio plays alone: an audio-only presentation, or one whose video cannot be
   * played.
   */
  public ReadOnlyBooleanProperty audioOnlyProperty() {
    return audioOnly.getReadOnlyProperty();
  }

  /** What the surface says while the audio plays alone ("♪ Audio only: …"); empty otherwise. */
  public ReadOnlyStringProperty audioOnlyTextProperty() {
    return audioOnlyText.getReadOnlyProperty();
  }

  /** Whether the window is in full screen (as last told by {@link #setFullscreen}). */
  public ReadOnlyBooleanProperty fullscreenProperty() {
    return fullscreen.getReadOnlyProperty();
  }

  /**
   * Whether the menu bar and the controls show: always outside full screen; in full screen while
   * paused, held, or within {@link #CONTROLS_HIDE_AFTER_NS} of the last activity.
   */
  public ReadOnlyBooleanProperty controlsShownProperty() {
    return controlsShown.getReadOnlyProperty();
  }

  /** True when playing or about to (the button offers pause). */
  public ReadOnlyBooleanProperty playingProperty() {
    return playing.getReadOnlyProperty();
  }

  /** Position shown, microseconds (a seek's target until the engine reaches it). */
  public ReadOnlyLongProperty positionUsProperty() {
    return positionUs.getReadOnlyProperty();
  }

  /** Duration, microseconds; 0 when unknown or live. */
  public ReadOnlyLongProperty durationUsProperty() {
    return durationUs.getReadOnlyProperty();
  }

  /** Position as a fraction of the duration (the seek bar's value), 0 when unknown. */
  public ReadOnlyDoubleProperty positionFractionProperty() {
    return positionFraction.getReadOnlyProperty();
  }

  /** End of the buffered media as a fraction of the duration, 0 when unknown. */
  public ReadOnlyDoubleProperty bufferedFractionProperty() {
    return bufferedFraction.getReadOnlyProperty();
  }

  /** True for a live presentation. */
  public ReadOnlyBooleanProperty liveProperty() {
    return live.getReadOnlyProperty();
  }

  /** Live and within a few seconds of the edge (the Live button then has nothing to do). */
  public ReadOnlyBooleanProperty atLiveEdgeProperty() {
    return atLiveEdge.getReadOnlyProperty();
  }

  /** True when there is a range to seek in: the duration (VOD) or the DVR window (live). */
  public ReadOnlyBooleanProperty seekableProperty() {
    return seekable.getReadOnlyProperty();
  }

  /** "m:ss / m:ss" (h:mm:ss from an hour on). */
  public ReadOnlyStringProperty timeTextProperty() {
    return timeText.getReadOnlyProperty();
  }

  /** Output gain, 0 to 1. */
  public ReadOnlyDoubleProperty volumeProperty() {
    return volume.getReadOnlyProperty();
  }

  /** True when muted. */
  public ReadOnlyBooleanProperty mutedProperty() {
    return muted.getReadOnlyProperty();
  }

  /** "Auto" followed by each level's label, lowest bitrate first (unmodifiable). */
  public ObservableList<String> qualityItems() {
    return qualityItemsView;
  }

  /** The text of the Auto quality item: "Auto (1280×720)" while Auto shows that level. */
  public ReadOnlyStringProperty autoQualityTextProperty() {
    return autoQualityText.getReadOnlyProperty();
  }

  /**
   * Index in {@link #qualityItems()} of the quality choice: 0 for auto, {@code level + 1} for a
   * forced level, -1 for a bitrate ceiling (no item matches it).
   */
  public ReadOnlyIntegerProperty selectedQualityProperty() {
    return selectedQuality.getReadOnlyProperty();
  }

  /** Languages of the audio tracks, in manifest order (unmodifiable). */
  public ObservableList<String> audioLanguages() {
    return audioLanguagesView;
  }

  /** Language of the audio track playing, "" without audio. */
  public ReadOnlyStringProperty selectedAudioProperty() {
    return selectedAudio.getReadOnlyProperty();
  }

  /** True when the stats overlay shows. */
  public ReadOnlyBooleanProperty statsVisibleProperty() {
    return statsVisible.getReadOnlyProperty();
  }

  /** The stats overlay's lines, "Name: value" (unmodifiable). */
  public ObservableList<String> statsLines() {
    return statsLinesView;
  }

  /** A readable one-line error, "" when there is none. */
  public ReadOnlyStringProperty errorTextProperty() {
    return errorText.getReadOnlyProperty();
  }

  /** A message for the user that is not an error, "" when there is none. */
  public ReadOnlyStringProperty noticeTextProperty() {
    return noticeText.getReadOnlyProperty();
  }

  /** The inputs opened lately, most recent first (read-only; follows every open). */
  public ObservableList<String> recentInputs() {
    return recentInputsView;
  }

  /** The window title: "Smooth Player — " and what is open. */
  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  // ---------------------------------------------------------------- helpers

  private void startSession(String target) {
    title.set(APP_NAME + " \u2014 " + target);
    localError = "";
    engineError = "";
    engineState = null;
    notice = "";
    engineQuality = null;
    engineAudio = null;
    playIntent = true;
    pendingSeekUs = -1;
    seeksAsked = 0;
    update(PlayerSnapshot.opening(target));
  }

  private void closePlayer() {
    Player p = player;
    if (p == null) {
      return;
    }
    player = null;
    playerProperty.set(null);
    updateCaptions(Captions.none(), 0);
    try {
      closer.accept(p);
    } catch (RuntimeException e) {
      LOG.warn("closing the player failed: {}", ErrorText.of(e), e);
    }
  }

  private void showErrors() {
    errorText.set(localError.isEmpty() ? engineError : localError);
  }

  private int itemOf(QualityChoice choice) {
    return switch (choice.kind()) {
      case AUTO -> 0;
      case LEVEL -> choice.level() < levels.size() ? choice.level() + 1 : -1;
      case MAX_BITRATE -> -1;
    };
  }

  private static boolean canPlay(PlayerState s) {
    return s != PlayerState.ENDED && s != PlayerState.FAILED && s != PlayerState.CLOSED;
  }

  private static double fraction(long partUs, long wholeUs) {
    return wholeUs > 0 ? Math.max(0, Math.min(1, (double) partUs / wholeUs)) : 0;
  }

  /** The state text while playback waits for an origin that has not answered for {@code ms}. */
  static String waitingText(long ms) {
    return "Waiting for the server\u2026 (no answer for " + ms / 1000 + " s)";
  }

  static String stateText(PlayerState s) {
    return switch (s) {
      case OPENING -> "Opening\u2026";
      case BUFFERING -> "Buffering\u2026";
      case PLAYING -> "Playing";
      case PAUSED -> "Paused";
      case ENDED -> "Ended";
      case FAILED -> "Failed";
      case CLOSED -> "Closed";
    };
  }
}
