package org.smoothplayer.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Realistic documents under {@code src/test/resources/org/smoothplayer/app/text/}, each parsed with
 * its offset and window and compared exactly with its {@code .txt} dump (one line per cue: {@code
 * start_us end_us | line1 / line2}). Regenerate the dumps with {@code -Dttml.golden.update=true}
 * (written into the module's source folder; review the diff).
 */
class TtmlParserGoldenTest {
  private static final String RESOURCE_DIR = "/org/smoothplayer/app/text/";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // document, offsetUs, windowStartUs, windowEndUs (MIN/MAX: no window)
    "smooth_ticks, 60000000, 60000000, 62000000",
    "ebu_tt_d, 0, 0, 30000000",
    "dfxp_2006, 10000000, MIN, MAX",
  })
  void each_document_gives_the_cues_of_its_golden_dump(
      String name, long offsetUs, String windowStart, String windowEnd) throws Exception {
    byte[] document;
    try (InputStream in = getClass().getResourceAsStream(RESOURCE_DIR + name + ".xml")) {
      assertThat(in).as("document %s.xml", name).isNotNull();
      document = in.readAllBytes();
    }
    List<Cue> cues = TtmlParser.parse(document, offsetUs, bound(windowStart), bound(windowEnd));
    check(name + ".txt", dump(cues));
  }

  private static long bound(String s) {
    return switch (s) {
      case "MIN" -> Long.MIN_VALUE;
      case "MAX" -> Long.MAX_VALUE;
      default -> Long.parseLong(s);
    };
  }

  /** One line per cue: {@code start_us end_us | line1 / line2}. */
  static String dump(List<Cue> cues) {
    StringBuilder sb = new StringBuilder();
    for (Cue c : cues) {
      sb.append(c.startUs())
          .append(' ')
          .append(c.endUs())
          .append(" | ")
          .append(String.join(" / ", c.lines()))
          .append('\n');
    }
    return sb.toString();
  }

  private static void check(String name, String actual) throws IOException {
    if (Boolean.getBoolean("ttml.golden.update")) {
      Path dir = Path.of(System.getProperty("user.dir"), "src/test/resources" + RESOURCE_DIR);
      Files.writeString(dir.resolve(name), actual, StandardCharsets.UTF_8);
      return;
    }
    try (InputStream in = TtmlParserGoldenTest.class.getResourceAsStream(RESOURCE_DIR + name)) {
      assertThat(in)
          .as("golden %s (create it with -Dttml.golden.update=true)", RESOURCE_DIR + name)
          .isNotNull();
      String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(actual).as("cues compared with golden %s", name).isEqualTo(expected);
    }
  }
}
