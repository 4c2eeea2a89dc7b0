package org.smoothplayer.app.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smoothplayer.assets.generate.ManifestStyle;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;

/** The generator's presentations, in every manifest style, parse to the same model. */
class GeneratedPresentationsTest {
  private final ManifestParser parser = new ManifestParser();

  private static PresentationSpec tinyIn(ManifestStyle style) {
    PresentationSpec t = Preset.TINY.spec();
    return new PresentationSpec(
        t.name(),
        t.durationMs(),
        t.fragmentDurationMs(),
        t.ladder(),
        t.frameRate(),
        t.audio(),
        style,
        t.flashIntervalMs());
  }

  /** Every stream's type, levels and chunk (start, duration) list, for comparison. */
  private static List<String> timelines(Manifest m) {
    List<String> out = new ArrayList<>();
    for (StreamIndex s : m.streams()) {
      StringBuilder sb = new StringBuilder(s.type().keyword()).append(' ').append(s.timeScale());
      for (QualityLevel q : s.qualityLevels()) {
        sb.append(" L").append(q.bitrateBps()).append('/').append(q.fourCc());
      }
      ChunkTimeline t = s.timeline();
      for (int i = 0; i < t.chunkCount(); i++) {
        Chunk c = t.chunk(i);
        sb.append(" [").append(c.startTicks()).append('+').append(c.durationTicks()).append(']');
      }
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void plain_timed_and_repeat_styles_parse_to_the_same_timeline() throws Exception {
    Map<ManifestStyle, List<String>> byStyle = new EnumMap<>(ManifestStyle.class);
    for (ManifestStyle style : ManifestStyle.values()) {
      Path dir = Presentations.cached(tinyIn(style));
      byStyle.put(style, timelines(parser.parse(dir.resolve("Manifest"))));
    }
    List<String> timed = byStyle.get(ManifestStyle.TIMED);
    assertThat(byStyle.get(ManifestStyle.PLAIN)).isEqualTo(timed);
    assertThat(byStyle.get(ManifestStyle.REPEAT)).isEqualTo(timed);
  }

  @Test
  void the_tiny_preset_matches_its_spec_and_its_golden_dump() throws Exception {
    PresentationSpec spec = Preset.TINY.spec();
    Path dir = Presentations.cached(Preset.TINY);
    byte[] bytes = Files.readAllBytes(dir.resolve("Manifest"));
    Manifest m = parser.parse(bytes, URI.create("https://origin.example/tiny/Manifest"));
    StreamIndex video = m.streams(StreamType.VIDEO).get(0);
    assertThat(video.qualityLevels()).hasSize(spec.ladder().size());
    assertThat(video.timeline().chunkCount()).isEqualTo(spec.fragmentCount());
    assertThat(video.timeline().endUs()).isEqualTo(spec.durationMs() * 1000);
    for (int i = 0; i < spec.fragmentCount(); i++) {
      assertThat(video.timeline().chunk(i).startUs())
          .isEqualTo(i * spec.fragmentDurationMs() * 1000);
    }
    assertThat(m.streams(StreamType.AUDIO)).hasSize(1);
    for (StreamIndex s : m.streams()) {
      for (QualityLevel q : s.qualityLevels()) {
        assertThat(CodecSupport.evaluate(s, q).supported()).as(q.toString()).isTrue();
      }
    }
    Golden.check("generated_tiny.txt", ManifestDump.dump(m));
  }
}
