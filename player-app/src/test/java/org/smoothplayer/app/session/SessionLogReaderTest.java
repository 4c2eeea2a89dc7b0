package org.smoothplayer.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLogReaderTest {
  private static final String NOTICE_A = "{\"type\":\"notice\",\"tMs\":1,\"message\":\"a\"}";
  private static final String NOTICE_B = "{\"type\":\"notice\",\"tMs\":2,\"message\":\"b\"}";

  @TempDir Path dir;

  @Test
  void a_truncated_last_line_is_ignored_and_noted() throws IOException {
    Path file = dir.resolve("crash.jsonl");
    Files.writeString(file, NOTICE_A + "\n" + NOTICE_B + "\n{\"type\":\"notice\",\"tM");
    SessionLog log = SessionLogReader.readLog(file);
    assertThat(log.events())
        .containsExactly(new SessionEvent.Notice(1, "a"), new SessionEvent.Notice(2, "b"));
    assertThat(log.truncatedLastLine()).isTrue();
    assertThat(SessionLogReader.read(file)).hasSize(2);
  }

  @Test
  void a_truncated_last_line_is_also_ignored_when_reading_characters() throws IOException {
    SessionLog log = SessionLogReader.readLog(new StringReader(NOTICE_A + "\n{\"ty"));
    assertThat(log.events()).containsExactly(new SessionEvent.Notice(1, "a"));
    assertThat(log.truncatedLastLine()).isTrue();
  }

  @Test
  void a_last_line_cut_inside_a_multibyte_character_is_a_truncated_line() throws IOException {
    byte[] whole =
        ("{\"type\":\"notice\",\"tMs\":3,\"message\":\"Ω\"}").getBytes(StandardCharsets.UTF_8);
    int cut = new String(whole, StandardCharsets.UTF_8).indexOf('Ω') + 1; // inside the 2 bytes
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes((NOTICE_A + "\n").getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(Arrays.copyOf(whole, cut));
    Path file = dir.resolve("cut.jsonl");
    Files.write(file, bytes.toByteArray());
    SessionLog log = SessionLogReader.readLog(file);
    assertThat(log.events()).containsExactly(new SessionEvent.Notice(1, "a"));
    assertThat(log.truncatedLastLine()).isTrue();
  }

  @Test
  void a_complete_last_line_without_its_newline_is_read() throws IOException {
    SessionLog log = SessionLogReader.readLog(new StringReader(NOTICE_A + "\n" + NOTICE_B));
    assertThat(log.events()).hasSize(2);
    assertThat(log.truncatedLastLine()).isFalse();
  }

  @Test
  void a_malformed_line_before_the_last_names_its_line_number() {
    assertThatThrownBy(
            () ->
                SessionLogReader.read(new StringReader(NOTICE_A + "\n{\"type\n" + NOTICE_B + "\n")))
        .isInstanceOfSatisfying(
            SessionLogException.class,
            e -> {
              assertThat(e.lineNumber()).isEqualTo(2);
              assertThat(e.field()).isEqualTo("<line>");
            });
  }

  @Test
  void a_malformed_last_line_that_ends_with_a_newline_is_an_error_not_a_truncation() {
    assertThatThrownBy(() -> SessionLogReader.read(new StringReader(NOTICE_A + "\n{\"type\n")))
        .isInstanceOfSatisfying(
            SessionLogException.class, e -> assertThat(e.lineNumber()).isEqualTo(2));
  }

  @Test
  void a_whole_last_line_with_a_bad_field_is_an_error_even_without_its_newline() {
    assertThatThrownBy(
            () ->
                SessionLogReader.read(
                    new StringReader(NOTICE_A + "\n{\"type\":\"notice\",\"tMs\":1}")))
        .isInstanceOfSatisfying(
            SessionLogException.class, e -> assertThat(e.field()).isEqualTo("message"));
  }

  @Test
  void invalid_utf8_in_a_complete_line_is_refused() throws IOException {
    Path file = dir.resolve("bad.jsonl");
    byte[] line = (NOTICE_A + "\n").getBytes(StandardCharsets.UTF_8);
    line[line.length - 5] = (byte) 0xC3; // a lead byte followed by 'a', not a continuation byte
    Files.write(file, line);
    assertThatThrownBy(() -> SessionLogReader.read(file))
        .isInstanceOfSatisfying(
            SessionLogException.class, e -> assertThat(e.expected()).isEqualTo("UTF-8 text"));
  }

  @Test
  void unknown_event_types_are_skipped_and_counted_by_type() throws IOException {
    String log =
        String.join(
            "\n",
            NOTICE_A,
            "{\"type\":\"heart_rate\",\"tMs\":1,\"bpm\":60}",
            "{\"type\":\"heart_rate\",\"tMs\":2,\"bpm\":61}",
            "{\"type\":\"gaze\",\"tMs\":3}",
            NOTICE_B,
            "");
    SessionLog read = SessionLogReader.readLog(new StringReader(log));
    assertThat(read.events()).hasSize(2);
    assertThat(read.skippedTypes())
        .containsExactly(java.util.Map.entry("gaze", 1), java.util.Map.entry("heart_rate", 2));
    assertThat(read.skippedEvents()).isEqualTo(3);
  }

  @Test
  void blank_lines_and_carriage_returns_are_tolerated() throws IOException {
    List<SessionEvent> events =
        SessionLogReader.read(new StringReader(NOTICE_A + "\r\n\r\n  \n" + NOTICE_B + "\r\n"));
    assertThat(events)
        .containsExactly(new SessionEvent.Notice(1, "a"), new SessionEvent.Notice(2, "b"));
  }

  @Test
  void an_overlong_line_is_refused_without_holding_it_all() throws IOException {
    String huge =
        "{\"type\":\"notice\",\"tMs\":1,\"message\":\""
            + "x".repeat(SessionLogReader.MAX_LINE_CHARS)
            + "\"}\n";
    assertThatThrownBy(() -> SessionLogReader.read(new StringReader(huge)))
        .isInstanceOfSatisfying(
            SessionLogException.class,
            e -> assertThat(e.expected()).startsWith("a line of at most"));
    Path file = dir.resolve("huge.jsonl");
    Files.writeString(file, NOTICE_A + "\n" + huge);
    assertThatThrownBy(() -> SessionLogReader.read(file))
        .isInstanceOfSatisfying(
            SessionLogException.class, e -> assertThat(e.lineNumber()).isEqualTo(2));
  }

  @Test
  void an_empty_log_has_no_events() throws IOException {
    Path file = dir.resolve("empty.jsonl");
    Files.writeString(file, "");
    SessionLog log = SessionLogReader.readLog(file);
    assertThat(log.events()).isEmpty();
    assertThat(log.truncatedLastLine()).isFalse();
  }
}
