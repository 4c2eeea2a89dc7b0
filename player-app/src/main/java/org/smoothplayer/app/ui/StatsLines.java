package org.smoothplayer.app.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.smoothplayer.app.engine.LevelInfo;
import org.smoothplayer.app.engine.PlayerSnapshot;

/** The lines of the stats overlay, computed from one snapshot. */
final class StatsLines {

  /** Shown for a value that is not known yet. */
  static final String UNKNOWN = "\u2014";

  /** Shown for the video's values when the presentation has none. */
  static final String AUDIO_ONLY = "none (audio only)";

  private StatsLines() {}

  /** One "Name: value" line per statistic, in display order; the latest notice last, if any. */
  static List<String> of(PlayerSnapshot s) {
    Optional<LevelInfo> shown = s.shownLevelInfo();
    // Levels count from 0, as in the session log and the level burnt into test content, so the
    // range is spelled out ("3 of 5" read as the third level, which is 2).
    String level =
        (s.shownLevel() >= 0 ? Integer.toString(s.shownLevel()) : UNKNOWN)
            + " ("
            + (s.levels().isEmpty() ? "" : "levels 0\u2013" + (s.levels().size() - 1) + "; ")
            + "decided "
            + (s.decidedLevel() >= 0 ? Integer.toString(s.decidedLevel()) : UNKNOWN)
            + ")";
    String resolution =
        s.audioOnly()
            ? AUDIO_ONLY
            : shown
                .filter(l -> l.widthPx() > 0 && l.heightPx() > 0)
                .map(l -> l.widthPx() + "\u00d7" + l.heightPx())
                .orElse(UNKNOWN);
    String bitrate = shown.map(l -> mbps(l.bitrateBps())).orElse(UNKNOWN);
    String throughput = s.throughputEstimateBps() > 0 ? mbps(s.throughputEstimateBps()) : UNKNOWN;
    List<String> lines = new ArrayList<>();
    Collections.addAll(
        lines,
        "Level: " + level,
        "Resolution: " + resolution,
        "Bitrate: " + bitrate,
        "Throughput: " + throughput,
        "Buffer: " + String.format(Locale.ROOT, "%.1f s", s.bufferedAheadUs() / 1e6),
        "Frames: "
            + (s.audioOnly()
                ? AUDIO_ONLY
                : s.renderedFrames() + " rendered, " + s.droppedFrames() + " dropped"),
        "A/V drift: "
            + (s.audioOnly() ? AUDIO_ONLY : String.format(Locale.ROOT, "%.0f ms", s.avDriftMs())),
        "Audio: " + (s.audioTrack().isEmpty() ? UNKNOWN : s.audioTrack()),
        "Quality: " + s.quality(),
        "Reason: " + (s.lastDecisionReason().isBlank() ? UNKNOWN : s.lastDecisionReason()));
    s.notice().map(ErrorText::firstLine).ifPresent(n -> lines.add("Notice: " + n));
    return List.copyOf(lines);
  }

  private static String mbps(double bitsPerSecond) {
    return String.format(Locale.ROOT, "%.2f Mbps", bitsPerSecond / 1e6);
  }
}
