package org.smoothplayer.app.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a JSON-lines session log written by {@link SessionLogWriter}.
 *
 * <p>Lines are UTF-8 and end in {@code '\n'} (a preceding {@code '\r'} is dropped); blank lines are
 * skipped. A last line without its {@code '\n'} that is not whole JSON (or not whole UTF-8) is what
 * a crash while writing leaves: it is ignored, logged and reported by {@link
 * SessionLog#truncatedLastLine()}. Events of unknown types are skipped and counted. Anything else
 * malformed throws {@link SessionLogException} naming the line and field.
 */
public final class SessionLogReader {
  /** Longest line accepted, in characters (bytes when reading a file); events are far shorter. */
  public static final int MAX_LINE_CHARS = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(SessionLogReader.class);

  private SessionLogReader() {}

  /** The events of a log file (see {@link #readLog(Path)}). */
  public static List<SessionEvent> read(Path file) throws IOException {
    return readLog(file).events();
  }

  /** The events of a log (see {@link #readLog(Reader)}). */
  public static List<SessionEvent> read(Reader reader) throws IOException {
    return readLog(reader).events();
  }

  /**
   * Reads a log file.
   *
   * @throws SessionLogException for a malformed line (other than a truncated last one)
   * @throws IOException when the file cannot be read
   */
  public static SessionLog readLog(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return readLines(new ByteLines(in), file.toString());
    }
  }

  /**
   * Reads a log file that must hold a session: as {@link #readLog(Path)}, but a file in which no
   * event was read (empty, or one cut-off line that is not JSON: not a session log) is refused.
   * What {@code report} and the Session window open.
   *
   * @throws SessionLogException for a malformed line, or a file without any event
   * @throws IOException when the file cannot be read
   */
  public static SessionLog readSessionLog(Path file) throws IOException {
    SessionLog log = readLog(file);
    if (log.events().isEmpty() && log.skippedEvents() == 0) {
      throw new SessionLogException(
          SessionLogException.NO_LINE,
          "<file>",
          "session events as JSON lines (the first a session_started)",
          log.truncatedLastLine()
              ? "one cut-off line that is not JSON (not a session log?)"
              : "nothing (the file is empty)");
    }
    return log;
  }

  /**
   * Reads a log from characters; the reader is not closed.
   *
   * @throws SessionLogException for a malformed line (other than a truncated last one)
   * @throws IOException when the reader fails
   */
  public static SessionLog readLog(Reader reader) throws IOException {
    return readLines(new CharLines(reader), "session log");
  }

  private static SessionLog readLines(LineSource lines, String source) throws IOException {
    List<SessionEvent> events = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    boolean truncated = false;
    long lineNumber = 0;
    for (Line line = lines.next(); line != null; line = lines.next()) {
      lineNumber++;
      if (line.tooLong()) {
        throw new SessionLogException(
            lineNumber,
            SessionJson.LINE_FIELD,
            "a line of at most " + MAX_LINE_CHARS + " characters",
            "a longer line");
      }
      String text = line.text();
      if (text == null) {
        if (!line.terminated()) {
          truncated = noteTruncated(source, lineNumber);
          break;
        }
        throw new SessionLogException(
            lineNumber, SessionJson.LINE_FIELD, "UTF-8 text", "malformed UTF-8 bytes");
      }
      if (text.isBlank()) {
        continue;
      }
      JsonNode tree;
      try {
        tree = SessionJson.parseTree(text, lineNumber);
      } catch (SessionLogException e) {
        if (!line.terminated()) {
          truncated = noteTruncated(source, lineNumber);
          break;
        }
        throw e;
      }
      SessionJson.Decoded decoded = SessionJson.decode(tree, lineNumber);
      SessionEvent event = decoded.event();
      if (event == null) {
        skipped.merge(decoded.type(), 1, Integer::sum);
      } else {
        events.add(event);
      }
    }
    // Only at debug: the result carries both, and each caller tells its user in its own words
    // (report's stderr and summary, the Session window's source line, the soak check).
    if (!skipped.isEmpty()) {
      LOG.debug("{}: skipped events of types this version does not know: {}", source, skipped);
    }
    return new SessionLog(events, skipped, truncated);
  }

  private static boolean noteTruncated(String source, long lineNumber) {
    LOG.debug("{}: ignored the truncated last line {} (cut off while writing)", source, lineNumber);
    return true;
  }

  /**
   * One line: its text (null when it is not valid UTF-8), whether a '\n' ended it, and whether it
   * was longer than {@link #MAX_LINE_CHARS} (then the text is null).
   */
  private record Line(@Nullable String text, boolean terminated, boolean tooLong) {}

  private interface LineSource {
    @Nullable Line next() throws IOException;
  }

  /** Lines of UTF-8 bytes, each decoded strictly on its own. */
  private static final class ByteLines implements LineSource {
    private final InputStream in;
    private byte[] buffer = new byte[512];
    private boolean ended;

    ByteLines(InputStream in) {
      this.in = in;
    }

    @Override
    public @Nullable Line next() throws IOException {
      if (ended) {
        return null;
      }
      int length = 0;
      boolean terminated = false;
      boolean tooLong = false;
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b == '\n') {
          terminated = true;
          break;
        }
        if (length == MAX_LINE_CHARS) {
          tooLong = true; // refused; keep consuming to the end of the line without storing
          continue;
        }
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.min(length * 2, MAX_LINE_CHARS));
        }
        buffer[length++] = (byte) b;
      }
      if (!terminated) {
        ended = true;
        if (length == 0) {
          return null;
        }
      }
      if (tooLong) {
        return new Line(null, terminated, true);
      }
      if (length > 0 && buffer[length - 1] == '\r') {
        length--;
      }
      try {
        String text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(buffer, 0, length))
                .toString();
        return new Line(text, terminated, false);
      } catch (CharacterCodingException e) {
        return new Line(null, terminated, false);
      }
    }
  }

  /** Lines of characters. */
  private static final class CharLines implements LineSource {
    private final BufferedReader in;
    private final StringBuilder line = new StringBuilder();
    private boolean ended;

    CharLines(Reader reader) {
      this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    }

    @Override
    public @Nullable Line next() throws IOException {
      if (ended) {
        return null;
      }
      line.setLength(0);
      boolean terminated = false;
      boolean tooLong = false;
      for (int c = in.read(); c >= 0; c = in.read()) {
        if (c == '\n') {
          terminated = true;
          break;
        }
        if (line.length() == MAX_LINE_CHARS) {
          tooLong = true; // refused; keep consuming to the end of the line without storing
        } else {
          line.append((char) c);
        }
      }
      if (!terminated) {
        ended = true;
        if (line.length() == 0) {
          return null;
        }
      }
      if (tooLong) {
        return new Line(null, terminated, true);
      }
      int length = line.length();
      if (length > 0 && line.charAt(length - 1) == '\r') {
        line.setLength(length - 1);
      }
      return new Line(line.toString(), terminated, false);
    }
  }
}
