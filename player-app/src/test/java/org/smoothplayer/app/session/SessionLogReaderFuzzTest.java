package org.smoothplayer.app.session;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the session-log reader and the summary over what it reads: any text gives events (and a
 * summary) or a {@link SessionLogException}, never another exception. Without {@code JAZZER_FUZZ=1}
 * it replays the committed seeds ({@code SessionLogReaderFuzzTestInputs}).
 */
class SessionLogReaderFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void arbitrary_text_reads_as_events_or_fails_with_a_session_log_exception(byte[] data)
      throws IOException {
    SessionLog log;
    try {
      log = SessionLogReader.readLog(new StringReader(new String(data, StandardCharsets.UTF_8)));
    } catch (SessionLogException expected) {
      return;
    }
    SessionSummary summary = SessionSummary.of(log.events());
    summary.toJson();
    summary.toText();
  }
}
