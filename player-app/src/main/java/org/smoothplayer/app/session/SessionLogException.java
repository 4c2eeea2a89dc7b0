package org.smoothplayer.app.session;

import java.io.IOException;

/**
 * A session log (or summary file) line that cannot be read: names the line, the field and what was
 * expected there.
 */
public final class SessionLogException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Line number used when the problem is not tied to a line of a JSON-lines file. */
  public static final long NO_LINE = -1;

  private final long lineNumber;
  private final String field;
  private final String expected;

  /**
   * A problem with one field.
   *
   * @param lineNumber 1-based line of the log, or {@link #NO_LINE}
   * @param field the JSON field at fault ({@code "<line>"} for the line as a whole)
   * @param expected what the field should have held
   * @param found a short description of what was there instead
   */
  public SessionLogException(long lineNumber, String field, String expected, String found) {
    super(message(lineNumber, field, expected, found));
    this.lineNumber = lineNumber;
    this.field = field;
    this.expected = expected;
  }

  /** The 1-based line number, or {@link #NO_LINE}. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The JSON field at fault ({@code "<line>"} for the line as a whole). */
  public String field() {
    return field;
  }

  /** What was expected in the field. */
  public String expected() {
    return expected;
  }

  private static String message(long lineNumber, String field, String expected, String found) {
    String where = lineNumber == NO_LINE ? "" : "line " + lineNumber + ": ";
    return where + "field \"" + field + "\": expected " + expected + ", found " + found;
  }
}
