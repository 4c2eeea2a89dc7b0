package org.smoothplayer.app.session;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a session was like, computed only from its events ({@link #of}). The JSON form ({@link
 * #toJson()}) is a command-line contract: its keys and their order are fixed (see {@code
 * docs/SESSION-LOG.md}).
 *
 * @param startupMs {@code tMs} of the first change to state {@code PLAYING}, -1 when never
 * @param firstFrameMs {@code tMs} of the first {@code quality_rendered}, -1 when none
 * @param playedS media seconds played (advances of the position, seeks not counted)
 * @param avgBitrateBps time-weighted bitrate of the levels shown over {@code playedS}
 * @param switches visible quality changes
 * @param stalls stalls started
 * @param stallS seconds spent stalled
 * @param renderedFrames frames shown
 * @param droppedFrames frames dropped
 * @param avDriftMsP95 95th percentile (nearest rank) of |A/V drift|, 0 when not measured
 * @param levels seconds played per shown bitrate (bps), lowest bitrate first
 * @param qoeLinPerFragment linear QoE per video fragment (bitrate, stall and switch terms, Mbps);
 *     of an audio-only presentation (no video ladder in {@code manifest_loaded}), per audio
 *     fragment
 * @param schemaVersion version of this summary's layout ({@value #SCHEMA_VERSION})
 * @param fragments video fragments loaded (audio-only: audio fragments)
 * @param avgThroughputBps mean measured throughput of those fragments
 * @param endReason the {@code session_ended} reason, {@value #END_REASON_INCOMPLETE} without one
 * @param audioOnly the audio played alone (its {@code manifest_loaded} lists no video ladder):
 *     {@code firstFrameMs} is when it was first heard, and there are no frames to count
 */
public record SessionSummary(
    long startupMs,
    long firstFrameMs,
    double playedS,
    long avgBitrateBps,
    int switches,
    int stalls,
    double stallS,
    long renderedFrames,
    long droppedFrames,
    double avDriftMsP95,
    Map<Long, Double> levels,
    double qoeLinPerFragment,
    int schemaVersion,
    int fragments,
    long avgThroughputBps,
    String endReason,
    boolean audioOnly) {

  /** Version of the summary layout written by this code. */
  public static final int SCHEMA_VERSION = 1;

  /** {@link #endReason()} of a log without {@code session_ended} (cut short by a crash). */
  public static final String END_REASON_INCOMPLETE = "incomplete";

  /** The state name whose first appearance marks the end of start-up. */
  public static final String PLAYING_STATE = "PLAYING";

  /** The stream name of video fragments. */
  public static final String VIDEO_STREAM = "video";

  /** The stream name of audio fragments: the lead of an audio-only presentation. */
  public static final String AUDIO_STREAM = "audio";

  /**
   * The stream whose levels the heuristics choose after {@code loaded}: the video, or the audio of
   * an audio-only presentation (its manifest lists no video ladder).
   */
  public static String leadStream(SessionEvent.ManifestLoaded loaded) {
    return loaded.videoBitratesBps().isEmpty() ? AUDIO_STREAM : VIDEO_STREAM;
  }

  /** What the text says of frames and A/V drift when the audio played alone. */
  static final String AUDIO_ONLY_TEXT = "none (audio only)";

  /** Weight of a second of stall in the linear QoE, in Mbps per second. */
  public static final double QOE_STALL_WEIGHT_MBPS_PER_S = 4.3;

  /** Percentile reported for the A/V drift. */
  public static final int DRIFT_PERCENTILE = 95;

  /** JSON keys, in their fixed order. */
  public static final List<String> JSON_KEYS =
      List.of(
          "startup_ms",
          "first_frame_ms",
          "played_s",
          "avg_bitrate_bps",
          "switches",
          "stalls",
          "stall_s",
          "rendered_frames",
          "dropped_frames",
          "av_drift_ms_p95",
          "levels",
          "qoe_lin_per_fragment",
          "schema_version",
          "fragments",
          "avg_throughput_bps",
          "end_reason",
          "audio_only");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public SessionSummary {
    levels = Collections.unmodifiableSortedMap(new TreeMap<>(levels));
  }

  /** Folds the events of one session, in log order, into its summary. */
  public static SessionSummary of(List<SessionEvent> events) {
    return of(events, END_REASON_INCOMPLETE);
  }

  /**
   * Folds the events of one session into its summary; {@code reasonWithoutEnd} is the end reason
   * when the events hold no {@code session_ended} (a session still open, rather than a log cut
   * short).
   */
  public static SessionSummary of(List<SessionEvent> events, String reasonWithoutEnd) {
    Fold fold = new Fold();
    for (SessionEvent event : events) {
      fold.add(event);
    }
    return fold.result(reasonWithoutEnd);
  }

  /** The summary as a pretty-printed JSON object, keys in the order of {@link #JSON_KEYS}. */
  public String toJson() {
    StringWriter out = new StringWriter();
    DefaultPrettyPrinter pretty =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.setPrettyPrinter(pretty);
      json.writeStartObject();
      json.writeNumberField("startup_ms", startupMs);
      json.writeNumberField("first_frame_ms", firstFrameMs);
      writeDouble(json, "played_s", playedS);
      json.writeNumberField("avg_bitrate_bps", avgBitrateBps);
      json.writeNumberField("switches", switches);
      json.writeNumberField("stalls", stalls);
      writeDouble(json, "stall_s", stallS);
      json.writeNumberField("rendered_frames", renderedFrames);
      json.writeNumberField("dropped_frames", droppedFrames);
      writeDouble(json, "av_drift_ms_p95", avDriftMsP95);
      json.writeObjectFieldStart("levels");
      for (Map.Entry<Long, Double> level : levels.entrySet()) {
        writeDouble(json, Long.toString(level.getKey()), level.getValue());
      }
      json.writeEndObject();
      writeDouble(json, "qoe_lin_per_fragment", qoeLinPerFragment);
      json.writeNumberField("schema_version", schemaVersion);
      json.writeNumberField("fragments", fragments);
      json.writeNumberField("avg_throughput_bps", avgThroughputBps);
      json.writeStringField("end_reason", endReason);
      json.writeBooleanField("audio_only", audioOnly);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string failed", e);
    }
    return out.toString();
  }

  /** The human summary printed by {@code --headless}: one fact per line, lines joined by '\n'. */
  public String toText() {
    StringJoiner levelText = new StringJoiner(", ");
    for (Map.Entry<Long, Double> level : levels.entrySet()) {
      levelText.add(kbps(level.getKey()) + " kbps " + format("%.1f", level.getValue()) + " s");
    }
    return String.join(
        "\n",
        "startup: "
            + (startupMs >= 0 ? startupMs + " ms" : "never")
            + " ("
            + (firstFrameMs >= 0
                ? (audioOnly ? "first heard " : "first frame ") + firstFrameMs + " ms"
                : audioOnly ? "nothing heard" : "no first frame")
            + ")",
        "played: " + format("%.1f", playedS) + " s",
        "average bitrate: " + kbps(avgBitrateBps) + " kbps",
        "switches: " + switches,
        "stalls: " + stalls + " (" + format("%.2f", stallS) + " s)",
        "frames: "
            + (audioOnly
                ? AUDIO_ONLY_TEXT
                : renderedFrames + " rendered, " + droppedFrames + " dropped"),
        "A/V drift p95: " + (audioOnly ? AUDIO_ONLY_TEXT : format("%.1f", avDriftMsP95) + " ms"),
        "levels: " + (levels.isEmpty() ? "none" : levelText.toString()),
        "QoE (linear, per fragment): " + format("%.2f", qoeLinPerFragment),
        "fragments: " + fragments + " (average throughput " + kbps(avgThroughputBps) + " kbps)",
        "end: " + endReason);
  }

  /**
   * Reads a summary written by {@link #toJson()}. Unknown keys are ignored; a null number reads as
   * NaN.
   *
   * @throws SessionLogException naming the key that is missing or of the wrong kind
   * @throws IOException when the file cannot be read
   */
  public static SessionSummary read(Path summaryJson) throws IOException {
    String text = Files.readString(summaryJson, StandardCharsets.UTF_8);
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new SessionLogException(
          SessionLogException.NO_LINE,
          SessionJson.LINE_FIELD,
          "one JSON object",
          SessionJson.invalidJson(e));
    }
    if (root == null || !root.isObject()) {
      throw new SessionLogException(
          SessionLogException.NO_LINE,
          SessionJson.LINE_FIELD,
          "one JSON object",
          SessionJson.describe(root));
    }
    long line = SessionLogException.NO_LINE;
    JsonNode levelsNode = root.get("levels");
    if (levelsNode == null || !levelsNode.isObject()) {
      throw new SessionLogException(
          line, "levels", "an object of bitrate to seconds", SessionJson.describe(levelsNode));
    }
    Map<Long, Double> levels = new TreeMap<>();
    for (Map.Entry<String, JsonNode> level : levelsNode.properties()) {
      String field = "levels." + level.getKey();
      long bitrateBps;
      try {
        bitrateBps = Long.parseLong(level.getKey());
      } catch (NumberFormatException e) {
        throw new SessionLogException(
            line, field, "a key that is a bitrate in bps", "\"" + level.getKey() + "\"");
      }
      levels.put(bitrateBps, SessionJson.readDouble(level.getValue(), field, line));
    }
    return new SessionSummary(
        SessionJson.readLong(root.get("startup_ms"), "startup_ms", line),
        SessionJson.readLong(root.get("first_frame_ms"), "first_frame_ms", line),
        SessionJson.readDouble(root.get("played_s"), "played_s", line),
        SessionJson.readLong(root.get("avg_bitrate_bps"), "avg_bitrate_bps", line),
        SessionJson.readInt(root.get("switches"), "switches", line),
        SessionJson.readInt(root.get("stalls"), "stalls", line),
        SessionJson.readDouble(root.get("stall_s"), "stall_s", line),
        SessionJson.readLong(root.get("rendered_frames"), "rendered_frames", line),
        SessionJson.readLong(root.get("dropped_frames"), "dropped_frames", line),
        SessionJson.readDouble(root.get("av_drift_ms_p95"), "av_drift_ms_p95", line),
        levels,
        SessionJson.readDouble(root.get("qoe_lin_per_fragment"), "qoe_lin_per_fragment", line),
        SessionJson.readInt(root.get("schema_version"), "schema_version", line),
        SessionJson.readInt(root.get("fragments"), "fragments", line),
        SessionJson.readLong(root.get("avg_throughput_bps"), "avg_throughput_bps", line),
        SessionJson.readString(root.get("end_reason"), "end_reason", line),
        readAudioOnly(root.get("audio_only"), line));
  }

  /** {@code audio_only}: false when absent (a summary written before the key was added). */
  private static boolean readAudioOnly(@Nullable JsonNode node, long line)
      throws SessionLogException {
    if (node == null) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new SessionLogException(
          line, "audio_only", "true or false", SessionJson.describe(node));
    }
    return node.asBoolean();
  }

  private static void writeDouble(JsonGenerator json, String key, double value) throws IOException {
    json.writeFieldName(key);
    SessionJson.writeDouble(json, value);
  }

  private static long kbps(long bps) {
    return Math.round(bps / 1000.0);
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }

  /** The running state of {@link #of}: one pass over the events in log order. */
  private static final class Fold {
    private long startupMs = -1;
    private long firstFrameMs = -1;
    private List<Long> ladderBps = List.of();

    /**
     * The stream whose fragments the QoE counts: the video, or the audio of an audio-only
     * presentation (its {@code manifest_loaded} lists no video ladder).
     */
    private String leadStream = VIDEO_STREAM;

    // Position walk: the last position seen and the bitrate shown from it on (-1: none known).
    private boolean hasPosition;
    private long positionUs;
    private long shownBitrateBps = -1;
    private long playedUs;
    private final TreeMap<Long, Long> playedUsByBitrate = new TreeMap<>();

    private int switches;
    private int stalls;
    private double stallMs;
    private double openStallStartMs = Double.NaN;

    private long renderedFrames;
    private long droppedFrames;
    private boolean framesFromEnd;

    private final List<Double> absDriftsMs = new ArrayList<>();

    private int leadFragments;
    private double sumBitrateMbps;
    private double sumSwitchMbps;
    private double previousBitrateMbps;
    private double sumThroughputBps;
    private int throughputSamples;

    private @Nullable String endReason;

    void add(SessionEvent event) {
      if (event instanceof SessionEvent.ManifestLoaded e) {
        ladderBps = e.videoBitratesBps();
        leadStream = leadStream(e);
      } else if (event instanceof SessionEvent.Progress e) {
        advanceTo(e.positionUs());
        if (!framesFromEnd) {
          renderedFrames = e.renderedFrames();
          droppedFrames = e.droppedFrames();
        }
      } else if (event instanceof SessionEvent.StateChanged e) {
        advanceTo(e.positionUs());
        if (startupMs < 0 && PLAYING_STATE.equals(e.to())) {
          startupMs = Math.round(e.tMs());
        }
      } else if (event instanceof SessionEvent.StallStarted e) {
        advanceTo(e.positionUs());
        stalls++;
        if (Double.isNaN(openStallStartMs)) {
          openStallStartMs = e.tMs();
        }
      } else if (event instanceof SessionEvent.StallEnded e) {
        advanceTo(e.positionUs());
        if (Double.isFinite(e.durationMs())) {
          stallMs += e.durationMs();
        }
        openStallStartMs = Double.NaN;
      } else if (event instanceof SessionEvent.QualityRendered e) {
        advanceTo(e.positionUs());
        if (firstFrameMs < 0) {
          firstFrameMs = Math.round(e.tMs());
        }
        if (e.previousLevel() >= 0 && e.level() != e.previousLevel()) {
          switches++;
        }
        shownBitrateBps = bitrateOf(e.level(), e.bitrateBps());
      } else if (event instanceof SessionEvent.Seek e) {
        advanceTo(e.fromUs());
        positionUs = e.toUs();
        hasPosition = true;
      } else if (event instanceof SessionEvent.SessionEnded e) {
        advanceTo(e.positionUs());
        renderedFrames = e.renderedFrames();
        droppedFrames = e.droppedFrames();
        framesFromEnd = true;
        endReason = e.reason();
        if (!Double.isNaN(openStallStartMs)) {
          stallMs += Math.max(0, e.tMs() - openStallStartMs);
          openStallStartMs = Double.NaN;
        }
      } else if (event instanceof SessionEvent.AvDrift e) {
        if (Double.isFinite(e.driftMs())) {
          absDriftsMs.add(Math.abs(e.driftMs()));
        }
      } else if (event instanceof SessionEvent.FragmentLoaded e) {
        if (leadStream.equals(e.stream())) {
          double mbps = e.bitrateBps() / 1e6;
          if (leadFragments > 0) {
            sumSwitchMbps += Math.abs(mbps - previousBitrateMbps);
          }
          leadFragments++;
          sumBitrateMbps += mbps;
          previousBitrateMbps = mbps;
          if (Double.isFinite(e.throughputBps())) {
            sumThroughputBps += e.throughputBps();
            throughputSamples++;
          }
        }
      }
    }

    /** The bitrate of a shown level: its own, else the ladder's, else -1 (unknown). */
    private long bitrateOf(int level, long declaredBps) {
      if (declaredBps > 0) {
        return declaredBps;
      }
      if (level >= 0 && level < ladderBps.size()) {
        return ladderBps.get(level);
      }
      return -1;
    }

    /** Adds a forward move of the position to the played time of the level shown before it. */
    private void advanceTo(long newPositionUs) {
      if (hasPosition && newPositionUs > positionUs) {
        long advanceUs = newPositionUs - positionUs;
        playedUs += advanceUs;
        if (shownBitrateBps >= 0) {
          playedUsByBitrate.merge(shownBitrateBps, advanceUs, Long::sum);
        }
      }
      positionUs = newPositionUs;
      hasPosition = true;
    }

    SessionSummary result(String reasonWithoutEnd) {
      double playedS = playedUs / 1e6;
      double bitrateTimesUs = 0;
      Map<Long, Double> levels = new TreeMap<>();
      for (Map.Entry<Long, Long> level : playedUsByBitrate.entrySet()) {
        bitrateTimesUs += (double) level.getKey() * level.getValue();
        levels.put(level.getKey(), level.getValue() / 1e6);
      }
      long avgBitrateBps = playedUs > 0 ? Math.round(bitrateTimesUs / playedUs) : 0;
      double stallS = stallMs / 1000;
      double qoe =
          leadFragments == 0
              ? 0
              : (sumBitrateMbps - QOE_STALL_WEIGHT_MBPS_PER_S * stallS - sumSwitchMbps)
                  / leadFragments;
      long avgThroughputBps =
          throughputSamples == 0 ? 0 : Math.round(sumThroughputBps / throughputSamples);
      return new SessionSummary(
          startupMs,
          firstFrameMs,
          playedS,
          avgBitrateBps,
          switches,
          stalls,
          stallS,
          renderedFrames,
          droppedFrames,
          nearestRankPercentile(absDriftsMs, DRIFT_PERCENTILE),
          levels,
          qoe,
          SCHEMA_VERSION,
          leadFragments,
          avgThroughputBps,
          endReason == null ? reasonWithoutEnd : endReason,
          AUDIO_STREAM.equals(leadStream));
    }
  }

  /** The nearest-rank {@code percent}-th percentile of {@code values}, 0 when there are none. */
  static double nearestRankPercentile(List<Double> values, int percent) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    long rank = ((long) percent * sorted.size() + 99) / 100; // ceil(percent / 100 * n), exact
    return sorted.get((int) Math.max(1, rank) - 1);
  }
}
