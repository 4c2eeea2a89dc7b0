package org.smoothplayer.assets.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mp4parser.boxes.iso14496.part12.TrackRunBox;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * A short spec with captions, generated once: the text stream in the Manifest, its fMP4 fragments
 * (read with mp4parser) and the TTML documents in them (read with StAX) against presentation.json.
 * Golden dumps of the Manifest and one TTML document: regenerate with {@code
 * -Dgenerate.updateGolden=true}.
 */
class CaptionsPresentationTest {
  /**
   * 2.44 s of 400-ms fragments (the last one 40 ms), flashes at 1.2 s and 2.4 s: fragment 3 has a
   * second cue ({@code [flash]}), fragment 6 is short enough to clamp its cue.
   */
  static final PresentationSpec SPEC =
      new PresentationSpec(
          "captions-test",
          2_440,
          400,
          List.of(new LevelSpec(120_000, 96, 54)),
          25,
          true,
          ManifestStyle.TIMED,
          1_200,
          true);

  private static final String TEXT_URL =
      "QualityLevels({bitrate})/Fragments(textstream_eng={start time})";

  @TempDir static Path dir;
  static ParsedManifest manifest;
  static PresentationInfo info;
  static StreamInfo text;

  @BeforeAll
  static void generate() throws IOException {
    Presentations.generate(SPEC, dir, ProgressListener.none());
    manifest = ParsedManifest.read(dir);
    info = PresentationInfo.read(dir);
    text = info.stream("text").orElseThrow();
  }

  private static Element textIndex() {
    NodeList indexes = manifest.root().getElementsByTagName("StreamIndex");
    return (Element) indexes.item(indexes.getLength() - 1);
  }

  private static Map<String, String> attributes(Element element) {
    Map<String, String> map = new LinkedHashMap<>();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      map.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
    }
    return map;
  }

  @Test
  void the_manifest_lists_the_text_stream_after_video_and_audio() {
    assertThat(manifest.streams())
        .extracting(ParsedManifest.Stream::type)
        .containsExactly("video", "audio", "text");
    Element index = textIndex();
    assertThat(attributes(index))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Type", "text",
                "Name", "textstream_eng",
                "Subtype", "CAPT",
                "Language", "eng",
                "TimeScale", "10000000",
                "QualityLevels", "1",
                "Chunks", "7",
                "Url", TEXT_URL));
    NodeList levels = index.getElementsByTagName("QualityLevel");
    assertThat(levels.getLength()).isEqualTo(1);
    assertThat(attributes((Element) levels.item(0)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Index", "0", "Bitrate", "1000", "FourCC", "TTML"));
  }

  @Test
  void the_text_chunks_are_the_video_chunks_and_carry_t_and_d_like_the_others() {
    ParsedManifest.Stream parsed = manifest.stream("text");
    assertThat(parsed.chunks()).isEqualTo(manifest.stream("video").chunks());
    assertThat(parsed.chunks()).hasSize(parsed.declaredChunks());
    assertThat(parsed.chunks().get(6)).isEqualTo(new ParsedManifest.Chunk(24_000_000, 400_000));
    NodeList cs = textIndex().getElementsByTagName("c");
    for (int i = 0; i < cs.getLength(); i++) {
      assertThat(attributes((Element) cs.item(i))).containsOnlyKeys("t", "d");
    }
  }

  @Test
  void the_manifest_text_matches_the_golden_dump() throws IOException {
    assertGolden(
        "manifest-captions.xml", Files.readString(dir.resolve("Manifest"), StandardCharsets.UTF_8));
  }

  @Test
  void the_ttml_document_of_fragment_3_matches_the_golden_dump() throws IOException {
    FragmentInfo fragment = text.fragments().get(3);
    byte[] document = samples(fragment).get(0);
    assertGolden("ttml-captions-fragment3.xml", new String(document, StandardCharsets.UTF_8));
  }

  private void assertGolden(String name, String actual) throws IOException {
    if (Boolean.getBoolean("generate.updateGolden")) {
      Path golden = Path.of("src/test/resources/generate", name);
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    try (InputStream in = getClass().getResourceAsStream("/generate/" + name)) {
      assertThat(in).as("golden dump %s", name).isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static List<byte[]> samples(FragmentInfo fragment) throws IOException {
    return ParsedFragment.read(dir.resolve(text.fragmentPath(text.levels().get(0), fragment)))
        .samples();
  }

  @Test
  void every_text_fragment_is_moof_and_mdat_with_one_sync_sample_spanning_its_chunk()
      throws IOException {
    ParsedManifest.Stream parsed = manifest.stream("text");
    List<ParsedManifest.Chunk> chunks = parsed.chunks();
    for (int k = 0; k < chunks.size(); k++) {
      ParsedManifest.Chunk chunk = chunks.get(k);
      Path file = dir.resolve(parsed.url(1_000, chunk));
      ParsedFragment fragment = ParsedFragment.read(file);
      String where = file.getFileName().toString();
      assertThat(fragment.topLevelTypes()).as(where).containsExactly("moof", "mdat");
      assertThat(fragment.sequenceNumber()).as(where).isEqualTo(k + 1);
      boolean last = k == chunks.size() - 1;
      assertThat(fragment.trafChildTypes())
          .as(where)
          .containsExactlyElementsOf(
              last ? List.of("tfhd", "trun", "tfxd") : List.of("tfhd", "trun", "tfxd", "tfrf"));
      assertThat(fragment.tfxd().getFragmentAbsoluteTime()).as(where).isEqualTo(chunk.startTicks());
      assertThat(fragment.tfxd().getFragmentAbsoluteDuration())
          .as(where)
          .isEqualTo(chunk.durationTicks());
      if (!last) {
        assertThat(fragment.tfrf().get(0).getEntries().get(0).getFragmentAbsoluteTime())
            .as(where)
            .isEqualTo(chunks.get(k + 1).startTicks());
      }
      assertThat(fragment.tfhd().hasDefaultSampleFlags()).as(where).isTrue();
      assertThat(fragment.tfhd().getDefaultSampleFlags().isSampleIsDifferenceSample())
          .as(where)
          .isFalse();
      List<TrackRunBox.Entry> entries = fragment.trun().getEntries();
      assertThat(entries).as(where).hasSize(1);
      assertThat(entries.get(0).getSampleDuration()).as(where).isEqualTo(chunk.durationTicks());
      // ParsedFragment checks that the one sample ends exactly at the end of the file.
      assertThat(fragment.samples().get(0)).as(where).hasSize((int) entries.get(0).getSampleSize());
      assertThat(new String(fragment.samples().get(0), 0, 5, StandardCharsets.UTF_8))
          .isEqualTo("<?xml");
      assertThat(Files.size(file)).isEqualTo(text.fragments().get(k).sizesBytes().get(0));
    }
  }

  @Test
  void every_ttml_document_is_well_formed_and_holds_exactly_the_cues_presentation_json_lists()
      throws Exception {
    int documents = 0;
    for (int k = 0; k < text.fragments().size(); k++) {
      FragmentInfo fragment = text.fragments().get(k);
      TtmlTestReader document = TtmlTestReader.read(samples(fragment).get(0));
      assertThat(document.tickRate()).isEqualTo(10_000_000);
      assertThat(document.language()).isEqualTo("en");
      List<CueInfo> fromDocument = new ArrayList<>();
      for (TtmlTestReader.Paragraph p : document.cues()) {
        // Relative to the fragment start, inside the fragment.
        assertThat(p.beginTicks()).isGreaterThanOrEqualTo(0).isLessThan(p.endTicks());
        assertThat(p.endTicks()).isLessThanOrEqualTo(fragment.durationTicks());
        fromDocument.add(
            new CueInfo(
                k,
                (fragment.startTicks() + p.beginTicks()) / 10,
                (fragment.startTicks() + p.endTicks()) / 10,
                p.lines()));
      }
      int index = k;
      assertThat(fromDocument)
          .as("fragment %d", k)
          .isEqualTo(text.cues().stream().filter(c -> c.fragmentIndex() == index).toList());
      documents++;
    }
    assertThat(documents).isEqualTo(7);
    assertThat(text.cues()).hasSize(8);
  }

  @Test
  void each_cue_names_its_fragment_and_time_and_every_fourth_fragment_has_a_second_cue() {
    assertThat(text.cues().stream().filter(c -> c.fragmentIndex() == 0))
        .containsExactly(
            new CueInfo(0, 100_000, 300_000, List.of("Caption 0", "0:00.0 to 0:00.4")));
    assertThat(text.cues().stream().filter(c -> c.fragmentIndex() == 3))
        .containsExactly(
            new CueInfo(3, 1_200_000, 1_600_000, List.of("[flash]")),
            new CueInfo(3, 1_300_000, 1_500_000, List.of("Caption 3", "0:01.2 to 0:01.6")));
    // The 40-ms last fragment: the margin shrinks to a quarter of it.
    assertThat(text.cues().stream().filter(c -> c.fragmentIndex() == 6))
        .containsExactly(
            new CueInfo(6, 2_410_000, 2_430_000, List.of("Caption 6", "0:02.4 to 0:02.440")));
    assertThat(text.cues())
        .extracting(CueInfo::fragmentIndex)
        .containsExactly(0, 1, 2, 3, 3, 4, 5, 6);
  }

  @Test
  void presentation_json_describes_the_text_stream_and_its_files() throws IOException {
    assertThat(info.spec()).isEqualTo(SPEC);
    assertThat(info.streams())
        .extracting(StreamInfo::type, StreamInfo::name, StreamInfo::subtype, StreamInfo::language)
        .containsExactly(
            tuple("video", "video", "", ""),
            tuple("audio", "audio", "", ""),
            tuple("text", "textstream_eng", "CAPT", "eng"));
    assertThat(info.stream("video").orElseThrow().cues()).isEmpty();
    LevelInfo level = text.levels().get(0);
    assertThat(level.bitrateBps()).isEqualTo(1_000);
    assertThat(level.fourCc()).isEqualTo("TTML");
    assertThat(level.codecPrivateDataHex()).isEmpty();
    long bytes = 0;
    for (FragmentInfo fragment : text.fragments()) {
      assertThat(fragment.sampleCount()).isEqualTo(1);
      assertThat(fragment.keyFrameSampleIndexes()).containsExactly(0);
      bytes += Files.size(dir.resolve(text.fragmentPath(level, fragment)));
    }
    assertThat(level.achievedBitrateBps()).isEqualTo(bytes * 8 * 1000 / SPEC.durationMs());
    assertThat(text.fragmentPath(level, text.fragments().get(1)))
        .isEqualTo("QualityLevels(1000)/Fragments(textstream_eng=4000000)");
    assertThat(text.fragments())
        .extracting(FragmentInfo::startTicks, FragmentInfo::durationTicks)
        .containsExactlyElementsOf(
            info.stream("video").orElseThrow().fragments().stream()
                .map(f -> tuple(f.startTicks(), f.durationTicks()))
                .toList());
  }

  @Test
  void the_folder_holds_nothing_the_manifest_does_not_reference() throws IOException {
    Set<String> expected = manifest.referencedFiles();
    Set<String> actual = ParsedManifest.filesUnder(dir);
    assertThat(actual)
        .isEqualTo(expected)
        .contains("QualityLevels(1000)/Fragments(textstream_eng=0)");
  }
}
