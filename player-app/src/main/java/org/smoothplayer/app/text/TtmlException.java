package org.smoothplayer.app.text;

import org.jspecify.annotations.Nullable;

/**
 * A TTML document that cannot be turned into cues: not well-formed XML, not a TTML document, a
 * malformed time expression or parameter, or a document beyond the parser's limits.
 *
 * <p>{@link #element()}, {@link #attribute()}, {@link #line()} and {@link #column()} say where,
 * when known; the message names the problem, where it is and what was expected.
 */
public final class TtmlException extends Exception {
  private static final long serialVersionUID = 1L;

  private final @Nullable String element;
  private final @Nullable String attribute;
  private final int line;
  private final int column;

  /**
   * Creates an exception.
   *
   * @param element the element concerned (local name), or null
   * @param attribute the attribute concerned (as written, e.g. {@code ttp:tickRate}), or null
   * @param line the 1-based line, or 0 when unknown
   * @param column the 1-based column, or 0 when unknown
   * @param detail the problem and what was expected
   * @param cause the underlying exception, or null
   */
  public TtmlException(
      @Nullable String element,
      @Nullable String attribute,
      int line,
      int column,
      String detail,
      @Nullable Throwable cause) {
    super(format(element, attribute, line, column, detail), cause);
    this.element = element;
    this.attribute = attribute;
    this.line = line;
    this.column = column;
  }

  /** Creates an exception without a location. */
  public TtmlException(String detail) {
    this(null, null, 0, 0, detail, null);
  }

  private static String format(
      @Nullable String element, @Nullable String attribute, int line, int column, String detail) {
    StringBuilder where = new StringBuilder();
    if (element != null) {
      where.append('<').append(element).append('>');
      if (attribute != null) {
        where.append(" attribute ").append(attribute);
      }
    }
    if (line > 0) {
      where.append(where.length() > 0 ? " " : "").append("at line ").append(line);
      if (column > 0) {
        where.append(", column ").append(column);
      }
    }
    return "TTML: " + (where.length() == 0 ? detail : where + ": " + detail);
  }

  /** The element concerned (local name), or null. */
  public @Nullable String element() {
    return element;
  }

  /** The attribute concerned, as written in the document, or null. */
  public @Nullable String attribute() {
    return attribute;
  }

  /** The 1-based line of the problem, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** The 1-based column of the problem, or 0 when unknown. */
  public int column() {
    return column;
  }
}
