package org.smoothplayer.app.session.report;

import java.util.List;
import java.util.Map;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionEvent.Decision;
import org.smoothplayer.app.session.SessionEvent.FragmentLoaded;
import org.smoothplayer.app.session.SessionEvent.Progress;

/**
 * A short scripted session on a two-level ladder: start-up, a switch up, a 600-ms stall, dropped
 * frames, an audio fragment and the end. Times in ms.
 */
final class ScriptedSession {
  static final long LOW_BPS = 400_000;
  static final long HIGH_BPS = 1_200_000;

  private ScriptedSession() {}

  static List<SessionEvent> events(Map<String, String> nonDefaults) {
    return List.of(
        new SessionEvent.SessionStarted(
            0, 1, "test", "Linux", "Java 17", "http://127.0.0.1/Manifest", nonDefaults, 0),
        new SessionEvent.ManifestLoaded(
            10,
            "http://127.0.0.1/Manifest",
            false,
            6_000_000,
            List.of(LOW_BPS, HIGH_BPS),
            2_000_000,
            List.of("en"),
            9.5),
        new Decision(20, 0, 0, LOW_BPS, "startup", 0, 0, -1, Map.of()),
        new FragmentLoaded(220, "video", 0, 0, 0, 2_000_000, LOW_BPS, 100_000, 20, 200, 4e6),
        new FragmentLoaded(240, "audio", 0, 0, 0, 2_000_000, 128_000, 32_000, 10, 20, 12.8e6),
        new SessionEvent.ThroughputEstimate(221, 4e6),
        new SessionEvent.StateChanged(300, "BUFFERING", "PLAYING", 0),
        new SessionEvent.QualityRendered(310, 0, LOW_BPS, -1, 0),
        new Decision(320, 1, 1, HIGH_BPS, "throughput, \"fast\"", 1.9, 4e6, 0, Map.of()),
        new FragmentLoaded(
            900, "video", 1, 1, 2_000_000, 2_000_000, HIGH_BPS, 300_000, 30, 580, 4.14e6),
        new Decision(920, 2, 1, HIGH_BPS, "throughput", 2.5, 4.1e6, 1, Map.of()),
        new Progress(1300, 1_000_000, 3_000_000, 3_000_000, "PLAYING", 0, 25, 0),
        new SessionEvent.QualityRendered(2300, 1, HIGH_BPS, 0, 2_000_000),
        new SessionEvent.FramesDropped(2400, 1, 3, 3),
        new SessionEvent.StallStarted(2500, 2_200_000),
        new FragmentLoaded(
            3050, "video", 1, 2, 4_000_000, 2_000_000, HIGH_BPS, 300_000, 40, 2100, 1.14e6),
        new SessionEvent.StallEnded(3100, 2_200_000, 600),
        new Progress(4100, 3_200_000, 2_800_000, 2_800_000, "PLAYING", 1, 80, 3),
        new SessionEvent.SessionEnded(7000, "ended", "", 6_000_000, 150, 3, 0));
  }
}
