package org.smoothplayer.assets.origin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smoothplayer.assets.origin.live.LiveTestContent.TICKS_PER_S;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smoothplayer.assets.generate.LevelSpec;
import org.smoothplayer.assets.generate.ManifestStyle;
import org.smoothplayer.assets.generate.PresentationInfo;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.StreamInfo;
import org.smoothplayer.assets.origin.LocalOrigin;

/** A presentation with captions broadcast live: the text stream is listed and served like audio. */
class LiveCaptionsTest {
  /** 4 s of 1-s fragments, one small video level, audio and captions; generated once, cached. */
  private static final PresentationSpec SPEC =
      new PresentationSpec(
          "live-captions-test",
          4_000,
          1_000,
          List.of(new LevelSpec(150_000, 96, 54)),
          25,
          true,
          ManifestStyle.TIMED,
          2_000,
          true);

  private static final long OFFSET = 3600 * TICKS_PER_S;
  private static final String TEXT = "/QualityLevels(1000)/Fragments(textstream_eng=";

  private static Path root;
  private static PresentationInfo info;
  private final LiveTestContent.Clock clock = new LiveTestContent.Clock();

  @BeforeAll
  static void generate_the_test_presentation() {
    root = Presentations.cached(SPEC);
    info = PresentationInfo.read(root);
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

  private static ParsedLiveFragment found(LiveBroadcast live, String path) throws Exception {
    LiveBroadcast.Answer answer = live.answer(path).orElseThrow();
    assertThat(answer).as(path).isInstanceOf(LiveBroadcast.Answer.Found.class);
    LiveBroadcast.Answer.Found found = (LiveBroadcast.Answer.Found) answer;
    assertThat(found.contentType()).isEqualTo("application/mp4");
    return ParsedLiveFragment.parse(found.body());
  }

  private static String notFound(LiveBroadcast live, String path) {
    LiveBroadcast.Answer answer = live.answer(path).orElseThrow();
    assertThat(answer).as(path).isInstanceOf(LiveBroadcast.Answer.NotFound.class);
    return ((LiveBroadcast.Answer.NotFound) answer).reason();
  }

  @Test
  void the_live_manifest_lists_the_text_stream_with_the_chunks_published_in_the_window()
      throws Exception {
    LiveBroadcast live = LiveBroadcast.start(root, options().withEndless(true));
    assertThat(info.streams())
        .extracting(StreamInfo::name)
        .containsExactly("video", "audio", "textstream_eng");
    long elapsedMs = 0;
    for (long stepMs : new long[] {0, 500, 500, 1_300, 1_700, 3_500, 20_000}) {
      clock.advanceMs(stepMs);
      elapsedMs += stepMs;
      long edge = (elapsedMs + 2_000) * (TICKS_PER_S / 1000);
      ParsedLiveManifest manifest = ParsedLiveManifest.parse(live.manifest());
      assertThat(manifest.streams()).containsOnlyKeys("video", "audio", "textstream_eng");
      for (StreamInfo stream : info.streams()) {
        assertThat(manifest.stream(stream.name()).chunks())
            .as("%s at %d ms", stream.name(), elapsedMs)
            .containsExactlyElementsOf(
                LiveTestContent.expectedChunks(
                    stream, 4 * TICKS_PER_S, edge, 3 * TICKS_PER_S, true, OFFSET));
      }
      assertThat(manifest.stream("textstream_eng").chunks())
          .isEqualTo(manifest.stream("video").chunks());
    }
    ParsedLiveManifest.Stream text =
        ParsedLiveManifest.parse(live.manifest()).stream("textstream_eng");
    assertThat(text.attributes())
        .containsAllEntriesOf(
            Map.of(
                "Type", "text",
                "Subtype", "CAPT",
                "Language", "eng",
                "TimeScale", "10000000",
                "QualityLevels", "1",
                "Url", "QualityLevels({bitrate})/Fragments(textstream_eng={start time})"));
    assertThat(text.bitrates()).containsExactly(1_000L);
    assertThat(live.manifest())
        .contains("<QualityLevel Index=\"0\" Bitrate=\"1000\" FourCC=\"TTML\"/>");
  }

  @Test
  void a_text_fragment_gets_live_times_and_keeps_its_ttml_document() throws Exception {
    LiveBroadcast live = LiveBroadcast.start(root, options().withDvrWindowS(0).withEndless(true));
    long t = OFFSET + 2 * TICKS_PER_S;
    assertThat(notFound(live, TEXT + t + ")")).isEqualTo("not published yet");

    clock.advanceMs(2_000); // edge 4 s: every fragment of loop 0 is published
    ParsedLiveFragment fragment = found(live, TEXT + t + ")");
    assertThat(fragment.trafChildren()).containsExactly("tfhd", "trun", "tfxd", "tfrf");
    assertThat(fragment.sequenceNumber()).isEqualTo(3);
    assertThat(fragment.tfxdTime()).isEqualTo(t);
    assertThat(fragment.tfxdDuration()).isEqualTo(TICKS_PER_S);
    assertThat(fragment.tfrf())
        .containsExactly(new LiveTestContent.Chunk(OFFSET + 3 * TICKS_PER_S, TICKS_PER_S));
    byte[] stored =
        ParsedLiveFragment.parse(
                Files.readAllBytes(
                    root.resolve("QualityLevels(1000)/Fragments(textstream_eng=20000000)")))
            .samples()
            .get(0);
    assertThat(fragment.samples()).hasSize(1);
    assertThat(fragment.samples().get(0)).isEqualTo(stored);
    assertThat(new String(stored, StandardCharsets.UTF_8))
        .as("times stay relative to the fragment start")
        .contains("<p begin=\"1000000t\" end=\"9000000t\">Caption 2<br/>0:02.0 to 0:03.0</p>");

    clock.advanceMs(1_000); // edge 5 s: fragment 0 of loop 1
    ParsedLiveFragment looped = found(live, TEXT + (OFFSET + 4 * TICKS_PER_S) + ")");
    assertThat(looped.tfxdTime()).isEqualTo(OFFSET + 4 * TICKS_PER_S);
    assertThat(looped.sequenceNumber()).isEqualTo(5);
    assertThat(notFound(live, TEXT + "0)")).isEqualTo("before the start of the broadcast");
    assertThat(notFound(live, "/QualityLevels(999)/Fragments(textstream_eng=" + t + ")"))
        .isEqualTo("stream textstream_eng has no level 999");
  }

  @Test
  void the_origin_serves_text_fragments_as_application_mp4_live_and_from_the_folder()
      throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (LocalOrigin origin = LocalOrigin.builder(root).start()) {
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(
                      origin.baseUri().resolve("QualityLevels(1000)/Fragments(textstream_eng=0)"))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/mp4");
      assertThat(response.body())
          .isEqualTo(
              Files.readAllBytes(root.resolve("QualityLevels(1000)/Fragments(textstream_eng=0)")));
    }
    try (LocalOrigin origin = LocalOrigin.builder(root).live(options()).start()) {
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(
                      origin
                          .baseUri()
                          .resolve("QualityLevels(1000)/Fragments(textstream_eng=" + OFFSET + ")"))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/mp4");
      assertThat(ParsedLiveFragment.parse(response.body()).tfxdTime()).isEqualTo(OFFSET);
    }
  }
}
