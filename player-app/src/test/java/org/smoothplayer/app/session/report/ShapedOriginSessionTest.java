package org.smoothplayer.app.session.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.engine.EngineOptions;
import org.smoothplayer.app.engine.PlaybackEngine;
import org.smoothplayer.app.engine.PlayerState;
import org.smoothplayer.app.session.SessionLog;
import org.smoothplayer.app.session.SessionLogReader;
import org.smoothplayer.app.session.SessionLogWriter;
import org.smoothplayer.app.session.SessionSummary;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LinkTrace;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * A whole headless session of the generator's {@code tiny} against the local origin shaped to 2
 * Mbit/s: what the session log says was loaded is what the origin's request log says it served.
 */
class ShapedOriginSessionTest {

  private static final Pattern FRAGMENT =
      Pattern.compile("/QualityLevels\\((\\d+)\\)/Fragments\\((\\w+)=(\\d+)\\)");

  /** What the origin served of one stream: fragments, body bytes, fragments per bitrate. */
  private record Served(int fragments, long bytes, Map<Long, Integer> byBitrateBps) {}

  @Test
  @Timeout(60)
  void the_session_log_summary_matches_the_origins_request_log(@TempDir Path dir) throws Exception {
    Path requests = dir.resolve("requests.jsonl");
    Path logFile = dir.resolve("session.jsonl");
    try (LocalOrigin origin =
        LocalOrigin.builder(Presentations.cached(Preset.TINY))
            .linkTrace(LinkTrace.constant(2))
            .requestLog(requests)
            .start()) {
      String url = origin.baseUri().resolve("Manifest").toString();
      try (SessionLogWriter log = SessionLogWriter.open(logFile, 65_536);
          PlaybackEngine engine =
              PlaybackEngine.open(EngineOptions.of(url).headless().silent().withSink(log))) {
        assertThat(engine.awaitEnd(40_000).state()).isEqualTo(PlayerState.ENDED);
      }
    }

    SessionLog log = SessionLogReader.readLog(logFile);
    SessionSummary summary = SessionSummary.of(log.events());
    Map<String, FragmentTable.StreamTotals> logged = FragmentTable.of(log.events()).totals();
    Map<String, Served> served = served(requests);

    assertThat(summary.endReason()).isEqualTo("ended");
    assertThat(served.keySet()).containsExactlyInAnyOrder("video", "audio");
    assertThat(summary.fragments()).isEqualTo(served.get("video").fragments()).isEqualTo(4);
    for (String stream : served.keySet()) {
      Served s = served.get(stream);
      FragmentTable.StreamTotals l = logged.get(stream);
      assertThat(l.fragments()).as(stream + " fragments").isEqualTo(s.fragments());
      assertThat(l.bytes()).as(stream + " bytes").isEqualTo(s.bytes());
      assertThat(l.fragmentsByBitrateBps()).as(stream + " levels").isEqualTo(s.byBitrateBps());
    }
    // Every level the session showed was one the origin served.
    assertThat(served.get("video").byBitrateBps().keySet()).containsAll(summary.levels().keySet());
  }

  /** The fragment requests of the origin's log, by stream name. */
  private static Map<String, Served> served(Path requestLog) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, long[]> bytes = new LinkedHashMap<>();
    Map<String, Map<Long, Integer>> byBitrate = new LinkedHashMap<>();
    for (String line : Files.readAllLines(requestLog)) {
      JsonNode entry = json.readTree(line);
      Matcher m = FRAGMENT.matcher(entry.get("path").asText());
      if (!m.matches()) {
        continue; // the manifest
      }
      assertThat(entry.get("status").asInt()).as(line).isEqualTo(200);
      String stream = m.group(2);
      counts.computeIfAbsent(stream, s -> new int[1])[0]++;
      bytes.computeIfAbsent(stream, s -> new long[1])[0] += entry.get("bytes").asLong();
      byBitrate
          .computeIfAbsent(stream, s -> new TreeMap<>())
          .merge(Long.parseLong(m.group(1)), 1, Integer::sum);
    }
    Map<String, Served> out = new LinkedHashMap<>();
    counts.forEach(
        (stream, n) ->
            out.put(stream, new Served(n[0], bytes.get(stream)[0], byBitrate.get(stream))));
    return out;
  }
}
