package org.smoothplayer.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.manifest.Chunk;
import org.smoothplayer.app.manifest.ChunkTimeline;
import org.smoothplayer.app.manifest.CodecSupport;
import org.smoothplayer.app.manifest.LevelSupport;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.ManifestException;
import org.smoothplayer.app.manifest.ManifestLoader;
import org.smoothplayer.app.manifest.ManifestParser;
import org.smoothplayer.app.manifest.QualityLevel;
import org.smoothplayer.app.manifest.StreamIndex;
import org.smoothplayer.app.manifest.StreamType;
import org.smoothplayer.app.net.FetchException;
import org.smoothplayer.app.net.HttpFetcher;
import org.smoothplayer.decoder.codec.AudioCodecConfig;
import org.smoothplayer.decoder.codec.CodecConfig;
import org.smoothplayer.decoder.codec.VideoCodecConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code smooth-player probe <manifest URL, file or presentation folder> [--json]}: what a
 * presentation holds and whether this player can play it.
 *
 * <p>Exit codes: {@value #EXIT_OK} playable (its audio alone when no video stream decodes: the
 * report says so), {@value #EXIT_UNSUPPORTED} unsupported (protected, or neither a decodable video
 * nor a decodable audio stream), {@value #EXIT_ERROR} error (unreadable, not a manifest); the
 * report is printed for 0 and 2, the problem goes to standard error for 1 and 2.
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the streams, languages, levels, duration or live window, fragments and protection of"
          + " a Smooth Streaming presentation, and whether it can be played.",
      "Exit codes: 0 playable (the audio alone when no video decodes), 2 unsupported (protected,"
          + " or nothing decodable), 1 error."
    })
public final class ProbeCommand implements Callable<Integer> {
  /** The presentation can be played. */
  public static final int EXIT_OK = 0;

  /** The manifest could not be read or parsed. */
  public static final int EXIT_ERROR = 1;

  /** The presentation is valid but cannot be played here (protected, unsupported video). */
  public static final int EXIT_UNSUPPORTED = 2;

  @Parameters(
      index = "0",
      paramLabel = "MANIFEST",
      description = "Manifest URL, manifest file, or presentation folder holding a Manifest file.")
  String location = "";

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Manifest manifest;
    try (HttpFetcher fetcher = new HttpFetcher()) {
      manifest = new ManifestLoader(fetcher, new ManifestParser()).load(location);
    } catch (ManifestException e) {
      err.println("probe: " + e.getMessage());
      err.flush();
      return EXIT_ERROR;
    } catch (FetchException e) {
      err.println("probe: " + e.describe("manifest", location));
      err.flush();
      return EXIT_ERROR;
    }
    Report report = Report.of(manifest);
    out.print(json ? report.json() : report.table());
    out.flush();
    if (report.problem() != null) {
      err.println("probe: unsupported: " + report.problem());
      err.flush();
      return EXIT_UNSUPPORTED;
    }
    return EXIT_OK;
  }

  /** Level facts with its support verdict. */
  private record LevelReport(QualityLevel level, LevelSupport support, @Nullable URI firstUrl) {}

  /** Stream facts with its levels. */
  private record StreamReport(StreamIndex stream, List<LevelReport> levels) {
    boolean supported() {
      return levels.stream().anyMatch(l -> l.support().supported());
    }

    @Nullable String fourCc() {
      return stream.qualityLevels().isEmpty() ? null : stream.qualityLevels().get(0).fourCc();
    }

    /** The first unsupported level's reason, or a generic one. */
    String why() {
      return levels.stream()
          .map(l -> l.support().reason())
          .filter(r -> !r.isEmpty())
          .findFirst()
          .orElse("no QualityLevel");
    }
  }

  /**
   * Everything probe prints, computed once.
   *
   * @param problem why the player cannot play it, null when it can
   * @param audioOnly why the audio of a playable presentation plays alone (no video stream, or none
   *     decodable), null when its video plays
   */
  private record Report(
      Manifest manifest,
      List<StreamReport> streams,
      @Nullable String problem,
      @Nullable String audioOnly) {
    static Report of(Manifest m) {
      List<StreamReport> streams = new ArrayList<>();
      for (StreamIndex s : m.streams()) {
        List<LevelReport> levels = new ArrayList<>();
        for (QualityLevel q : s.qualityLevels()) {
          levels.add(
              new LevelReport(
                  q, CodecSupport.evaluate(s, q), s.fragmentUri(m.baseUri(), q, 0).orElse(null)));
        }
        streams.add(new StreamReport(s, levels));
      }
      List<StreamIndex> mainVideo = m.mainVideoStreams();
      List<StreamReport> main =
          streams.stream().filter(s -> mainVideo.stream().anyMatch(v -> v == s.stream())).toList();
      List<StreamReport> audio =
          streams.stream().filter(s -> s.stream().type() == StreamType.AUDIO).toList();
      String problem = problemOf(m, main, audio);
      // As the player: without a decodable main video stream, the audio plays alone.
      String audioOnly =
          problem != null || main.stream().anyMatch(StreamReport::supported)
              ? null
              : main.isEmpty() ? "no video stream" : "video " + noDecodableLevel(main.get(0));
      return new Report(m, streams, problem, audioOnly);
    }

    private static @Nullable String problemOf(
        Manifest m, List<StreamReport> main, List<StreamReport> audio) {
      if (m.protection().isPresent()) {
        return Manifest.PROTECTED_MESSAGE
            + " (Protection element, SystemID "
            + m.protection().get().firstSystemId()
            + ")";
      }
      if (main.stream().anyMatch(StreamReport::supported)
          || audio.stream().anyMatch(StreamReport::supported)) {
        return null;
      }
      if (!main.isEmpty()) {
        return "video " + noDecodableLevel(main.get(0));
      }
      return audio.isEmpty()
          ? "no audio or video stream"
          : "no video stream, and audio " + noDecodableLevel(audio.get(0));
    }

    /** {@code stream "NAME" has no decodable level: WHY}, of {@code first}. */
    private static String noDecodableLevel(StreamReport first) {
      return "stream \""
          + first.stream().displayName()
          + "\" has no decodable level: "
          + first.why();
    }

    String json() {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = mapper.createObjectNode();
      root.put("manifest_url", manifest.baseUri().toString());
      root.put("live", manifest.live());
      if (manifest.live()) {
        root.putNull("duration_s");
      } else {
        root.put("duration_s", seconds(manifest.durationUs()));
      }
      if (manifest.dvrWindowTicks() > 0) {
        root.put("dvr_window_s", seconds(manifest.dvrWindowUs()));
      } else {
        root.putNull("dvr_window_s");
      }
      root.put("lookahead", manifest.lookAheadFragmentCount());
      if (manifest.protection().isPresent()) {
        root.put("protection", manifest.protection().get().firstSystemId());
      } else {
        root.putNull("protection");
      }
      root.put("supported", problem == null);
      if (problem == null) {
        root.putNull("problem");
      } else {
        root.put("problem", problem);
      }
      if (audioOnly == null) {
        root.putNull("audio_only");
      } else {
        root.put("audio_only", audioOnly);
      }
      ArrayNode streamsNode = root.putArray("streams");
      for (StreamReport sr : streams) {
        StreamIndex s = sr.stream();
        ChunkTimeline t = s.timeline();
        ObjectNode sn = streamsNode.addObject();
        sn.put("type", s.type().keyword());
        sn.put("subtype", s.subtype());
        putNullable(sn, "name", s.name());
        putNullable(sn, "language", s.language());
        putNullable(sn, "codec", sr.fourCc());
        sn.put("supported", sr.supported());
        sn.put("chunks", t.chunkCount());
        if (t.isEmpty()) {
          sn.putNull("first_start_s");
          sn.putNull("last_start_s");
          sn.putNull("last_duration_s");
        } else {
          Chunk last = t.chunk(t.chunkCount() - 1);
          sn.put("first_start_s", seconds(t.startUs()));
          sn.put("last_start_s", seconds(last.startUs()));
          if (last.durationKnown()) {
            sn.put("last_duration_s", seconds(last.durationUs()));
          } else {
            sn.putNull("last_duration_s");
          }
        }
        long[] range = durationRangeUs(t);
        if (range == null) {
          sn.putNull("min_fragment_s");
          sn.putNull("max_fragment_s");
        } else {
          sn.put("min_fragment_s", seconds(range[0]));
          sn.put("max_fragment_s", seconds(range[1]));
        }
        ArrayNode levels = sn.putArray("levels");
        for (LevelReport lr : sr.levels()) {
          QualityLevel q = lr.level();
          ObjectNode ln = levels.addObject();
          ln.put("index", q.index());
          ln.put("bitrate", q.bitrateBps());
          putNullable(ln, "codec", q.fourCc());
          CodecConfig config = lr.support().config();
          if (s.type() == StreamType.AUDIO) {
            int rate =
                config instanceof AudioCodecConfig a ? a.samplingRateHz() : q.samplingRateHz();
            int channels = config instanceof AudioCodecConfig a ? a.channels() : q.channels();
            ln.put("sampling_rate", rate);
            ln.put("channels", channels);
          } else {
            ln.put("width", config instanceof VideoCodecConfig v ? v.widthPx() : q.maxWidthPx());
            ln.put("height", config instanceof VideoCodecConfig v ? v.heightPx() : q.maxHeightPx());
            ln.put("max_width", q.maxWidthPx());
            ln.put("max_height", q.maxHeightPx());
          }
          putNullable(ln, "profile", profile(config));
          ln.put("supported", lr.support().supported());
          putNullable(ln, "reason", lr.support().supported() ? null : lr.support().reason());
          putNullable(ln, "url_example", lr.firstUrl() == null ? null : lr.firstUrl().toString());
        }
      }
      try {
        return mapper.writeValueAsString(root) + System.lineSeparator();
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a tree of plain values always serializes", e);
      }
    }

    String table() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "Manifest    %s%n", manifest.baseUri()));
      if (manifest.live()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "Type        live, DVR window %s, lookahead %d fragments%n",
                manifest.dvrWindowTicks() > 0 ? fmt(manifest.dvrWindowUs()) + " s" : "unbounded",
                manifest.lookAheadFragmentCount()));
      } else {
        sb.append(
            String.format(
                Locale.ROOT, "Type        on demand, duration %s s%n", fmt(manifest.durationUs())));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "Protection  %s%n",
              manifest.protection().isPresent()
                  ? "yes, SystemID " + manifest.protection().get().firstSystemId()
                  : "none"));
      sb.append(
          String.format(
              Locale.ROOT,
              "Playable    %s%n",
              problem != null
                  ? "no: " + problem
                  : audioOnly != null ? "yes, audio only: " + audioOnly : "yes"));
      int n = 0;
      for (StreamReport sr : streams) {
        StreamIndex s = sr.stream();
        ChunkTimeline t = s.timeline();
        sb.append(System.lineSeparator());
        sb.append(
            String.format(
                Locale.ROOT,
                "Stream %d: %s%s \"%s\", language %s, %d fragments",
                n++,
                s.type().keyword(),
                s.subtype().isEmpty() ? "" : "/" + s.subtype(),
                s.displayName(),
                s.language() == null ? "-" : s.language(),
                t.chunkCount()));
        long[] range = durationRangeUs(t);
        if (!t.isEmpty()) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  " from %s s to %s s",
                  fmt(t.startUs()),
                  t.lastDurationKnown() ? fmt(t.endUs()) : fmt(t.endUs()) + "+"));
        }
        if (range != null) {
          sb.append(
              String.format(
                  Locale.ROOT, ", fragment duration %s..%s s", fmt(range[0]), fmt(range[1])));
        }
        sb.append(System.lineSeparator());
        boolean audio = s.type() == StreamType.AUDIO;
        sb.append(
            String.format(
                Locale.ROOT,
                "  %10s  %-11s  %-5s  %-24s  %-9s  %s%n",
                "BITRATE",
                audio ? "RATE/CH" : "RESOLUTION",
                "CODEC",
                "PROFILE",
                "SUPPORTED",
                "FIRST FRAGMENT"));
        for (LevelReport lr : sr.levels()) {
          QualityLevel q = lr.level();
          CodecConfig config = lr.support().config();
          String shape;
          if (audio) {
            int rate =
                config instanceof AudioCodecConfig a ? a.samplingRateHz() : q.samplingRateHz();
            int ch = config instanceof AudioCodecConfig a ? a.channels() : q.channels();
            shape = rate + "/" + ch;
          } else {
            int w = config instanceof VideoCodecConfig v ? v.widthPx() : q.maxWidthPx();
            int h = config instanceof VideoCodecConfig v ? v.heightPx() : q.maxHeightPx();
            shape = w + "x" + h;
          }
          String profile = profile(config);
          sb.append(
              String.format(
                  Locale.ROOT,
                  "  %10d  %-11s  %-5s  %-24s  %-9s  %s%n",
                  q.bitrateBps(),
                  shape,
                  q.fourCc() == null ? "-" : q.fourCc(),
                  profile == null ? "-" : profile,
                  lr.support().supported() ? "yes" : "no",
                  lr.firstUrl() == null ? "-" : lr.firstUrl()));
          if (!lr.support().supported()) {
            sb.append(String.format(Locale.ROOT, "  %10s  (%s)%n", "", lr.support().reason()));
          }
        }
      }
      return sb.toString();
    }
  }

  private static @Nullable String profile(@Nullable CodecConfig config) {
    if (config instanceof VideoCodecConfig v) {
      return v.profile() + " " + v.level();
    }
    if (config instanceof AudioCodecConfig a) {
      return a.codec().name();
    }
    return null;
  }

  /** Shortest and longest known fragment duration in µs, or null when there is none. */
  private static long @Nullable [] durationRangeUs(ChunkTimeline t) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int r = 0; r < t.runCount(); r++) {
      Chunk c = t.chunk(t.run(r).firstIndex());
      if (c.durationKnown()) {
        min = Math.min(min, c.durationUs());
        max = Math.max(max, c.durationUs());
      }
    }
    return min == Long.MAX_VALUE ? null : new long[] {min, max};
  }

  private static double seconds(long us) {
    return us / 1_000_000.0;
  }

  private static String fmt(long us) {
    return String.format(Locale.ROOT, "%.3f", us / 1_000_000.0);
  }

  private static void putNullable(ObjectNode node, String key, @Nullable String value) {
    if (value == null) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }
}
