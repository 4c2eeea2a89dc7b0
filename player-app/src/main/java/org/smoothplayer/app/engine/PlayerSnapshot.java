package org.smoothplayer.app.engine;

import java.util.List;
import java.util.Optional;

/**
 * What the player looks like at one instant, published by the playback loop (latest value wins).
 * Immutable; views bind to it through their view models.
 *
 * @param state what the player is doing
 * @param url the manifest URL of the session
 * @param positionUs master-clock position
 * @param durationUs presentation duration, 0 when unknown (live); for a VOD timeline that starts
 *     after 0, from its first fragment's start to its last one's end
 * @param live true for a live presentation
 * @param bufferedVideoEndUs end of the video fetched ahead of the position
 * @param bufferedAudioEndUs end of the audio fetched ahead of the position (the video end when the
 *     presentation has no audio)
 * @param levels the video ladder, lowest bitrate first (audio-only: the audio track's levels)
 * @param quality the user's quality choice
 * @param shownLevel level of the frame on screen (audio-only: of the audio heard), -1 before the
 *     first
 * @param decidedLevel level chosen for the last video fragment requested, -1 before the first
 * @param throughputEstimateBps current throughput estimate, 0 before the first transfer
 * @param renderedFrames frames shown since the session started
 * @param droppedFrames frames dropped (late) since the session started
 * @param avDriftMs latest A/V drift (video minus audio clock, positive = video late)
 * @param lastDecisionReason the heuristics' reason for the last decision, empty before the first
 * @param audioLanguages labels of the audio tracks, in manifest order: their languages ("und" when
 *     unnamed), with codec and channels where several share a language ({@code deu (E-AC-3 5.1)});
 *     each one chooses its track in {@link Player#setAudioLanguage}
 * @param audioLanguage label of the audio track playing, empty without audio
 * @param error the fatal error, readable, when {@code state} is FAILED
 * @param notice a message for the user that is not an error (e.g. audio unavailable)
 * @param startupMs time from session start to the first frame shown, -1 before it
 * @param seekableStartUs where the seekable range starts (VOD: where the presentation starts, its
 *     earliest first fragment, usually 0; live: the DVR window start, and a seek there lands two
 *     fragments inside it, so that the moving window does not leave it behind at once)
 * @param seekableEndUs latest position a seek may reach (VOD: that start plus the duration; live:
 *     the edge)
 * @param liveLatencyMs distance to the live edge, -1 for VOD
 * @param originSilentMs while the origin is out (it has answered nothing, not even its manifest
 *     URL, for two requests and 3 s: playback waits for it), how long it has been silent; 0 while
 *     it answers
 * @param seeksDone how many of {@link Player#seek}'s requests the engine has carried out; after the
 *     N-th, the position is where that seek went (live: maybe later than asked, inside the window),
 *     so a view showing the target of its N-th seek can show the position again
 * @param audioOnlyReason why the audio plays alone and nothing is shown ({@link
 *     PlaybackEngine#AUDIO_ONLY_NO_VIDEO}, {@link PlaybackEngine#AUDIO_ONLY_VIDEO_UNPLAYABLE});
 *     empty while there is video
 * @param audioTrack the audio playing: language, codec and channels, bitrate of its last level
 *     asked for ({@code deu · E-AC-3 5.1 · 224 kbps}); empty without audio
 */
public record PlayerSnapshot(
    PlayerState state,
    String url,
    long positionUs,
    long durationUs,
    boolean live,
    long bufferedVideoEndUs,
    long bufferedAudioEndUs,
    List<LevelInfo> levels,
    QualityChoice quality,
    int shownLevel,
    int decidedLevel,
    double throughputEstimateBps,
    long renderedFrames,
    long droppedFrames,
    double avDriftMs,
    String lastDecisionReason,
    List<String> audioLanguages,
    String audioLanguage,
    Optional<String> error,
    Optional<String> notice,
    long startupMs,
    long seekableStartUs,
    long seekableEndUs,
    double liveLatencyMs,
    long originSilentMs,
    long seeksDone,
    String audioOnlyReason,
    String audioTrack) {

  /** Copies the lists. */
  public PlayerSnapshot {
    levels = List.copyOf(levels);
    audioLanguages = List.copyOf(audioLanguages);
  }

  /** The snapshot of a session that has not loaded its manifest yet. */
  public static PlayerSnapshot opening(String url) {
    return new PlayerSnapshot(
        PlayerState.OPENING,
        url,
        0,
        0,
        false,
        0,
        0,
        List.of(),
        QualityChoice.auto(),
        -1,
        -1,
        0,
        0,
        0,
        0,
        "",
        List.of(),
        "",
        Optional.empty(),
        Optional.empty(),
        -1,
        0,
        0,
        -1,
        0,
        0,
        "",
        "");
  }

  /** Whether the audio plays alone (an audio-only presentation, or its video cannot be played). */
  public boolean audioOnly() {
    return !audioOnlyReason.isEmpty();
  }

  /**
   * Media buffered ahead of the position, microseconds (never negative): the shorter of the video
   * and the audio, or the audio of an audio-only presentation.
   */
  public long bufferedAheadUs() {
    long endUs =
        audioOnly() ? bufferedAudioEndUs : Math.min(bufferedVideoEndUs, bufferedAudioEndUs);
    return Math.max(0, endUs - positionUs);
  }

  /** The level shown, when a frame has been shown. */
  public Optional<LevelInfo> shownLevelInfo() {
    return shownLevel >= 0 && shownLevel < levels.size()
        ? Optional.of(levels.get(shownLevel))
        : Optional.empty();
  }
}
