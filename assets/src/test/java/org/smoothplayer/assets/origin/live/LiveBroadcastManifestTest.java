package org.smoothplayer.assets.origin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smoothplayer.assets.origin.live.LiveTestContent.TICKS_PER_S;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smoothplayer.assets.generate.PresentationInfo;
import org.smoothplayer.assets.generate.StreamInfo;

/** The live Manifest of {@link LiveBroadcast} at chosen live-clock times (no HTTP). */
class LiveBroadcastManifestTest {
  /**
   * Set {@code -Dorigin.golden.update=true} to rewrite the golden Manifest from the current code.
   */
  private static final boolean UPDATE = Boolean.getBoolean("origin.golden.update");

  private static final String GOLDEN = "origin/live/manifest-endless-window3s-at-7500ms.xml";

  private static Path root;
  private static PresentationInfo info;
  private final LiveTestContent.Clock clock = new LiveTestContent.Clock();

  @BeforeAll
  static void generate_the_test_presentation() {
    root = LiveTestContent.root();
    info = PresentationInfo.read(root);
  }

  private LiveOptions options() {
    return LiveOptions.defaults()
        .withDvrWindowS(3)
        .withStartOffsetS(2)
        .withLookaheadCount(2)
        .withTimestampOffsetS(3600)
        .withClock(clock::now);
  }

  @Test
  void lists_only_published_fragments_inside_the_window_as_the_clock_moves() throws Exception {
    LiveBroadcast live = LiveBroadcast.start(root, options().withEndless(true));
    long loop = 4 * TICKS_PER_S;
    assertThat(live.loopTicks()).isEqualTo(loop);
    long elapsedMs = 0;
    for (long stepMs : new long[] {0, 500, 500, 1300, 1690, 10, 3500, 3500, 9, 1, 20_000}) {
      clock.advanceMs(stepMs);
      elapsedMs += stepMs;
      long edge = (elapsedMs + 2_000) * (TICKS_PER_S / 1000);
      ParsedLiveManifest manifest = ParsedLiveManifest.parse(live.manifest());
      for (StreamInfo stream : info.streams()) {
        assertThat(manifest.stream(stream.type()).chunks())
            .as("%s at %d ms", stream.type(), elapsedMs)
            .containsExactlyElementsOf(
                LiveTestContent.expectedChunks(
                    stream, loop, edge, 3 * TICKS_PER_S, true, 3600 * TICKS_PER_S));
      }
    }
  }

  @Test
  void the_manifest_moves_with_the_clock() throws Exception {
    LiveBroadcast live = LiveBroadcast.start(root, options().withEndless(true));
    List<LiveTestContent.Chunk> before =
        ParsedLiveManifest.parse(live.manifest()).stream("video").chunks();
    clock.advanceMs(1_000);
    List<LiveTestContent.Chunk> after =
        ParsedLiveManifest.parse(live.manifest()).stream("video").chunks();

    assertThat(before).hasSize(2);
    assertThat(after).hasSize(3);
    assertThat(after.subList(0, 2)).isEqualTo(before);
    assertThat(after.get(2).startTicks()).isEqualTo((3600 + 2) * TICKS_PER_S);
    clock.advanceMs(2_000);
    List<LiveTestContent.Chunk> later =
        ParsedLiveManifest.parse(live.manifest()).stream("video").chunks();
    assertThat(later)
        .as("a 3-s window of 1-s fragments slides: oldest dropped")
        .extracting(LiveTestContent.Chunk::startTicks)
        .containsExactly(
            (3600 + 2) * TICKS_PER_S, (3600 + 3) * TICKS_PER_S, (3600 + 4) * TICKS_PER_S);
  }

  @Test
  void live_manifest_says_is_live_with_lookahead_window_and_zero_duration() throws Exception {
    LiveBroadcast live = LiveBroadcast.start(root, options().withLookaheadCount(5));
    ParsedLiveManifest manifest = ParsedLiveManifest.parse(live.manifest());

    assertThat(manifest.root())
        .containsEntry("IsLive", "TRUE")
        .containsEntry("Duration", "0")
        .containsEntry("LookAheadFragmentCount", "5")
        .containsEntry("DVRWindowLength", Long.toString(3 * TICKS_PER_S))
        .containsEntry("TimeScale", "10000000");
    assertThat(manifest.streams().keySet()).containsExactly("video", "audio");
    assertThat(manifest.stream("video").bitrates()).containsExactly(150_000L, 300_000L);
    assertThat(manifest.stream("audio").bitrates()).containsExactly(128_000L);
    for (ParsedLiveManifest.Stream stream : manifest.streams().values()) {
      assertThat(stream.attributes().get("Chunks"))
          .isEqualTo(Integer.toString(stream.chunks().size()));
    }
  }

  @Test
  void first_chunk_of_each_stream_carries_t_and_the_following_ones_only_d() throws Exception {
    clock.advanceMs(0);
    LiveBroadcast live = LiveBroadcast.start(root, options().withEndless(true));
    clock.advanceMs(5_000);
    ParsedLiveManifest manifest = ParsedLiveManifest.parse(live.manifest());
    for (ParsedLiveManifest.Stream stream : manifest.streams().values()) {
      List<Map<String, String>> cs = stream.chunkAttributes();
      assertThat(cs.size()).isGreaterThanOrEqualTo(2);
      assertThat(cs.get(0)).containsKeys("t", "d");
      assertThat(cs.subList(1, cs.size())).allSatisfy(c -> assertThat(c).containsOnlyKeys("d"));
    }
  }

  @Test
  void matches_the_golden_dump_at_one_clock_time() throws Exception {
    LiveBroadcast live = LiveBroadcast.start(root, options().withEndless(true));
    clock.advanceMs(7_500);
    String actual = live.manifest();
    if (UPDATE) {
      Path golden = Path.of("src/test/resources").resolve(GOLDEN);
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    try (InputStream in = getClass().getResourceAsStream("/" + GOLDEN)) {
      assertThat(in).as("golden dump %s", GOLDEN).isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void one_pass_broadcast_ends_with_is_live_false_and_then_stops_changing() throws Exception {
    LiveBroadcast live = LiveBroadcast.start(root, options().withEndless(false));
    clock.advanceMs(1_900);
    assertThat(live.ended()).as("the last audio fragment ends at 4 s: not yet").isFalse();
    assertThat(ParsedLiveManifest.parse(live.manifest()).root()).containsEntry("IsLive", "TRUE");

    clock.advanceMs(100); // edge = 4 s: everything is published
    String ended = live.manifest();
    ParsedLiveManifest manifest = ParsedLiveManifest.parse(ended);
    assertThat(live.ended()).isTrue();
    assertThat(manifest.root())
        .containsEntry("IsLive", "FALSE")
        .doesNotContainKeys("LookAheadFragmentCount", "DVRWindowLength");
    List<LiveTestContent.Chunk> video = manifest.stream("video").chunks();
    assertThat(video)
        .extracting(LiveTestContent.Chunk::startTicks)
        .containsExactly(3601 * TICKS_PER_S, 3602 * TICKS_PER_S, 3603 * TICKS_PER_S);
    long firstStart =
        Math.min(video.get(0).startTicks(), manifest.stream("audio").chunks().get(0).startTicks());
    assertThat(Long.parseLong(manifest.root().get("Duration")))
        .as("Duration = span of the listed chunks")
        .isEqualTo(3604 * TICKS_PER_S - firstStart);

    clock.advanceMs(60_000);
    assertThat(live.manifest()).as("frozen after the end").isEqualTo(ended);
  }

  @Test
  void an_infinite_window_keeps_every_published_fragment() throws Exception {
    LiveBroadcast live = LiveBroadcast.start(root, options().withDvrWindowS(0).withEndless(true));
    clock.advanceMs(9_000); // edge 11 s: 11 video fragments over three loops
    ParsedLiveManifest manifest = ParsedLiveManifest.parse(live.manifest());

    assertThat(manifest.root()).containsEntry("DVRWindowLength", "0");
    assertThat(manifest.stream("video").chunks())
        .hasSize(11)
        .first()
        .isEqualTo(new LiveTestContent.Chunk(3600 * TICKS_PER_S, TICKS_PER_S));
  }

  @Test
  void with_no_start_offset_no_chunk_is_listed_until_the_first_fragment_ends() throws Exception {
    LiveBroadcast live = LiveBroadcast.start(root, options().withStartOffsetS(0));
    ParsedLiveManifest atStart = ParsedLiveManifest.parse(live.manifest());
    assertThat(atStart.stream("video").chunks()).isEmpty();
    assertThat(atStart.stream("video").attributes()).containsEntry("Chunks", "0");

    clock.advanceMs(1_000);
    assertThat(ParsedLiveManifest.parse(live.manifest()).stream("video").chunks())
        .containsExactly(new LiveTestContent.Chunk(3600 * TICKS_PER_S, TICKS_PER_S));
    assertThat(ParsedLiveManifest.parse(live.manifest()).stream("audio").chunks())
        .as("the first audio fragment ends after 1 s (whole AAC frames)")
        .isEmpty();
  }

  @Test
  void a_restart_jumps_the_timestamps_and_publishes_from_the_first_fragment_again()
      throws Exception {
    LiveBroadcast live = LiveBroadcast.start(root, options().withEndless(true));
    clock.advanceMs(5_000); // edge 7 s
    live.restart();
    ParsedLiveManifest manifest = ParsedLiveManifest.parse(live.manifest());

    assertThat(live.restarts()).isEqualTo(1);
    assertThat(live.timestampOffsetTicks())
        .as("old offset + edge (7 s) + jump (3600 s)")
        .isEqualTo((3600 + 7 + 3600) * TICKS_PER_S);
    assertThat(manifest.stream("video").chunks())
        .extracting(LiveTestContent.Chunk::startTicks)
        .containsExactly(7207 * TICKS_PER_S, 7208 * TICKS_PER_S);

    live.restart(100);
    assertThat(ParsedLiveManifest.parse(live.manifest()).stream("video").chunks())
        .extracting(LiveTestContent.Chunk::startTicks)
        .as("timestamps may also jump backwards")
        .containsExactly(100 * TICKS_PER_S, 101 * TICKS_PER_S);
    assertThat(live.describe()).contains("restarted 2 times", "timestamps now from 100");
  }

  @Test
  void with_audio_languages_the_audio_stream_is_listed_once_per_language_with_its_chunks()
      throws Exception {
    LiveBroadcast plain = LiveBroadcast.start(root, options().withEndless(true));
    LiveBroadcast both =
        LiveBroadcast.start(root, options().withEndless(true).withAudioLanguages("en", "fr"));
    clock.advanceMs(4_500);
    ParsedLiveManifest one = ParsedLiveManifest.parse(plain.manifest());
    ParsedLiveManifest two = ParsedLiveManifest.parse(both.manifest());

    assertThat(two.streams().keySet()).containsExactly("video", "audio_en", "audio_fr");
    assertThat(two.stream("video")).isEqualTo(one.stream("video"));
    for (String language : List.of("en", "fr")) {
      ParsedLiveManifest.Stream audio = two.stream("audio_" + language);
      assertThat(audio.attributes())
          .containsEntry("Type", "audio")
          .containsEntry("Language", language)
          .containsEntry(
              "Url", "QualityLevels({bitrate})/Fragments(audio_" + language + "={start time})");
      assertThat(audio.bitrates()).isEqualTo(one.stream("audio").bitrates());
      assertThat(audio.chunks())
          .as("same timing as the single audio stream")
          .isNotEmpty()
          .isEqualTo(one.stream("audio").chunks());
    }
    assertThat(one.stream("audio").attributes()).doesNotContainKey("Language");
  }
}
