package org.smoothplayer.app.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smoothplayer.heuristics.settings.SettingDescriptor;

/**
 * Buffering, network and decoding settings of the playback engine. Every default is declared once,
 * in its descriptor; the record checks every value against its range.
 *
 * @param startupS see {@link #STARTUP_S}
 * @param resumeS see {@link #RESUME_S}
 * @param videoTargetS see {@link #VIDEO_TARGET_S}
 * @param audioTargetS see {@link #AUDIO_TARGET_S}
 * @param connectTimeoutS see {@link #CONNECT_TIMEOUT_S}
 * @param readTimeoutS see {@link #READ_TIMEOUT_S}
 * @param requestTimeoutS see {@link #REQUEST_TIMEOUT_S}
 * @param fragmentRetries see {@link #FRAGMENT_RETRIES}
 * @param videoSkipLimitS see {@link #VIDEO_SKIP_LIMIT_S}
 * @param decoderThreads see {@link #DECODER_THREADS}
 * @param liveJoinOffsetFragments see {@link #LIVE_JOIN_OFFSET_FRAGMENTS}
 * @param liveMaxLatencyFragments see {@link #LIVE_MAX_LATENCY_FRAGMENTS}
 * @param liveRefreshIntervalS see {@link #LIVE_REFRESH_INTERVAL_S}
 * @param liveEndAfterS see {@link #LIVE_END_AFTER_S}
 * @param liveOutageLimitS see {@link #LIVE_OUTAGE_LIMIT_S}
 * @param outageLimitS see {@link #OUTAGE_LIMIT_S}
 */
public record PlaybackSettings(
    double startupS,
    double resumeS,
    double videoTargetS,
    double audioTargetS,
    double connectTimeoutS,
    double readTimeoutS,
    double requestTimeoutS,
    int fragmentRetries,
    double videoSkipLimitS,
    int decoderThreads,
    double liveJoinOffsetFragments,
    double liveMaxLatencyFragments,
    double liveRefreshIntervalS,
    double liveEndAfterS,
    double liveOutageLimitS,
    double outageLimitS) {

  /** Media buffered before playback starts (at start-up and after a seek). */
  public static final SettingDescriptor STARTUP_S =
      new SettingDescriptor(
          "buffer.startupS",
          "Start-up buffer",
          "Media buffered before playback starts, at start-up and after a seek.",
          "s",
          0.1,
          30,
          0.1,
          2.0);

  /** Media buffered before playback resumes after a stall (the hysteresis of stalls). */
  public static final SettingDescriptor RESUME_S =
      new SettingDescriptor(
          "buffer.resumeS",
          "Resume buffer",
          "Media buffered before playback resumes after a stall.",
          "s",
          0.1,
          60,
          0.1,
          4.0);

  /** How far ahead of the position video is fetched. */
  public static final SettingDescriptor VIDEO_TARGET_S =
      new SettingDescriptor(
          "buffer.videoTargetS",
          "Video buffer target",
          "How far ahead of the position video fragments are fetched.",
          "s",
          2,
          300,
          1,
          30);

  /** How far ahead of the position audio is fetched. */
  public static final SettingDescriptor AUDIO_TARGET_S =
      new SettingDescriptor(
          "buffer.audioTargetS",
          "Audio buffer target",
          "How far ahead of the position audio fragments are fetched.",
          "s",
          2,
          300,
          1,
          30);

  /** Time allowed to open a connection. */
  public static final SettingDescriptor CONNECT_TIMEOUT_S =
      new SettingDescriptor(
          "network.connectTimeoutS",
          "Connect timeout",
          "Time allowed to open a connection to the origin.",
          "s",
          0.5,
          120,
          0.5,
          5);

  /** Longest silence allowed while a response is read. */
  public static final SettingDescriptor READ_TIMEOUT_S =
      new SettingDescriptor(
          "network.readTimeoutS",
          "Read timeout",
          "Longest pause allowed between bytes of a response.",
          "s",
          0.5,
          120,
          0.5,
          10);

  /** Longest a whole request may take. */
  public static final SettingDescriptor REQUEST_TIMEOUT_S =
      new SettingDescriptor(
          "network.requestTimeoutS",
          "Request timeout",
          "Longest a whole request, body included, may take.",
          "s",
          1,
          600,
          1,
          60);

  /** Attempts after the first before a fragment is skipped. */
  public static final SettingDescriptor FRAGMENT_RETRIES =
      new SettingDescriptor(
          "network.fragmentRetries",
          "Fragment retries",
          "Attempts after the first before a failing fragment is skipped.",
          "attempts",
          0,
          20,
          1,
          3);

  /** Video skipped in a row (no fragment loading between) after which the session fails. */
  public static final SettingDescriptor VIDEO_SKIP_LIMIT_S =
      new SettingDescriptor(
          "network.videoSkipLimitS",
          "Video skipped before failing",
          "The session fails when the video fragments skipped one after another (every attempt"
              + " failed, none loading between them) cover this much media; a single missing"
              + " fragment is skipped and playback goes on. 0 never fails for this.",
          "s",
          0,
          600,
          1,
          10);

  /** FFmpeg video decoding threads; 0 lets FFmpeg choose. */
  public static final SettingDescriptor DECODER_THREADS =
      new SettingDescriptor(
          "decoder.threads",
          "Decoder threads",
          "Video decoding threads; 0 lets FFmpeg choose from the number of cores.",
          "threads",
          0,
          64,
          1,
          0);

  /** How far behind the live edge a live session starts, in fragment durations. */
  public static final SettingDescriptor LIVE_JOIN_OFFSET_FRAGMENTS =
      new SettingDescriptor(
          "live.joinOffsetFragments",
          "Live join offset",
          "How far behind the live edge a live session starts, in fragment durations.",
          "fragments",
          0.5,
          20,
          0.5,
          1.5);

  /** Latency to the live edge beyond which playback skips ahead to the join offset. */
  public static final SettingDescriptor LIVE_MAX_LATENCY_FRAGMENTS =
      new SettingDescriptor(
          "live.maxLatencyFragments",
          "Live catch-up threshold",
          "Latency to the live edge beyond which playback skips ahead to the join offset.",
          "fragments",
          2,
          1000,
          0.5,
          6);

  /** Fallback period of live manifest refreshes (they also happen when look-ahead runs dry). */
  public static final SettingDescriptor LIVE_REFRESH_INTERVAL_S =
      new SettingDescriptor(
          "live.refreshIntervalS",
          "Live manifest refresh",
          "Fallback period of live manifest refreshes; they also happen when look-ahead runs dry.",
          "s",
          1,
          600,
          1,
          10);

  /** How long a live stream may stop growing before the session ends. */
  public static final SettingDescriptor LIVE_END_AFTER_S =
      new SettingDescriptor(
          "live.endAfterS",
          "Live end detection",
          "How long a live stream may announce no new fragment before the session ends.",
          "s",
          5,
          3600,
          1,
          30);

  /**
   * How long the origin of a live session may not answer before the session fails; 0 waits for it
   * without a limit.
   */
  public static final SettingDescriptor LIVE_OUTAGE_LIMIT_S =
      new SettingDescriptor(
          "live.outageLimitS",
          "Live outage limit",
          "How long the origin of a live stream may not answer (no connection, time-outs, 5xx)"
              + " before the session fails; 0 waits without a limit.",
          "s",
          0,
          86400,
          1,
          120);

  /**
   * How long the origin of a VOD session may not answer (its manifest URL included) before the
   * session fails; 0 waits for it without a limit.
   */
  public static final SettingDescriptor OUTAGE_LIMIT_S =
      new SettingDescriptor(
          "network.outageLimitS",
          "Outage limit",
          "How long the origin of an on-demand stream may not answer at all (no connection,"
              + " time-outs, 5xx, its manifest URL included) before the session fails; until then"
              + " playback waits where it is and no fragment is skipped. 0 waits without a limit.",
          "s",
          0,
          86400,
          1,
          120);

  /** Every default. */
  public static final PlaybackSettings DEFAULTS = from(Map.of());

  /** Checks every value against its descriptor. */
  public PlaybackSettings {
    STARTUP_S.check(startupS);
    RESUME_S.check(resumeS);
    VIDEO_TARGET_S.check(videoTargetS);
    AUDIO_TARGET_S.check(audioTargetS);
    CONNECT_TIMEOUT_S.check(connectTimeoutS);
    READ_TIMEOUT_S.check(readTimeoutS);
    REQUEST_TIMEOUT_S.check(requestTimeoutS);
    FRAGMENT_RETRIES.check(fragmentRetries);
    VIDEO_SKIP_LIMIT_S.check(videoSkipLimitS);
    DECODER_THREADS.check(decoderThreads);
    LIVE_JOIN_OFFSET_FRAGMENTS.check(liveJoinOffsetFragments);
    LIVE_MAX_LATENCY_FRAGMENTS.check(liveMaxLatencyFragments);
    LIVE_REFRESH_INTERVAL_S.check(liveRefreshIntervalS);
    LIVE_END_AFTER_S.check(liveEndAfterS);
    LIVE_OUTAGE_LIMIT_S.check(liveOutageLimitS);
    OUTAGE_LIMIT_S.check(outageLimitS);
    if (liveMaxLatencyFragments <= liveJoinOffsetFragments) {
      throw new IllegalArgumentException(
          LIVE_MAX_LATENCY_FRAGMENTS.key()
              + ": expected more than "
              + LIVE_JOIN_OFFSET_FRAGMENTS.key()
              + " ("
              + liveJoinOffsetFragments
              + ") but was "
              + liveMaxLatencyFragments);
    }
  }

  /** The descriptors, in declaration order. */
  public static List<SettingDescriptor> descriptors() {
    return List.of(
        STARTUP_S,
        RESUME_S,
        VIDEO_TARGET_S,
        AUDIO_TARGET_S,
        CONNECT_TIMEOUT_S,
        READ_TIMEOUT_S,
        REQUEST_TIMEOUT_S,
        FRAGMENT_RETRIES,
        VIDEO_SKIP_LIMIT_S,
        DECODER_THREADS,
        LIVE_JOIN_OFFSET_FRAGMENTS,
        LIVE_MAX_LATENCY_FRAGMENTS,
        LIVE_REFRESH_INTERVAL_S,
        LIVE_END_AFTER_S,
        LIVE_OUTAGE_LIMIT_S,
        OUTAGE_LIMIT_S);
  }

  /** Values from a key map; missing keys take their default. */
  public static PlaybackSettings from(Map<String, Double> values) {
    return new PlaybackSettings(
        get(values, STARTUP_S),
        get(values, RESUME_S),
        get(values, VIDEO_TARGET_S),
        get(values, AUDIO_TARGET_S),
        get(values, CONNECT_TIMEOUT_S),
        get(values, READ_TIMEOUT_S),
        get(values, REQUEST_TIMEOUT_S),
        (int) get(values, FRAGMENT_RETRIES),
        get(values, VIDEO_SKIP_LIMIT_S),
        (int) get(values, DECODER_THREADS),
        get(values, LIVE_JOIN_OFFSET_FRAGMENTS),
        get(values, LIVE_MAX_LATENCY_FRAGMENTS),
        get(values, LIVE_REFRESH_INTERVAL_S),
        get(values, LIVE_END_AFTER_S),
        get(values, LIVE_OUTAGE_LIMIT_S),
        get(values, OUTAGE_LIMIT_S));
  }

  private static double get(Map<String, Double> values, SettingDescriptor d) {
    Double v = values.get(d.key());
    return v == null ? d.defaultValue() : d.check(v);
  }

  /** The values keyed by dotted key. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(STARTUP_S.key(), startupS);
    m.put(RESUME_S.key(), resumeS);
    m.put(VIDEO_TARGET_S.key(), videoTargetS);
    m.put(AUDIO_TARGET_S.key(), audioTargetS);
    m.put(CONNECT_TIMEOUT_S.key(), connectTimeoutS);
    m.put(READ_TIMEOUT_S.key(), readTimeoutS);
    m.put(REQUEST_TIMEOUT_S.key(), requestTimeoutS);
    m.put(FRAGMENT_RETRIES.key(), (double) fragmentRetries);
    m.put(VIDEO_SKIP_LIMIT_S.key(), videoSkipLimitS);
    m.put(DECODER_THREADS.key(), (double) decoderThreads);
    m.put(LIVE_JOIN_OFFSET_FRAGMENTS.key(), liveJoinOffsetFragments);
    m.put(LIVE_MAX_LATENCY_FRAGMENTS.key(), liveMaxLatencyFragments);
    m.put(LIVE_REFRESH_INTERVAL_S.key(), liveRefreshIntervalS);
    m.put(LIVE_END_AFTER_S.key(), liveEndAfterS);
    m.put(LIVE_OUTAGE_LIMIT_S.key(), liveOutageLimitS);
    m.put(OUTAGE_LIMIT_S.key(), outageLimitS);
    return m;
  }
}
