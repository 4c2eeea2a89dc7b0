package org.smoothplayer.app.session;

import java.util.List;
import java.util.Map;
import org.smoothplayer.app.session.SessionEvent.AvDrift;
import org.smoothplayer.app.session.SessionEvent.ConfigChanged;
import org.smoothplayer.app.session.SessionEvent.Decision;
import org.smoothplayer.app.session.SessionEvent.DecoderError;
import org.smoothplayer.app.session.SessionEvent.FragmentAbandoned;
import org.smoothplayer.app.session.SessionEvent.FragmentFailed;
import org.smoothplayer.app.session.SessionEvent.FragmentLoaded;
import org.smoothplayer.app.session.SessionEvent.FragmentRequested;
import org.smoothplayer.app.session.SessionEvent.FramesDropped;
import org.smoothplayer.app.session.SessionEvent.LiveLatency;
import org.smoothplayer.app.session.SessionEvent.ManifestLoaded;
import org.smoothplayer.app.session.SessionEvent.Notice;
import org.smoothplayer.app.session.SessionEvent.Progress;
import org.smoothplayer.app.session.SessionEvent.QualityRendered;
import org.smoothplayer.app.session.SessionEvent.Seek;
import org.smoothplayer.app.session.SessionEvent.SessionEnded;
import org.smoothplayer.app.session.SessionEvent.SessionStarted;
import org.smoothplayer.app.session.SessionEvent.StallEnded;
import org.smoothplayer.app.session.SessionEvent.StallStarted;
import org.smoothplayer.app.session.SessionEvent.StateChanged;
import org.smoothplayer.app.session.SessionEvent.ThroughputEstimate;

/** Hand-written events for the tests, and short factories for the summary scripts. */
final class Events {
  static final List<Long> LADDER_BPS = List.of(230_000L, 1_000_000L, 4_500_000L);

  private Events() {}

  /** One event of every type, with values that exercise the mapping (escapes, NaN, maps). */
  static List<SessionEvent> everyType() {
    return List.of(
        new SessionStarted(
            0.0,
            1,
            "0.1.0",
            "Linux 6.1",
            "OpenJDK 17.0.12",
            "http://127.0.0.1:8080/bbb/Manifest",
            Map.of("abr.policy", "bola", "buffer.maxS", "40"),
            1_700_000_000_123L),
        new ManifestLoaded(
            48.25,
            "http://127.0.0.1:8080/bbb/Manifest",
            false,
            60_000_000L,
            LADDER_BPS,
            2_000_000L,
            List.of("en", "fr"),
            47.5),
        new Decision(
            49.0,
            0,
            0,
            230_000L,
            "startup: lowest level",
            0.0,
            0.0,
            -1,
            Map.of("safetyFactor", 0.85, "bufferS", 0.0, "estimateBps", Double.NaN)),
        new FragmentRequested(
            49.5, "video", 0, 0, 0L, "http://127.0.0.1:8080/bbb/QualityLevels(230000)/0"),
        new FragmentLoaded(
            180.75, "video", 0, 0, 0L, 2_000_000L, 230_000L, 57_500L, 20.5, 131.25, 3_504_761.9),
        new ThroughputEstimate(181.0, 3_504_761.9),
        new FragmentFailed(190.0, "audio", 0, 3, "HTTP 503 \"Service Unavailable\"", "retry"),
        new FragmentAbandoned(200.0, "video", 2, 4, "seek"),
        new StateChanged(412.0, "BUFFERING", "PLAYING", 0L),
        new QualityRendered(431.5, 0, 230_000L, -1, 0L),
        new FramesDropped(2000.0, 2, 3L, 5L),
        new AvDrift(2100.0, -1.25, 4.5, 30),
        new Progress(2431.0, 2_000_000L, 6_000_000L, 6_500_000L, "PLAYING", 0, 48L, 0L),
        new StallStarted(3000.0, 2_500_000L),
        new StallEnded(3750.0, 2_500_000L, 750.0),
        new Seek(4000.0, 3_000_000L, 30_000_000L),
        new DecoderError(4100.0, "video", "corrupt", "line 1\nline 2\ttab, ünïcødé Ω"),
        new ConfigChanged(4200.0, Map.of("abr.policy", "bola -> throughput")),
        new LiveLatency(4250.0, 3500.5, 3_640_000_000L, 3_580_000_000L, 3_636_499_500L),
        new Notice(4300.0, "no audio device; the clock follows the system clock"),
        new SessionEnded(9000.0, "closed", "", 34_000_000L, 200L, 5L, 0L));
  }

  static StateChanged state(double tMs, String from, String to, long positionUs) {
    return new StateChanged(tMs, from, to, positionUs);
  }

  static Progress progress(double tMs, long positionUs) {
    return progress(tMs, positionUs, 0, 0);
  }

  static Progress progress(double tMs, long positionUs, long rendered, long dropped) {
    return new Progress(tMs, positionUs, 0, 0, "PLAYING", 0, rendered, dropped);
  }

  static QualityRendered shown(double tMs, int level, int previousLevel, long positionUs) {
    return new QualityRendered(tMs, level, LADDER_BPS.get(level), previousLevel, positionUs);
  }

  static Seek seek(double tMs, long fromUs, long toUs) {
    return new Seek(tMs, fromUs, toUs);
  }

  static StallStarted stallStarted(double tMs, long positionUs) {
    return new StallStarted(tMs, positionUs);
  }

  static StallEnded stallEnded(double tMs, long positionUs, double durationMs) {
    return new StallEnded(tMs, positionUs, durationMs);
  }

  static FragmentLoaded fragment(double tMs, String stream, int chunk, long bitrateBps) {
    return fragment(tMs, stream, chunk, bitrateBps, bitrateBps * 4.0);
  }

  static FragmentLoaded fragment(
      double tMs, String stream, int chunk, long bitrateBps, double throughputBps) {
    return new FragmentLoaded(
        tMs,
        stream,
        0,
        chunk,
        chunk * 2_000_000L,
        2_000_000L,
        bitrateBps,
        bitrateBps / 4,
        10.0,
        100.0,
        throughputBps);
  }

  static AvDrift drift(double tMs, double driftMs) {
    return new AvDrift(tMs, driftMs, Math.abs(driftMs), 25);
  }

  static FramesDropped dropped(double tMs, int level, long count, long total) {
    return new FramesDropped(tMs, level, count, total);
  }

  static ManifestLoaded manifest(double tMs) {
    return new ManifestLoaded(
        tMs,
        "http://127.0.0.1/Manifest",
        false,
        60_000_000L,
        LADDER_BPS,
        2_000_000L,
        List.of("en"),
        10.0);
  }

  static SessionEnded ended(
      double tMs, String reason, long positionUs, long rendered, long droppedFrames) {
    return new SessionEnded(tMs, reason, "", positionUs, rendered, droppedFrames, 0L);
  }
}
