package org.smoothplayer.assets.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Each {@link ManifestStyle} on a short spec: the Manifest text is deterministic, so it is compared
 * with a golden dump (regenerate with {@code -Dgenerate.updateGolden=true}), and its structure is
 * asserted too.
 */
class ManifestStyleTest {
  @TempDir Path dir;

  private static PresentationSpec spec(ManifestStyle style) {
    return new PresentationSpec(
        "style",
        1_200,
        400,
        List.of(new LevelSpec(200_000, 96, 54), new LevelSpec(350_000, 128, 72)),
        25,
        true,
        style,
        800);
  }

  @ParameterizedTest
  @EnumSource(ManifestStyle.class)
  void writes_the_manifest_text_of_the_golden_dump(ManifestStyle style) throws IOException {
    Presentations.generate(spec(style), dir, ProgressListener.none());
    String actual = Files.readString(dir.resolve("Manifest"), StandardCharsets.UTF_8);
    String name = "manifest-" + style.name().toLowerCase(Locale.ROOT) + ".xml";
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

  @ParameterizedTest
  @EnumSource(ManifestStyle.class)
  void every_style_implies_the_same_chunk_times_and_they_resolve_to_files(ManifestStyle style)
      throws IOException {
    Presentations.generate(spec(style), dir, ProgressListener.none());
    ParsedManifest manifest = ParsedManifest.read(dir);
    PresentationInfo info = PresentationInfo.read(dir);
    for (StreamInfo stream : info.streams()) {
      ParsedManifest.Stream parsed = manifest.stream(stream.type());
      assertThat(parsed.chunks())
          .containsExactlyElementsOf(
              stream.fragments().stream()
                  .map(f -> new ParsedManifest.Chunk(f.startTicks(), f.durationTicks()))
                  .toList());
      assertThat(parsed.chunks().get(0).startTicks()).isZero();
      for (long bitrate : parsed.bitrates()) {
        for (ParsedManifest.Chunk chunk : parsed.chunks()) {
          assertThat(dir.resolve(parsed.url(bitrate, chunk))).isRegularFile();
        }
      }
    }
  }

  @Test
  void plain_chunks_carry_only_d() throws IOException {
    Presentations.generate(spec(ManifestStyle.PLAIN), dir, ProgressListener.none());
    ParsedManifest manifest = ParsedManifest.read(dir);
    assertThat(manifest.root().getAttribute("MinorVersion")).isEqualTo("0");
    for (Element c : chunkElements(manifest)) {
      assertThat(c.hasAttribute("d")).isTrue();
      assertThat(c.hasAttribute("t")).isFalse();
      assertThat(c.hasAttribute("r")).isFalse();
    }
  }

  @Test
  void timed_chunks_carry_t_and_d() throws IOException {
    Presentations.generate(spec(ManifestStyle.TIMED), dir, ProgressListener.none());
    ParsedManifest manifest = ParsedManifest.read(dir);
    assertThat(chunkElements(manifest))
        .hasSize(6)
        .allSatisfy(c -> assertThat(c.hasAttribute("t") && c.hasAttribute("d")).isTrue())
        .noneSatisfy(c -> assertThat(c.hasAttribute("r")).isTrue());
  }

  @Test
  void repeat_compresses_equal_durations_with_r_and_declares_minor_version_2() throws IOException {
    Presentations.generate(spec(ManifestStyle.REPEAT), dir, ProgressListener.none());
    ParsedManifest manifest = ParsedManifest.read(dir);
    assertThat(manifest.root().getAttribute("MinorVersion")).isEqualTo("2");
    NodeList video =
        ((Element) manifest.root().getElementsByTagName("StreamIndex").item(0))
            .getElementsByTagName("c");
    assertThat(video.getLength()).isEqualTo(1);
    Element only = (Element) video.item(0);
    assertThat(only.getAttribute("t")).isEqualTo("0");
    assertThat(only.getAttribute("d")).isEqualTo("4000000");
    assertThat(only.getAttribute("r")).isEqualTo("3");
    assertThat(manifest.stream("video").chunks()).hasSize(3);
    assertThat(manifest.stream("audio").chunks()).hasSize(3);
  }

  @Test
  void a_spec_without_audio_and_with_a_short_last_fragment_adds_up() throws IOException {
    PresentationSpec spec =
        new PresentationSpec(
            "short-last",
            1_000,
            400,
            List.of(new LevelSpec(200_000, 96, 54)),
            25,
            false,
            ManifestStyle.TIMED,
            0);
    Presentations.generate(spec, dir, ProgressListener.none());
    ParsedManifest manifest = ParsedManifest.read(dir);
    assertThat(manifest.streams()).extracting(ParsedManifest.Stream::type).containsExactly("video");
    assertThat(manifest.stream("video").chunks())
        .containsExactly(
            new ParsedManifest.Chunk(0, 4_000_000),
            new ParsedManifest.Chunk(4_000_000, 4_000_000),
            new ParsedManifest.Chunk(8_000_000, 2_000_000));
    assertThat(PresentationInfo.read(dir).stream("video").orElseThrow().fragments())
        .extracting(FragmentInfo::sampleCount)
        .containsExactly(10, 10, 5);
  }

  private static List<Element> chunkElements(ParsedManifest manifest) {
    NodeList cs = manifest.root().getElementsByTagName("c");
    return java.util.stream.IntStream.range(0, cs.getLength())
        .mapToObj(i -> (Element) cs.item(i))
        .toList();
  }
}
