package org.smoothplayer.app.session;

import java.util.List;
import java.util.Map;

/**
 * Everything that happens in a playback session, as immutable records. Every event carries {@code
 * tMs}, milliseconds since the session started (monotonic). Media times are microseconds of
 * presentation time; bitrates bits per second. The JSON form of an event is its record components
 * plus {@code "type"} (the {@link #type()} name), one object per line.
 */
public sealed interface SessionEvent {

  /** Milliseconds since the session started. */
  double tMs();

  /** The event's name in the log ("fragment_loaded", ...). */
  String type();

  /**
   * The session began.
   *
   * @param schemaVersion version of this event schema
   * @param appVersion the player's version
   * @param os operating system name and version
   * @param jvm Java runtime name and version
   * @param url manifest URL
   * @param nonDefaultSettings every setting whose value differs from its default, by key
   * @param startedAtEpochMs wall-clock start time, for humans
   */
  record SessionStarted(
      double tMs,
      int schemaVersion,
      String appVersion,
      String os,
      String jvm,
      String url,
      Map<String, String> nonDefaultSettings,
      long startedAtEpochMs)
      implements SessionEvent {
    public SessionStarted {
      nonDefaultSettings = Map.copyOf(nonDefaultSettings);
    }

    @Override
    public String type() {
      return "session_started";
    }
  }

  /**
   * The manifest was read.
   *
   * @param url the manifest URL
   * @param live true for a live presentation
   * @param durationUs presentation duration, 0 for live
   * @param videoBitratesBps the video ladder, lowest first (level i = element i)
   * @param videoFragmentDurationUs typical video fragment duration
   * @param audioLanguages languages of the audio tracks
   * @param loadMs time to fetch and parse the manifest
   */
  record ManifestLoaded(
      double tMs,
      String url,
      boolean live,
      long durationUs,
      List<Long> videoBitratesBps,
      long videoFragmentDurationUs,
      List<String> audioLanguages,
      double loadMs)
      implements SessionEvent {
    public ManifestLoaded {
      videoBitratesBps = List.copyOf(videoBitratesBps);
      audioLanguages = List.copyOf(audioLanguages);
    }

    @Override
    public String type() {
      return "manifest_loaded";
    }
  }

  /**
   * A fragment request was sent.
   *
   * @param stream "video" or "audio"
   * @param level quality level index (video: ladder index, lowest 0)
   * @param chunkIndex index of the fragment in its stream
   * @param startUs presentation time of the fragment
   * @param url the fragment URL
   */
  record FragmentRequested(
      double tMs, String stream, int level, int chunkIndex, long startUs, String url)
      implements SessionEvent {
    @Override
    public String type() {
      return "fragment_requested";
    }
  }

  /**
   * A fragment arrived whole.
   *
   * @param bitrateBps declared bitrate of its level
   * @param durationUs media duration of the fragment
   * @param bytes body size
   * @param ttfbMs time to first byte
   * @param downloadMs whole transfer time (request to last byte)
   * @param throughputBps bytes × 8 / download time
   */
  record FragmentLoaded(
      double tMs,
      String stream,
      int level,
      int chunkIndex,
      long startUs,
      long durationUs,
      long bitrateBps,
      long bytes,
      double ttfbMs,
      double downloadMs,
      double throughputBps)
      implements SessionEvent {
    @Override
    public String type() {
      return "fragment_loaded";
    }
  }

  /**
   * A fragment request failed.
   *
   * @param reason the failure, readable (status, exception)
   * @param action what the engine does next ("retry", "skip", "fail")
   */
  record FragmentFailed(
      double tMs, String stream, int level, int chunkIndex, String reason, String action)
      implements SessionEvent {
    @Override
    public String type() {
      return "fragment_failed";
    }
  }

  /**
   * A fragment download was given up before it completed (seek, abandon rule).
   *
   * @param reason why
   */
  record FragmentAbandoned(double tMs, String stream, int level, int chunkIndex, String reason)
      implements SessionEvent {
    @Override
    public String type() {
      return "fragment_abandoned";
    }
  }

  /**
   * The throughput estimate after a transfer.
   *
   * @param estimateBps the estimate
   */
  record ThroughputEstimate(double tMs, double estimateBps) implements SessionEvent {
    @Override
    public String type() {
      return "throughput_estimate";
    }
  }

  /**
   * The heuristics chose the level of the next video fragment.
   *
   * @param chunkIndex the fragment decided
   * @param level the level chosen
   * @param bitrateBps its bitrate
   * @param reason the policy's reason
   * @param bufferedS the buffer the decision saw
   * @param throughputBps the throughput estimate it saw (0 when none)
   * @param previousLevel the previous level, -1 at start
   * @param numbers the numbers that drove the decision
   */
  record Decision(
      double tMs,
      int chunkIndex,
      int level,
      long bitrateBps,
      String reason,
      double bufferedS,
      double throughputBps,
      int previousLevel,
      Map<String, Double> numbers)
      implements SessionEvent {
    public Decision {
      numbers = Map.copyOf(numbers);
    }

    @Override
    public String type() {
      return "decision";
    }
  }

  /**
   * The first frame of a level became visible (a switch the viewer sees, or the first frame).
   *
   * @param level the level now shown
   * @param bitrateBps its bitrate
   * @param previousLevel the level shown before, -1 for the first frame
   * @param positionUs presentation time of that frame
   */
  record QualityRendered(double tMs, int level, long bitrateBps, int previousLevel, long positionUs)
      implements SessionEvent {
    @Override
    public String type() {
      return "quality_rendered";
    }
  }

  /**
   * The player's state changed.
   *
   * @param from the previous state name
   * @param to the new state name
   * @param positionUs clock position at the change
   */
  record StateChanged(double tMs, String from, String to, long positionUs) implements SessionEvent {
    @Override
    public String type() {
      return "state_changed";
    }
  }

  /**
   * The buffer ran empty while playing: the clock stopped.
   *
   * @param positionUs where
   */
  record StallStarted(double tMs, long positionUs) implements SessionEvent {
    @Override
    public String type() {
      return "stall_started";
    }
  }

  /**
   * Playback resumed after a stall.
   *
   * @param durationMs how long the stall lasted
   */
  record StallEnded(double tMs, long positionUs, double durationMs) implements SessionEvent {
    @Override
    public String type() {
      return "stall_ended";
    }
  }

  /**
   * Frames were dropped since the previous report.
   *
   * @param level the level they belonged to
   * @param count how many since the previous report
   * @param totalDropped dropped frames since the session started
   */
  record FramesDropped(double tMs, int level, long count, long totalDropped)
      implements SessionEvent {
    @Override
    public String type() {
      return "frames_dropped";
    }
  }

  /**
   * A measurement of A/V drift (video frame time minus master clock when shown).
   *
   * @param driftMs median drift over the frames shown since the previous sample
   * @param maxAbsDriftMs largest absolute drift over those frames
   * @param frames frames measured
   */
  record AvDrift(double tMs, double driftMs, double maxAbsDriftMs, int frames)
      implements SessionEvent {
    @Override
    public String type() {
      return "av_drift";
    }
  }

  /**
   * Periodic progress (about once a second while the session runs).
   *
   * @param positionUs master-clock position
   * @param bufferedVideoUs video fetched ahead of the position
   * @param bufferedAudioUs audio fetched ahead of the position
   * @param state the state name
   * @param shownLevel the level on screen, -1 before the first frame
   * @param renderedFrames frames shown since the session started
   * @param droppedFrames frames dropped since the session started
   */
  record Progress(
      double tMs,
      long positionUs,
      long bufferedVideoUs,
      long bufferedAudioUs,
      String state,
      int shownLevel,
      long renderedFrames,
      long droppedFrames)
      implements SessionEvent {
    @Override
    public String type() {
      return "progress";
    }
  }

  /**
   * Where a live session stands (about once a second while live).
   *
   * @param latencyMs distance from the position to the live edge
   * @param edgeUs end of the newest fragment known (the live edge)
   * @param windowStartUs start of the DVR window
   * @param positionUs master-clock position
   */
  record LiveLatency(double tMs, double latencyMs, long edgeUs, long windowStartUs, long positionUs)
      implements SessionEvent {
    @Override
    public String type() {
      return "live_latency";
    }
  }

  /**
   * The user (or the command line) sought.
   *
   * @param fromUs position before
   * @param toUs target
   */
  record Seek(double tMs, long fromUs, long toUs) implements SessionEvent {
    @Override
    public String type() {
      return "seek";
    }
  }

  /**
   * A decoder reported a problem; decoding went on.
   *
   * @param stream "video" or "audio"
   * @param kind the error kind
   * @param message readable detail
   */
  record DecoderError(double tMs, String stream, String kind, String message)
      implements SessionEvent {
    @Override
    public String type() {
      return "decoder_error";
    }
  }

  /**
   * Settings or user choices changed during the session.
   *
   * @param changes every changed key with its value before and after ("old -> new")
   */
  record ConfigChanged(double tMs, Map<String, String> changes) implements SessionEvent {
    public ConfigChanged {
      changes = Map.copyOf(changes);
    }

    @Override
    public String type() {
      return "config_changed";
    }
  }

  /**
   * Something the user should know that is not an error (audio device unavailable, ...).
   *
   * @param message readable text
   */
  record Notice(double tMs, String message) implements SessionEvent {
    @Override
    public String type() {
      return "notice";
    }
  }

  /**
   * The session ended.
   *
   * @param reason "ended", "closed", "duration" (the --duration limit) or "error"
   * @param error the fatal error, empty otherwise
   * @param positionUs final position
   * @param renderedFrames frames shown in the whole session
   * @param droppedFrames frames dropped in the whole session
   * @param droppedLogEvents events the log writer had to drop (queue full)
   */
  record SessionEnded(
      double tMs,
      String reason,
      String error,
      long positionUs,
      long renderedFrames,
      long droppedFrames,
      long droppedLogEvents)
      implements SessionEvent {
    @Override
    public String type() {
      return "session_ended";
    }
  }
}
