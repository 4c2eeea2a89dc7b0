package org.smoothplayer.app.manifest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;

/**
 * Fuzzes the manifest parser: any byte sequence must give a {@link Manifest} or a {@link
 * ManifestException}, never another exception, a hang or an out-of-memory. Without {@code
 * JAZZER_FUZZ=1} it replays the committed seeds ({@code ManifestParserFuzzTestInputs}).
 */
class ManifestParserFuzzTest {
  private static final URI BASE = URI.create("http://127.0.0.1:8080/fuzz.ism/Manifest");
  private static final ManifestParser PARSER = new ManifestParser();

  @FuzzTest(maxDuration = "20s")
  void arbitrary_bytes_parse_or_fail_with_a_manifest_exception(byte[] data) {
    Manifest m;
    try {
      m = PARSER.parse(data, BASE);
    } catch (ManifestException expected) {
      return;
    }
    // Everything a player does with a parsed manifest must work without surprises too.
    ManifestDump.dump(m);
    for (StreamIndex s : m.streams()) {
      ChunkTimeline t = s.timeline();
      if (!t.isEmpty()) {
        Chunk last = t.chunk(t.chunkCount() - 1);
        if (t.indexOf(last.startUs()) != last.index()) {
          throw new AssertionError("indexOf(start of last chunk) is not the last chunk");
        }
        if (t.indexOf(t.startUs()) != 0) {
          throw new AssertionError("indexOf(start of first chunk) is not 0");
        }
      }
      for (QualityLevel q : s.qualityLevels()) {
        s.fragmentUri(m.baseUri(), q, t.chunkCount() - 1);
        CodecSupport.evaluate(s, q);
      }
    }
  }
}
