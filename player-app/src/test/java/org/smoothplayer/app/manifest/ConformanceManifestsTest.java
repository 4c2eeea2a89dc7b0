package org.smoothplayer.app.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.smoothplayer.app.manifest.ManifestException.Kind;

/**
 * Every manifest of the shared conformance corpus against its golden dump. One (a wrong root
 * element) must fail with a typed error; its golden holds the error. The source suites' other
 * negative cases parse, as they do there: a video level without FourCC is read, and its codec is
 * then unsupported (the player plays the audio alone).
 */
class ConformanceManifestsTest {
  /** The corpus' negative cases and the error each must give. */
  private static final Map<String, Kind> EXPECTED_ERRORS =
      Map.of("shaka/unit/missing-root.xml", Kind.WRONG_ROOT);

  private final ManifestParser parser = new ManifestParser();

  static List<String> manifests() throws IOException {
    Path root = SharedFolder.conformance();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(ConformanceManifestsTest::isManifest)
          .sorted()
          .toList();
    }
  }

  private static boolean isManifest(String relative) {
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    return !name.endsWith(".mp4")
        && !name.startsWith("Fragments(")
        && !name.equals("README.md")
        && !name.equals("SHA256SUMS")
        && !name.startsWith(".");
  }

  /** The URL the corpus file is pretended to come from, so goldens do not depend on the machine. */
  static URI baseOf(String relative) {
    return URI.create(
        "https://origin.example/conformance/" + relative.replace("(", "%28").replace(")", "%29"));
  }

  static String outcome(ManifestParser parser, String relative) throws IOException {
    byte[] bytes = Files.readAllBytes(SharedFolder.conformance().resolve(relative));
    try {
      return ManifestDump.dump(parser.parse(bytes, baseOf(relative)));
    } catch (ManifestException e) {
      return "ERROR " + e.kind() + ": " + e.getMessage() + "\n";
    }
  }

  @Test
  void the_corpus_holds_the_35_manifests_its_readme_lists() throws IOException {
    assertThat(manifests()).hasSize(35);
  }

  @TestFactory
  Stream<DynamicTest> every_corpus_manifest_matches_its_golden_dump() throws IOException {
    return manifests().stream()
        .map(
            rel ->
                DynamicTest.dynamicTest(
                    rel, () -> Golden.check(rel.replace('/', '_') + ".txt", outcome(parser, rel))));
  }

  @TestFactory
  Stream<DynamicTest> every_corpus_manifest_parses_except_the_negative_cases() throws IOException {
    return manifests().stream()
        .map(
            rel ->
                DynamicTest.dynamicTest(
                    rel,
                    () -> {
                      byte[] bytes = Files.readAllBytes(SharedFolder.conformance().resolve(rel));
                      Kind expected = EXPECTED_ERRORS.get(rel);
                      if (expected == null) {
                        Manifest m = parser.parse(bytes, baseOf(rel));
                        assertThat(m.streams()).isNotEmpty();
                      } else {
                        assertThatThrownBy(() -> parser.parse(bytes, baseOf(rel)))
                            .isInstanceOfSatisfying(
                                ManifestException.class,
                                e -> assertThat(e.kind()).isEqualTo(expected));
                      }
                    }));
  }
}
