package org.smoothplayer.heuristics.sim;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.qoe.QoeMetric;

/**
 * Turns the steps of one simulated session into the player's session-log events (the types and
 * field names of the player's {@code SessionEvent} records, times in {@code tMs}), so a simulated
 * session is read, summarised, charted and reported like a played one.
 *
 * <p>Model: playback starts when fragment 0 arrives and then advances with session time except
 * during stalls, so the position at any time is the media fetched minus the buffer. A fragment's
 * level becomes visible ({@code quality_rendered}) when the position reaches its start; those
 * events are held back and emitted in time order among the others. Owned by one simulation thread.
 */
final class EventLog {
  /** Schema version of the player's session events that this writes. */
  static final int SCHEMA_VERSION = 1;

  /** Name of the player's default policy (its start event then lists no policy setting). */
  private static final String DEFAULT_POLICY = "default";

  private final SessionListener listener;
  private final Ladder ladder;
  private final double fragmentS;
  private final long fragmentUs;
  private final double rttMs;
  private final int fragments;
  // quality_rendered events not yet due, in time order.
  private final ArrayDeque<Pending> pendingRenders = new ArrayDeque<>();
  private int lastQueuedLevel = -1;
  private int shownLevel = -1;
  private double startS = Double.NaN;
  // When the media fetched so far has played out (no further stall assumed).
  private double playbackEndS;

  EventLog(
      SessionListener listener,
      Trace trace,
      Video video,
      String policyName,
      double fragmentS,
      double rttMs,
      boolean live) {
    this.listener = listener;
    this.ladder = video.ladder();
    this.fragmentS = fragmentS;
    this.fragmentUs = Math.round(fragmentS * 1e6);
    this.rttMs = rttMs;
    this.fragments = video.fragmentCount();
    String url = "sim:trace=" + trace.name() + ";video=" + video.name();
    Map<String, Object> settings = new LinkedHashMap<>();
    if (!policyName.equals(DEFAULT_POLICY)) {
      settings.put("heuristics.policy", policyName);
    }
    Map<String, Object> start = event(0);
    start.put("schemaVersion", SCHEMA_VERSION);
    start.put("appVersion", "simulator");
    start.put("os", "simulated");
    start.put("jvm", "simulated");
    start.put("url", url);
    start.put("nonDefaultSettings", settings);
    start.put("startedAtEpochMs", 0L);
    start.put("trace", trace.name());
    start.put("video", video.name());
    listener.onEvent("session_started", start);
    long[] ladderBps = new long[ladder.size()];
    for (int i = 0; i < ladderBps.length; i++) {
      ladderBps[i] = ladder.bitrateBps(i);
    }
    Map<String, Object> manifest = event(0);
    manifest.put("url", url);
    manifest.put("live", live);
    manifest.put("durationUs", fragmentUs * fragments);
    manifest.put("videoBitratesBps", ladderBps);
    manifest.put("videoFragmentDurationUs", fragmentUs);
    manifest.put("audioLanguages", List.of());
    manifest.put("loadMs", 0.0);
    listener.onEvent("manifest_loaded", manifest);
  }

  /** The policy chose {@code decision} for fragment {@code fragment} at {@code nowS}. */
  void decision(
      double nowS,
      int fragment,
      AbrDecision decision,
      long bitrateBps,
      double bufferedS,
      int previousLevel,
      double lastThroughputBps) {
    Map<String, Object> d = due(nowS);
    d.put("chunkIndex", fragment);
    d.put("level", decision.level());
    d.put("bitrateBps", bitrateBps);
    d.put("reason", decision.reason());
    d.put("bufferedS", bufferedS);
    d.put("throughputBps", lastThroughputBps);
    d.put("previousLevel", previousLevel);
    d.put("numbers", decision.numbers());
    listener.onEvent("decision", d);
  }

  /** The buffer ran dry at {@code fromS} while fragment {@code fragment} was loading. */
  void stallStarted(double fromS, int fragment) {
    Map<String, Object> start = due(fromS);
    start.put("positionUs", fragmentUs * fragment);
    listener.onEvent("stall_started", start);
  }

  /**
   * The stall that fragment {@code fragment} caused ended at {@code toS}, after {@code stallMs}.
   */
  void stallEnded(double toS, int fragment, double stallMs) {
    Map<String, Object> end = due(toS);
    end.put("positionUs", fragmentUs * fragment);
    end.put("durationMs", stallMs);
    listener.onEvent("stall_ended", end);
  }

  /** A transfer of fragment {@code fragment} was given up at {@code nowS} by the abandon rule. */
  void abandoned(double nowS, int fragment, ChunkEnv.Attempt given) {
    Map<String, Object> a = due(nowS);
    a.put("stream", "video");
    a.put("level", given.level());
    a.put("chunkIndex", fragment);
    a.put("reason", given.verdict() == null ? "" : given.verdict().reason());
    listener.onEvent("fragment_abandoned", a);
  }

  /** A fragment arrived at {@code nowS}; the buffer and frame counters after it. */
  void loaded(
      double nowS,
      ChunkEnv.Step step,
      long bitrateBps,
      double throughputBps,
      long renderedFrames,
      long droppedFrames) {
    if (Double.isNaN(startS)) {
      startS = nowS;
      Map<String, Object> playing = due(nowS);
      playing.put("from", "BUFFERING");
      playing.put("to", "PLAYING");
      playing.put("positionUs", 0L);
      listener.onEvent("state_changed", playing);
    }
    Map<String, Object> loaded = due(nowS);
    loaded.put("stream", "video");
    loaded.put("level", step.level());
    loaded.put("chunkIndex", step.fragment());
    loaded.put("startUs", fragmentUs * step.fragment());
    loaded.put("durationUs", fragmentUs);
    loaded.put("bitrateBps", bitrateBps);
    loaded.put("bytes", step.bytes());
    loaded.put("ttfbMs", Math.min(rttMs, step.loadMs()));
    loaded.put("downloadMs", step.loadMs());
    loaded.put("throughputBps", throughputBps);
    loaded.put("sleepMs", step.sleepMs());
    listener.onEvent("fragment_loaded", loaded);
    double bufferS = step.bufferMs() / 1000.0;
    playbackEndS = nowS + bufferS;
    if (step.level() != lastQueuedLevel) {
      // Visible once the position reaches the fragment's start, i.e. after the buffer ahead of it.
      double visibleS = nowS + Math.max(0, bufferS - fragmentS);
      pendingRenders.addLast(
          new Pending(visibleS, step.level(), lastQueuedLevel, fragmentUs * step.fragment()));
      lastQueuedLevel = step.level();
    }
    flushRenders(nowS);
    Map<String, Object> progress = event(nowS);
    long positionUs = Math.max(0, fragmentUs * (step.fragment() + 1) - Math.round(bufferS * 1e6));
    progress.put("positionUs", positionUs);
    progress.put("bufferedVideoUs", Math.round(bufferS * 1e6));
    progress.put("bufferedAudioUs", Math.round(bufferS * 1e6));
    progress.put("state", "PLAYING");
    progress.put("shownLevel", shownLevel);
    progress.put("renderedFrames", renderedFrames);
    progress.put("droppedFrames", droppedFrames);
    listener.onEvent("progress", progress);
  }

  /**
   * The last fragment arrived; playback ends when the buffer has played out.
   *
   * @param nowS session time after the last download
   * @param result the session's result (its QoE numbers are added to {@code session_ended})
   */
  void end(double nowS, SessionResult result, long renderedFrames, long droppedFrames) {
    long endUs = fragmentUs * fragments;
    double playedOutS = Math.max(nowS, playbackEndS);
    flushRenders(Double.POSITIVE_INFINITY);
    Map<String, Object> end = event(playedOutS);
    end.put("reason", "ended");
    end.put("error", "");
    end.put("positionUs", endUs);
    end.put("renderedFrames", renderedFrames);
    end.put("droppedFrames", droppedFrames);
    end.put("droppedLogEvents", 0L);
    end.put("qoeLin", result.qoe(QoeMetric.LIN));
    end.put("qoeLog", result.qoe(QoeMetric.LOG));
    end.put("qoeHd", result.qoe(QoeMetric.HD));
    end.put("meanBitrateKbps", result.meanBitrateKbps());
    end.put("stallS", result.stallS());
    end.put("switches", result.switches());
    listener.onEvent("session_ended", end);
  }

  /** A new event at {@code tS}, after every held-back event due by then. */
  private Map<String, Object> due(double tS) {
    flushRenders(tS);
    return event(tS);
  }

  private void flushRenders(double untilS) {
    while (!pendingRenders.isEmpty() && pendingRenders.peekFirst().tS <= untilS) {
      Pending p = pendingRenders.removeFirst();
      Map<String, Object> shown = event(p.tS);
      shown.put("level", p.level);
      shown.put("bitrateBps", ladder.bitrateBps(p.level));
      shown.put("previousLevel", p.previousLevel);
      shown.put("positionUs", p.positionUs);
      listener.onEvent("quality_rendered", shown);
      shownLevel = p.level;
    }
  }

  private static Map<String, Object> event(double tS) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("tMs", tS * 1000);
    return fields;
  }

  private record Pending(double tS, int level, int previousLevel, long positionUs) {}
}
