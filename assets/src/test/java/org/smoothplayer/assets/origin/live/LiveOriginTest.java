package org.smoothplayer.assets.origin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smoothplayer.assets.origin.live.LiveTestContent.TICKS_PER_S;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.LinkTrace;
import org.smoothplayer.assets.origin.LocalOrigin;

/** The origin in live mode over HTTP, with the live clock moved by hand. */
class LiveOriginTest {
  private static final long OFFSET = 3600 * TICKS_PER_S;
  private static final String VIDEO = "QualityLevels(300000)/Fragments(video=";
  private static final String AUDIO = "QualityLevels(128000)/Fragments(audio=";

  private static Path root;

  @TempDir Path temp;
  private final LiveTestContent.Clock clock = new LiveTestContent.Clock();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private LocalOrigin origin;

  @BeforeAll
  static void generate_the_test_presentation() {
    root = LiveTestContent.root();
  }

  @AfterEach
  void stop_origin() {
    if (origin != null) {
      origin.close();
    }
  }

  /** Window 3 s, start offset 2 s, lookahead 2, timestamps from 3600 s. */
  private LiveOptions options() {
    return LiveOptions.defaults()
        .withDvrWindowS(3)
        .withStartOffsetS(2)
        .withLookaheadCount(2)
        .withTimestampOffsetS(3600)
        .withClock(clock::now);
  }

  private void start(LiveOptions options) throws IOException {
    origin = LocalOrigin.builder(root).live(options).start();
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(origin.baseUri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static long seconds(double s) {
    return Math.round(s * TICKS_PER_S);
  }

  private static ParsedLiveFragment stored(String relative) throws IOException {
    return ParsedLiveFragment.parse(Files.readAllBytes(root.resolve(relative)));
  }

  @Test
  void a_fragment_is_404_until_published_then_200_with_live_tfxd_and_an_empty_tfrf()
      throws Exception {
    start(options());
    long t = OFFSET + seconds(2);

    HttpResponse<byte[]> early = get(VIDEO + t + ")");
    assertThat(early.statusCode()).isEqualTo(404);
    assertThat(text(early)).contains("not published yet");

    clock.advanceMs(999);
    assertThat(get(VIDEO + t + ")").statusCode()).as("1 ms before its end").isEqualTo(404);
    clock.advanceMs(1);
    HttpResponse<byte[]> published = get(VIDEO + t + ")");
    assertThat(published.statusCode()).isEqualTo(200);
    assertThat(published.headers().firstValue("Content-Type")).hasValue("video/mp4");
    assertThat(published.headers().firstValueAsLong("Content-Length"))
        .hasValue(published.body().length);

    ParsedLiveFragment fragment = ParsedLiveFragment.parse(published.body());
    assertThat(fragment.trafChildren()).containsExactly("tfhd", "trun", "tfxd", "tfrf");
    assertThat(fragment.tfxdTime()).isEqualTo(t);
    assertThat(fragment.tfxdDuration()).isEqualTo(TICKS_PER_S);
    assertThat(fragment.sequenceNumber()).isEqualTo(3);
    assertThat(fragment.hasTfrf()).as("the newest fragment still has a tfrf box").isTrue();
    assertThat(fragment.tfrf()).as("nothing after it is published yet").isEmpty();

    ParsedLiveFragment vod = stored("QualityLevels(300000)/Fragments(video=20000000)");
    assertThat(fragment.samples()).hasSameSizeAs(vod.samples());
    for (int i = 0; i < vod.samples().size(); i++) {
      assertThat(fragment.samples().get(i)).as("sample %d", i).isEqualTo(vod.samples().get(i));
    }
  }

  @Test
  void tfrf_announces_only_following_fragments_that_are_already_published() throws Exception {
    start(options().withDvrWindowS(0).withLookaheadCount(3));
    clock.advanceMs(1_500); // edge 3.5 s: video fragments 0, 1, 2 are published

    assertThat(ParsedLiveFragment.parse(get(VIDEO + OFFSET + ")").body()).tfrf())
        .containsExactly(
            new LiveTestContent.Chunk(OFFSET + seconds(1), TICKS_PER_S),
            new LiveTestContent.Chunk(OFFSET + seconds(2), TICKS_PER_S));
    assertThat(ParsedLiveFragment.parse(get(VIDEO + (OFFSET + seconds(1)) + ")").body()).tfrf())
        .containsExactly(new LiveTestContent.Chunk(OFFSET + seconds(2), TICKS_PER_S));

    clock.advanceMs(500);
    assertThat(ParsedLiveFragment.parse(get(VIDEO + OFFSET + ")").body()).tfrf())
        .as("at most the lookahead count")
        .hasSize(3);
  }

  @Test
  void audio_fragments_get_live_boxes_and_keep_their_samples() throws Exception {
    start(options().withDvrWindowS(0));
    clock.advanceMs(1_100); // edge 3.1 s: audio fragments 0..2 (ends 1.0027, 2.0053, 3.008)
    String stored = "QualityLevels(128000)/Fragments(audio=10026667)";

    HttpResponse<byte[]> response = get(AUDIO + (OFFSET + 10_026_667) + ")");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/mp4");
    ParsedLiveFragment fragment = ParsedLiveFragment.parse(response.body());
    assertThat(fragment.tfxdTime()).isEqualTo(OFFSET + 10_026_667);
    assertThat(fragment.tfxdDuration()).as("20053333 - 10026667").isEqualTo(10_026_666);
    assertThat(fragment.sequenceNumber()).isEqualTo(2);
    assertThat(fragment.tfrf())
        .containsExactly(new LiveTestContent.Chunk(OFFSET + 20_053_333, 10_026_667));
    assertThat(fragment.samples())
        .usingElementComparator(java.util.Arrays::compare)
        .containsExactlyElementsOf(stored(stored).samples());
  }

  @Test
  void with_audio_languages_each_language_serves_the_audio_fragments_under_its_own_name()
      throws Exception {
    start(options().withDvrWindowS(0).withAudioLanguages("en", "fr"));
    clock.advanceMs(1_100); // edge 3.1 s: audio fragments 0..2
    long t = OFFSET + 10_026_667;
    ParsedLiveFragment plain = stored("QualityLevels(128000)/Fragments(audio=10026667)");

    for (String name : List.of("audio_en", "audio_fr")) {
      HttpResponse<byte[]> response =
          get("QualityLevels(128000)/Fragments(" + name + "=" + t + ")");
      assertThat(response.statusCode()).as(name).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/mp4");
      ParsedLiveFragment fragment = ParsedLiveFragment.parse(response.body());
      assertThat(fragment.tfxdTime()).isEqualTo(t);
      assertThat(fragment.tfrf())
          .containsExactly(new LiveTestContent.Chunk(OFFSET + 20_053_333, 10_026_667));
      assertThat(fragment.samples())
          .usingElementComparator(java.util.Arrays::compare)
          .containsExactlyElementsOf(plain.samples());
    }
    assertThat(text(get(AUDIO + t + ")")))
        .as("the plain name is not listed, so not served")
        .contains("no stream named audio");
    assertThat(text(get("QualityLevels(128000)/Fragments(audio_de=" + t + ")")))
        .contains("no stream named audio_de");
    assertThat(get(VIDEO + OFFSET + ")").statusCode()).isEqualTo(200);
  }

  @Test
  void endless_timestamps_keep_increasing_across_the_loop_boundary() throws Exception {
    start(options().withDvrWindowS(0).withEndless(true));
    clock.advanceMs(4_000); // edge 6 s: loop 0 and fragments 0, 1 of loop 1

    ParsedLiveFragment last =
        ParsedLiveFragment.parse(get(VIDEO + (OFFSET + seconds(3)) + ")").body());
    assertThat(last.tfrf())
        .containsExactly(
            new LiveTestContent.Chunk(OFFSET + seconds(4), TICKS_PER_S),
            new LiveTestContent.Chunk(OFFSET + seconds(5), TICKS_PER_S));

    HttpResponse<byte[]> response = get(VIDEO + (OFFSET + seconds(4)) + ")");
    assertThat(response.statusCode()).isEqualTo(200);
    ParsedLiveFragment looped = ParsedLiveFragment.parse(response.body());
    assertThat(looped.tfxdTime()).isEqualTo(OFFSET + seconds(4));
    assertThat(looped.sequenceNumber()).isEqualTo(5);
    assertThat(looped.samples())
        .usingElementComparator(java.util.Arrays::compare)
        .containsExactlyElementsOf(stored("QualityLevels(300000)/Fragments(video=0)").samples());

    ParsedLiveManifest manifest = ParsedLiveManifest.parse(text(get("Manifest")));
    for (String type : List.of("video", "audio")) {
      List<LiveTestContent.Chunk> chunks = manifest.stream(type).chunks();
      assertThat(chunks).hasSizeGreaterThan(4);
      for (int i = 1; i < chunks.size(); i++) {
        assertThat(chunks.get(i).startTicks())
            .as("%s chunk %d starts where the previous one ends", type, i)
            .isEqualTo(chunks.get(i - 1).startTicks() + chunks.get(i - 1).durationTicks());
      }
      LiveTestContent.Chunk newest = chunks.get(chunks.size() - 1);
      String prefix = type.equals("video") ? VIDEO : AUDIO;
      assertThat(get(prefix + newest.startTicks() + ")").statusCode()).as(type).isEqualTo(200);
    }
    assertThat(get(AUDIO + (OFFSET + seconds(4)) + ")").statusCode())
        .as("audio of loop 1 starts at the loop boundary")
        .isEqualTo(200);
  }

  @Test
  void the_fragment_just_before_the_window_start_is_404() throws Exception {
    start(options().withEndless(true));
    clock.advanceMs(7_500); // edge 9.5 s: newest video ends at 9 s, window 3 s from 6 s

    List<LiveTestContent.Chunk> video =
        ParsedLiveManifest.parse(text(get("Manifest"))).stream("video").chunks();
    assertThat(video.get(0).startTicks()).isEqualTo(OFFSET + seconds(6));
    assertThat(get(VIDEO + (OFFSET + seconds(6)) + ")").statusCode()).isEqualTo(200);

    HttpResponse<byte[]> overrun = get(VIDEO + (OFFSET + seconds(5)) + ")");
    assertThat(overrun.statusCode()).isEqualTo(404);
    assertThat(text(overrun)).contains("outside the DVR window");
  }

  @Test
  void after_a_restart_old_timestamps_are_404_and_the_new_ones_are_served() throws Exception {
    start(options().withEndless(true));
    clock.advanceMs(2_000); // edge 4 s
    String old = VIDEO + (OFFSET + seconds(2)) + ")";
    assertThat(get(old).statusCode()).isEqualTo(200);

    origin.live().orElseThrow().restart();

    assertThat(get(old).statusCode()).isEqualTo(404);
    List<LiveTestContent.Chunk> video =
        ParsedLiveManifest.parse(text(get("Manifest"))).stream("video").chunks();
    long newStart = video.get(0).startTicks();
    assertThat(newStart).isEqualTo(OFFSET + seconds(4) + seconds(3600));
    ParsedLiveFragment first = ParsedLiveFragment.parse(get(VIDEO + newStart + ")").body());
    assertThat(first.tfxdTime()).isEqualTo(newStart);
    assertThat(first.sequenceNumber()).as("numbering starts again").isEqualTo(1);
  }

  @Test
  void faults_head_link_shaping_and_the_request_log_work_in_live_mode() throws Exception {
    Path log = temp.resolve("requests.jsonl");
    origin =
        LocalOrigin.builder(root)
            .live(options())
            .fault(FaultRule.parse("Manifest=503@1"))
            .fault(FaultRule.parse("Fragments(video=" + OFFSET + ")=truncate@1"))
            .linkTrace(LinkTrace.constant(200))
            .requestLog(log)
            .start();

    assertThat(get("Manifest").statusCode()).isEqualTo(503);
    HttpResponse<byte[]> manifest = get("Manifest");
    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(manifest.headers().firstValue("Content-Type")).hasValue("text/xml");
    HttpResponse<Void> head =
        client.send(
            HttpRequest.newBuilder(origin.baseUri().resolve("Manifest"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(manifest.body().length);
    assertThatThrownBy(() -> get(VIDEO + OFFSET + ")")).isInstanceOf(IOException.class);
    assertThat(get(VIDEO + OFFSET + ")").statusCode()).isEqualTo(200);
    assertThat(get(VIDEO + (OFFSET + seconds(3)) + ")").statusCode()).isEqualTo(404);
    origin.close();

    ObjectMapper json = new ObjectMapper();
    List<String> summary = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      JsonNode entry = json.readTree(line);
      summary.add(
          entry.get("method").asText()
              + " "
              + entry.get("path").asText()
              + " "
              + entry.get("status").asInt()
              + (entry.has("fault") ? " " + entry.get("fault").asText() : ""));
    }
    assertThat(summary)
        .as("a request on a new connection may be logged before the end of the previous one")
        .containsExactlyInAnyOrder(
            "GET /Manifest 503 503",
            "GET /Manifest 200",
            "HEAD /Manifest 200",
            "GET /" + VIDEO + OFFSET + ") 200 truncate",
            "GET /" + VIDEO + OFFSET + ") 200",
            "GET /" + VIDEO + (OFFSET + seconds(3)) + ") 404");
  }

  @Test
  void other_files_are_still_served_and_bad_fragment_paths_are_404() throws Exception {
    start(options());
    assertThat(get("presentation.json").statusCode()).isEqualTo(200);
    assertThat(text(get("QualityLevels(999)/Fragments(video=" + OFFSET + ")")))
        .contains("has no level 999");
    assertThat(text(get("QualityLevels(300000)/Fragments(text=" + OFFSET + ")")))
        .contains("no stream named text");
    assertThat(text(get(VIDEO + (OFFSET + 1) + ")"))).contains("not the start of a fragment");
    assertThat(text(get(VIDEO + "0)"))).contains("before the start of the broadcast");
    assertThat(text(get(VIDEO + "99999999999999999999)"))).contains("not a fragment path");
    assertThat(get("QualityLevels(300000)/Fragments(video=0)/x").statusCode()).isEqualTo(404);
    assertThat(origin.describe()).contains("live: DVR window 3 s, lookahead 2");
  }

  @Test
  void a_one_pass_broadcast_serves_its_final_window_after_the_end() throws Exception {
    start(options());
    clock.advanceMs(60_000);
    assertThat(get(VIDEO + (OFFSET + seconds(3)) + ")").statusCode()).isEqualTo(200);
    assertThat(text(get(VIDEO + (OFFSET + seconds(4)) + ")")))
        .contains("after the end of the broadcast");
    assertThat(text(get("Manifest"))).contains("IsLive=\"FALSE\"");
  }

  @Test
  void a_stored_fragment_the_generator_did_not_write_is_answered_500() throws Exception {
    Path copy = temp.resolve("copy");
    try (java.util.stream.Stream<Path> files = Files.walk(root)) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(root.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Files.write(copy.resolve("QualityLevels(300000)/Fragments(video=0)"), new byte[] {0, 0, 0});
    origin = LocalOrigin.builder(copy).live(options()).start();

    assertThat(get(VIDEO + OFFSET + ")").statusCode()).isEqualTo(500);
    assertThat(get(VIDEO + (OFFSET + seconds(1)) + ")").statusCode()).isEqualTo(200);
    Files.delete(copy.resolve("QualityLevels(300000)/Fragments(video=10000000)"));
    assertThat(text(get(VIDEO + (OFFSET + seconds(1)) + ")"))).contains("is missing");
  }

  @Test
  void live_mode_refuses_a_folder_without_presentation_json() throws IOException {
    Path folder = Files.createDirectories(temp.resolve("plain"));
    Files.writeString(folder.resolve("Manifest"), "<SmoothStreamingMedia/>");

    assertThatThrownBy(() -> LocalOrigin.builder(folder).live(options()).start())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("live mode needs a generated presentation")
        .hasMessageContaining("presentation.json");
  }
}
