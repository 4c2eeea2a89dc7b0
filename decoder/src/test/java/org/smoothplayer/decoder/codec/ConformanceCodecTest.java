package org.smoothplayer.decoder.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smoothplayer.decoder.fragment.Golden;
import org.smoothplayer.decoder.fragment.SharedData;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every QualityLevel of every conformance manifest goes through {@link CodecConfigParser}; the
 * outcome (configuration or typed error) is pinned in a golden dump per manifest.
 */
class ConformanceCodecTest {

  static List<Path> manifests() throws IOException {
    Path root = SharedData.conformanceDir();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return !n.endsWith(".mp4")
                    && !n.startsWith("Fragments(")
                    && !n.equals("README.md")
                    && !n.equals("SHA256SUMS")
                    && !n.startsWith(".");
              })
          .sorted()
          .toList();
    }
  }

  @Test
  void the_corpus_has_all_thirty_five_manifests() throws IOException {
    assertThat(manifests()).hasSize(35);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void every_quality_level_matches_its_golden_dump(Path manifest) throws Exception {
    String rel = SharedData.conformanceDir().relativize(manifest).toString().replace('\\', '/');
    StringBuilder dump = new StringBuilder("manifest ").append(rel).append('\n');
    for (Level level : levels(manifest)) {
      dump.append(level.label()).append(": ").append(describe(level.descriptor())).append('\n');
    }
    Golden.check("codec/golden/" + Golden.safeName(rel) + ".txt", dump.toString());
  }

  @Test
  void rx_player_ladder_gets_the_codec_strings_rx_player_expects() throws Exception {
    Path manifest = SharedData.conformanceDir().resolve("rxplayer/Manifest_Regular.xml");
    List<String> video = new ArrayList<>();
    List<String> audio = new ArrayList<>();
    for (Level level : levels(manifest)) {
      CodecConfig config = CodecConfigParser.parse(level.descriptor());
      if (config instanceof VideoCodecConfig v) {
        video.add(sps(v).codecString());
      } else if (config instanceof AudioCodecConfig a) {
        audio.add(a.codecString());
      }
    }
    assertThat(video)
        .containsExactly(
            "avc1.42800d",
            "avc1.428015",
            "avc1.4d401e",
            "avc1.4d401e",
            "avc1.4d401f",
            "avc1.64001f",
            "avc1.64001f",
            "avc1.640029");
    assertThat(audio).containsExactly("mp4a.40.2");
  }

  record Level(String label, CodecDescriptor descriptor) {}

  static H264Sps sps(VideoCodecConfig v) {
    return H264Sps.parse(Nal.splitAnnexB(v.parameterSetsAnnexB(), "test").get(0));
  }

  static String describe(CodecDescriptor d) {
    try {
      CodecConfig config = CodecConfigParser.parse(d);
      if (config instanceof VideoCodecConfig v) {
        String codecString =
            v.codec() == VideoCodecConfig.VideoCodec.H264 ? " " + sps(v).codecString() : "";
        return v + codecString;
      }
      AudioCodecConfig a = (AudioCodecConfig) config;
      return a
          + " "
          + a.codecString()
          + " asc="
          + HexFormat.of().formatHex(a.audioSpecificConfig());
    } catch (UnsupportedCodecException | CodecConfigException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** The QualityLevels of a manifest, read with the JDK's XML parser (DTDs refused). */
  static List<Level> levels(Path manifest) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = f.newDocumentBuilder().parse(manifest.toFile());
    List<Level> out = new ArrayList<>();
    NodeList streams = doc.getElementsByTagName("StreamIndex");
    for (int i = 0; i < streams.getLength(); i++) {
      Element s = (Element) streams.item(i);
      String type = s.getAttribute("Type");
      String name = s.getAttribute("Name").isEmpty() ? type : s.getAttribute("Name");
      NodeList qls = s.getElementsByTagName("QualityLevel");
      for (int j = 0; j < qls.getLength(); j++) {
        Element q = (Element) qls.item(j);
        String fourCc =
            q.hasAttribute("FourCC") ? q.getAttribute("FourCC") : s.getAttribute("FourCC");
        out.add(
            new Level(
                "stream "
                    + i
                    + " "
                    + name.trim()
                    + " level "
                    + j
                    + " bitrate "
                    + q.getAttribute("Bitrate"),
                new CodecDescriptor(
                    type,
                    fourCc,
                    q.getAttribute("CodecPrivateData"),
                    intOrZero(q.getAttribute("NALUnitLengthField")),
                    intOrZero(q.getAttribute("SamplingRate")),
                    intOrZero(q.getAttribute("Channels")),
                    intOrZero(q.getAttribute("BitsPerSample")),
                    intOrZero(q.getAttribute("PacketSize")),
                    intOrZero(q.getAttribute("AudioTag")))));
      }
    }
    return out;
  }

  private static int intOrZero(String s) {
    try {
      return s.isBlank() ? 0 : Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
