package org.smoothplayer.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;
import picocli.CommandLine;

class ProbeCommandTest {
  private static final List<String> TOP_KEYS =
      List.of("live", "duration_s", "dvr_window_s", "lookahead", "protection", "streams");
  private static final List<String> STREAM_KEYS =
      List.of(
          "type",
          "name",
          "language",
          "codec",
          "supported",
          "chunks",
          "first_start_s",
          "last_start_s",
          "last_duration_s",
          "levels");

  /** Exit code, standard output and standard error of one run. */
  record Outcome(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  static Outcome probe(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new ProbeCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  private static Path corpus(String relative) {
    return org.smoothplayer.app.manifest.SharedFolderAccess.conformance().resolve(relative);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void a_file_prints_a_table_of_streams_and_levels() {
    Outcome o = probe(corpus("rxplayer/Manifest_Regular.xml").toString());
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out())
        .contains("Type        on demand, duration 75.008 s")
        .contains("Protection  none")
        .contains("Playable    yes")
        .contains("Stream 0: video \"video\", language und, 38 fragments from 0.000 s to 75.000 s")
        .contains("fragment duration 1.000..2.000 s")
        .contains("BITRATE")
        .containsPattern(
            "300000  400x224 +H264 +Baseline 1.3 +yes +file:/.*QualityLevels300000/Fragmentsvideo=0")
        .contains("Stream 1: audio \"audio_und\", language UND");
    assertThat(o.err()).isEmpty();
  }

  @Test
  void json_output_is_one_object_with_the_documented_keys() throws Exception {
    Outcome o = probe(corpus("rxplayer/Manifest_Custom_Attributes.xml").toString(), "--json");
    assertThat(o.exit()).as(o.err()).isZero();
    JsonNode root = o.json();
    assertThat(fieldNames(root)).containsAll(TOP_KEYS);
    assertThat(root.get("live").asBoolean()).isFalse();
    assertThat(root.get("duration_s").asDouble())
        .isEqualTo(75.0079999, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(root.get("protection").isNull()).isTrue();
    assertThat(root.get("dvr_window_s").isNull()).isTrue();
    JsonNode video = root.get("streams").get(0);
    assertThat(fieldNames(video)).containsAll(STREAM_KEYS);
    assertThat(video.get("codec").asText()).isEqualTo("H264");
    assertThat(video.get("supported").asBoolean()).isTrue();
    assertThat(video.get("chunks").asInt()).isEqualTo(38);
    assertThat(video.get("last_start_s").asDouble()).isEqualTo(74.0);
    assertThat(video.get("last_duration_s").asDouble()).isEqualTo(1.0);
    JsonNode top = video.get("levels").get(7);
    assertThat(top.get("bitrate").asLong()).isEqualTo(5_000_000L);
    assertThat(top.get("width").asInt()).isEqualTo(1920);
    assertThat(top.get("height").asInt()).isEqualTo(1080);
    assertThat(top.get("url_example").asText())
        .endsWith("QualityLevels5000000,hardwareProfile=8000/Fragmentsvideo=0");
    JsonNode audio = root.get("streams").get(1).get("levels").get(0);
    assertThat(audio.get("sampling_rate").asInt()).isEqualTo(48_000);
    assertThat(audio.get("channels").asInt()).isEqualTo(2);
  }

  @Test
  void a_live_manifest_reports_its_window_and_no_duration() throws Exception {
    // The kodi live sample is PlayReady-protected: reported (exit 2) with its live facts.
    Outcome o = probe(corpus("kodi-isa/live_async_streams.ism").toString(), "--json");
    assertThat(o.exit()).isEqualTo(ProbeCommand.EXIT_UNSUPPORTED);
    JsonNode root = o.json();
    assertThat(root.get("live").asBoolean()).isTrue();
    assertThat(root.get("duration_s").isNull()).isTrue();
    assertThat(root.get("dvr_window_s").asDouble()).isEqualTo(60.0);
    assertThat(root.get("lookahead").asInt()).isEqualTo(2);
    assertThat(root.get("protection").asText()).isEqualTo("9A04F079-9840-4286-AB92-E65BE0885F95");
    assertThat(o.err()).contains("PlayReady-protected content is not supported");
  }

  @Test
  void protected_content_exits_2_naming_the_problem() {
    Outcome o = probe(corpus("shaka/mss-playready/Manifest").toString());
    assertThat(o.exit()).isEqualTo(ProbeCommand.EXIT_UNSUPPORTED);
    assertThat(o.out()).contains("Protection  yes, SystemID 9a04f079-9840-4286-ab92-e65be0885f95");
    assertThat(o.err())
        .isEqualTo(
            "probe: unsupported: PlayReady-protected content is not supported (Protection"
                + " element, SystemID 9a04f079-9840-4286-ab92-e65be0885f95)"
                + System.lineSeparator());
  }

  @Test
  void unsupported_video_exits_2_naming_the_codec() {
    Outcome o = probe(corpus("media3/SsDownloadTestData.ismc").toString());
    assertThat(o.exit()).isEqualTo(ProbeCommand.EXIT_UNSUPPORTED);
    assertThat(o.err()).contains("video stream \"video\" has no decodable level").contains("WVC1");
  }

  @Test
  void an_audio_only_presentation_is_playable_from_its_audio() throws Exception {
    Outcome o = probe(corpus("shaka/unit/repetitions-r12.xml").toString());
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out()).contains("Playable    yes, audio only: no video stream");
    Outcome json = probe(corpus("shaka/unit/repetitions-r12.xml").toString(), "--json");
    assertThat(json.json().get("audio_only").asText()).isEqualTo("no video stream");
    assertThat(json.json().get("supported").asBoolean()).isTrue();
  }

  @Test
  void a_presentation_whose_video_cannot_be_decoded_is_playable_from_its_audio_alone() {
    // Shaka's "skip video stream without FourCC": the video is left out, the audio plays.
    Outcome o = probe(corpus("shaka/unit/video-no-fourcc.xml").toString());
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out())
        .contains(
            "Playable    yes, audio only: video stream \"video\" has no decodable level:"
                + " QualityLevel at line 3: unsupported codec (no FourCC) (supported: ");
  }

  @Test
  void an_audio_only_presentation_whose_audio_cannot_be_decoded_exits_2_naming_it(@TempDir Path dir)
      throws Exception {
    String xml = Files.readString(corpus("gstreamer/testSeek.xml"), StandardCharsets.UTF_8);
    Path wma = dir.resolve("wma.xml");
    Files.writeString(
        wma,
        xml.replace("FourCC=\"AACL\"", "FourCC=\"WMAP\"")
            .replace("AudioTag=\"255\"", "AudioTag=\"354\""),
        StandardCharsets.UTF_8);

    Outcome o = probe(wma.toString());

    assertThat(o.exit()).isEqualTo(ProbeCommand.EXIT_UNSUPPORTED);
    assertThat(o.out()).contains("Playable    no: no video stream, and audio stream \"");
    assertThat(o.err())
        .startsWith("probe: unsupported: no video stream, and audio stream \"")
        .contains("has no decodable level");
  }

  @Test
  void a_broken_or_missing_manifest_exits_1_naming_the_problem(@TempDir Path dir) {
    Outcome wrongRoot = probe(corpus("shaka/unit/missing-root.xml").toString());
    assertThat(wrongRoot.exit()).isEqualTo(ProbeCommand.EXIT_ERROR);
    assertThat(wrongRoot.err()).contains("root element is <XML>; expected <SmoothStreamingMedia>");
    Outcome missing = probe(dir.resolve("nothing-here").toString());
    assertThat(missing.exit()).isEqualTo(ProbeCommand.EXIT_ERROR);
    assertThat(missing.err()).contains("no manifest file at");
    Outcome refused = probe("http://127.0.0.1:1/x.ism/Manifest");
    assertThat(refused.exit()).isEqualTo(ProbeCommand.EXIT_ERROR);
    assertThat(refused.err())
        .isEqualTo(
            "probe: cannot fetch the manifest http://127.0.0.1:1/x.ism/Manifest: connection"
                + " refused by 127.0.0.1:1 (nothing listens there)\n");
  }

  @Test
  void a_url_served_by_the_local_origin_probes_in_both_formats() throws Exception {
    Path presentation = Presentations.cached(Preset.TINY);
    try (LocalOrigin origin = LocalOrigin.builder(presentation).start()) {
      String url = origin.baseUri().resolve("Manifest").toString();
      Outcome table = probe(url);
      assertThat(table.exit()).as(table.err()).isZero();
      assertThat(table.out())
          .contains("Manifest    " + url)
          .contains("Playable    yes")
          .contains(origin.baseUri().resolve("QualityLevels(150000)").toString());
      Outcome json = probe(url, "--json");
      assertThat(json.exit()).as(json.err()).isZero();
      JsonNode root = json.json();
      assertThat(fieldNames(root)).containsAll(TOP_KEYS);
      assertThat(root.get("duration_s").asDouble()).isEqualTo(4.0);
      assertThat(root.get("audio_only").isNull()).as("its video plays").isTrue();
      JsonNode video = root.get("streams").get(0);
      assertThat(video.get("chunks").asInt()).isEqualTo(4);
      assertThat(video.get("levels").get(0).get("width").asInt()).isEqualTo(160);
      assertThat(video.get("levels").get(0).get("url_example").asText())
          .startsWith(origin.baseUri().toString());
      assertThat(Files.exists(presentation.resolve("Manifest"))).isTrue();
    }
  }
}
