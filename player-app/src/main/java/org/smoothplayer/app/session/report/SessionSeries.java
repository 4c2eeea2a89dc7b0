package org.smoothplayer.app.session.report;

import java.util.ArrayList;
import java.util.List;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionSummary;

/**
 * The time series of one session, taken from its events only (the same for a live session, a log
 * file and a simulated session). Times are session seconds ({@code tMs / 1000}). Of an audio-only
 * presentation ({@link SessionSummary#leadStream}) the measured throughput and the buffer are the
 * audio's.
 *
 * @param endS time of the last event
 * @param chosenBitrateBps bitrate of the level each decision chose (a step series)
 * @param shownBitrateBps bitrate of the level on screen, from each {@code quality_rendered} (steps)
 * @param throughputEstimateBps the throughput estimate after each transfer
 * @param measuredThroughputBps the measured throughput of each video fragment (points)
 * @param bufferS video buffered ahead of the position, from progress reports and decisions (0 at a
 *     stall's start and at the end of a session played to its end)
 * @param droppedFrames dropped frames since the session started (a step series)
 * @param switchesS times at which a switch became visible
 * @param stalls stalls, from their start to their end (or to the end of the session)
 * @param ladderBps the video ladder of the last {@code manifest_loaded}, lowest first
 * @param leadStream the stream whose buffer and throughput are drawn: {@code video}, or {@code
 *     audio} for an audio-only presentation
 */
public record SessionSeries(
    double endS,
    List<Point> chosenBitrateBps,
    List<Point> shownBitrateBps,
    List<Point> throughputEstimateBps,
    List<Point> measuredThroughputBps,
    List<Point> bufferS,
    List<Point> droppedFrames,
    List<Double> switchesS,
    List<Interval> stalls,
    List<Long> ladderBps,
    String leadStream) {

  /** The {@code session_ended} reason of a session played to its end. */
  static final String ENDED = "ended";

  /** A series without points. */
  public static final SessionSeries EMPTY = of(List.of());

  /** Copies the lists. */
  public SessionSeries {
    chosenBitrateBps = List.copyOf(chosenBitrateBps);
    shownBitrateBps = List.copyOf(shownBitrateBps);
    throughputEstimateBps = List.copyOf(throughputEstimateBps);
    measuredThroughputBps = List.copyOf(measuredThroughputBps);
    bufferS = List.copyOf(bufferS);
    droppedFrames = List.copyOf(droppedFrames);
    switchesS = List.copyOf(switchesS);
    stalls = List.copyOf(stalls);
    ladderBps = List.copyOf(ladderBps);
  }

  /**
   * One value at one time.
   *
   * @param tS session seconds
   * @param value the value, in the unit of its series
   */
  public record Point(double tS, double value) {}

  /**
   * A span of session time.
   *
   * @param startS start, session seconds
   * @param endS end, session seconds
   */
  public record Interval(double startS, double endS) {}

  /** The series of {@code events}, in log order. */
  public static SessionSeries of(List<SessionEvent> events) {
    double endS = 0;
    List<Point> chosen = new ArrayList<>();
    List<Point> shown = new ArrayList<>();
    List<Point> estimate = new ArrayList<>();
    List<Point> measured = new ArrayList<>();
    List<Point> buffer = new ArrayList<>();
    List<Point> dropped = new ArrayList<>();
    List<Double> switches = new ArrayList<>();
    List<Interval> stalls = new ArrayList<>();
    List<Long> ladder = List.of();
    String lead = SessionSummary.VIDEO_STREAM;
    double openStallS = Double.NaN;
    long lastDropped = -1;
    for (SessionEvent event : events) {
      double tS = event.tMs() / 1000.0;
      if (Double.isFinite(tS)) {
        endS = Math.max(endS, tS);
      } else {
        continue;
      }
      if (event instanceof SessionEvent.ManifestLoaded e) {
        ladder = e.videoBitratesBps();
        lead = SessionSummary.leadStream(e);
      } else if (event instanceof SessionEvent.Decision e) {
        chosen.add(new Point(tS, e.bitrateBps()));
        addFinite(buffer, tS, e.bufferedS());
      } else if (event instanceof SessionEvent.QualityRendered e) {
        long bps = e.bitrateBps() > 0 ? e.bitrateBps() : ladderBitrate(ladder, e.level());
        if (bps > 0) {
          shown.add(new Point(tS, bps));
        }
        if (e.previousLevel() >= 0 && e.level() != e.previousLevel()) {
          switches.add(tS);
        }
      } else if (event instanceof SessionEvent.ThroughputEstimate e) {
        addFinite(estimate, tS, e.estimateBps());
      } else if (event instanceof SessionEvent.FragmentLoaded e) {
        if (lead.equals(e.stream())) {
          addFinite(measured, tS, e.throughputBps());
        }
      } else if (event instanceof SessionEvent.Progress e) {
        long bufferedUs =
            lead.equals(SessionSummary.VIDEO_STREAM) ? e.bufferedVideoUs() : e.bufferedAudioUs();
        buffer.add(new Point(tS, bufferedUs / 1e6));
        lastDropped = addDropped(dropped, tS, e.droppedFrames(), lastDropped);
      } else if (event instanceof SessionEvent.FramesDropped e) {
        lastDropped = addDropped(dropped, tS, e.totalDropped(), lastDropped);
      } else if (event instanceof SessionEvent.StallStarted) {
        buffer.add(new Point(tS, 0)); // a stall is the buffer running dry
        if (Double.isNaN(openStallS)) {
          openStallS = tS;
        }
      } else if (event instanceof SessionEvent.StallEnded e) {
        double startS = Double.isNaN(openStallS) ? tS - e.durationMs() / 1000.0 : openStallS;
        if (Double.isFinite(startS)) {
          stalls.add(new Interval(Math.max(0, startS), tS));
        }
        openStallS = Double.NaN;
      } else if (event instanceof SessionEvent.SessionEnded e) {
        if (ENDED.equals(e.reason())) {
          buffer.add(new Point(tS, 0)); // played to the end: nothing left ahead
        }
        lastDropped = addDropped(dropped, tS, e.droppedFrames(), lastDropped);
      }
    }
    if (!Double.isNaN(openStallS)) {
      stalls.add(new Interval(openStallS, endS));
    }
    return new SessionSeries(
        endS, chosen, shown, estimate, measured, buffer, dropped, switches, stalls, ladder, lead);
  }

  /** The highest bitrate of the ladder or of a level chosen or shown, bit/s (0 without any). */
  public double maxLevelBitrateBps() {
    double max = 0;
    for (List<Point> series : List.of(chosenBitrateBps, shownBitrateBps)) {
      for (Point p : series) {
        max = Math.max(max, p.value());
      }
    }
    for (long bps : ladderBps) {
      max = Math.max(max, bps);
    }
    return max;
  }

  /** The largest bitrate any bitrate series or the ladder reaches, 0 when none. */
  public double maxBitrateBps() {
    double max = 0;
    for (List<Point> series :
        List.of(chosenBitrateBps, shownBitrateBps, throughputEstimateBps, measuredThroughputBps)) {
      for (Point p : series) {
        max = Math.max(max, p.value());
      }
    }
    for (long bps : ladderBps) {
      max = Math.max(max, bps);
    }
    return max;
  }

  /** True when the session produced nothing to draw. */
  public boolean isEmpty() {
    return chosenBitrateBps.isEmpty()
        && shownBitrateBps.isEmpty()
        && throughputEstimateBps.isEmpty()
        && measuredThroughputBps.isEmpty()
        && bufferS.isEmpty()
        && droppedFrames.isEmpty()
        && stalls.isEmpty();
  }

  private static void addFinite(List<Point> series, double tS, double value) {
    if (Double.isFinite(value)) {
      series.add(new Point(tS, value));
    }
  }

  private static long addDropped(List<Point> series, double tS, long total, long last) {
    if (total != last) {
      series.add(new Point(tS, total));
    }
    return total;
  }

  private static long ladderBitrate(List<Long> ladder, int level) {
    return level >= 0 && level < ladder.size() ? ladder.get(level) : -1;
  }
}
