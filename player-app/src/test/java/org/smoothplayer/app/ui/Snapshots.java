package org.smoothplayer.app.ui;

import java.util.List;
import java.util.Optional;
import org.smoothplayer.app.engine.LevelInfo;
import org.smoothplayer.app.engine.PlayerSnapshot;
import org.smoothplayer.app.engine.PlayerState;
import org.smoothplayer.app.engine.QualityChoice;

/**
 * Builds {@link PlayerSnapshot}s for tests: a playing two-level session, changed field by field.
 */
final class Snapshots {
  static final String URL = "http://127.0.0.1:8080/tiny/Manifest";
  static final List<LevelInfo> TWO_LEVELS =
      List.of(new LevelInfo(0, 150_000, 160, 90), new LevelInfo(1, 400_000, 320, 180));

  PlayerState state = PlayerState.PLAYING;
  long positionUs = 10_000_000;
  long durationUs = 240_000_000;
  boolean live;
  long bufferedVideoEndUs = 40_000_000;
  long bufferedAudioEndUs = 42_000_000;
  List<LevelInfo> levels = TWO_LEVELS;
  QualityChoice quality = QualityChoice.auto();
  int shownLevel = 1;
  int decidedLevel = 1;
  double throughputEstimateBps = 2_500_000;
  long renderedFrames = 250;
  long droppedFrames = 3;
  double avDriftMs = 12.4;
  String lastDecisionReason = "buffer above 20 s, estimate allows level 1";
  List<String> audioLanguages = List.of("en", "fr");
  String audioLanguage = "en";
  Optional<String> error = Optional.empty();
  Optional<String> notice = Optional.empty();
  long startupMs = 480;

  /**
   * Live: the DVR window's start, -1 derives it from the position; on demand: where the
   * presentation starts, -1 for 0 (the seekable end is then that plus the duration).
   */
  long seekableStartUs = -1;

  /** Live only: the DVR window's end and the latency; -1 derives them from the position. */
  long seekableEndUs = -1;

  double liveLatencyMs = -1;
  long originSilentMs = 0;

  /** Seeks the engine has carried out. */
  long seeksDone = 0;

  /** Why the audio plays alone; empty with video. */
  String audioOnlyReason = "";

  /** The audio playing, as the engine describes it. */
  String audioTrack = "en \u00b7 AAC stereo \u00b7 128 kbps";

  PlayerSnapshot build() {
    return new PlayerSnapshot(
        state,
        URL,
        positionUs,
        durationUs,
        live,
        bufferedVideoEndUs,
        bufferedAudioEndUs,
        levels,
        quality,
        shownLevel,
        decidedLevel,
        throughputEstimateBps,
        renderedFrames,
        droppedFrames,
        avDriftMs,
        lastDecisionReason,
        audioLanguages,
        audioLanguage,
        error,
        notice,
        startupMs,
        live
            ? (seekableStartUs >= 0 ? seekableStartUs : Math.max(0, positionUs - 60_000_000L))
            : Math.max(0, seekableStartUs),
        live
            ? (seekableEndUs >= 0 ? seekableEndUs : positionUs + 4_000_000L)
            : Math.max(0, seekableStartUs) + durationUs,
        live ? (liveLatencyMs >= 0 ? liveLatencyMs : 4000) : -1,
        originSilentMs,
        seeksDone,
        audioOnlyReason,
        audioTrack);
  }
}
