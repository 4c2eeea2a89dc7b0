package org.smoothplayer.app.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzes the TTML parser: any byte sequence must give cues or a {@link TtmlException}, never
 * another exception, a hang or an out-of-memory, and the cues must keep their promises (sorted,
 * non-empty, inside the window). Without {@code JAZZER_FUZZ=1} it replays the committed seeds
 * ({@code TtmlParserFuzzTestInputs}).
 */
class TtmlParserFuzzTest {
  private static final long FRAGMENT_START_US = 20_000_000;
  private static final long FRAGMENT_END_US = 22_000_000;

  @FuzzTest(maxDuration = "20s")
  void arbitrary_bytes_give_cues_or_a_ttml_exception(byte[] data) {
    List<Cue> cues;
    try {
      cues = TtmlParser.parse(data, FRAGMENT_START_US, FRAGMENT_START_US, FRAGMENT_END_US);
    } catch (TtmlException expected) {
      return;
    }
    check(cues, FRAGMENT_START_US, FRAGMENT_END_US);
    try {
      check(
          TtmlParser.parse(data, 0, Long.MIN_VALUE, Long.MAX_VALUE),
          Long.MIN_VALUE,
          Long.MAX_VALUE);
    } catch (TtmlException e) {
      // Without a window a document may give more cues than the limit; nothing else may differ.
      if (!e.getMessage().contains("cues in one document")
          && !e.getMessage().contains("characters of text")) {
        throw new AssertionError("parses with a window but not without one: " + e, e);
      }
    }
  }

  private static void check(List<Cue> cues, long windowStartUs, long windowEndUs) {
    long previousStart = Long.MIN_VALUE;
    for (Cue c : cues) {
      if (c.startUs() < previousStart) {
        throw new AssertionError("cues not sorted by start: " + cues);
      }
      previousStart = c.startUs();
      if (c.startUs() < windowStartUs || c.endUs() > windowEndUs) {
        throw new AssertionError("cue outside the window: " + c);
      }
      for (String line : c.lines()) {
        if (line.chars().allMatch(ch -> ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')) {
          throw new AssertionError("blank line in " + c);
        }
      }
    }
  }
}
