package org.smoothplayer.app.manifest;

import org.jspecify.annotations.Nullable;

/**
 * A manifest that cannot be used: not XML, not a Smooth Streaming manifest, outside the parser's
 * limits, missing or malformed data, or content this player refuses (PlayReady protection).
 *
 * <p>The {@link #kind()} says what went wrong; {@link #element()}, {@link #attribute()} and {@link
 * #line()} say where, when known. The message always names the problem and what was expected.
 */
public final class ManifestException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kinds of manifest problems. */
  public enum Kind {
    /** The bytes are not well-formed XML (or use an encoding the parser cannot read). */
    NOT_XML,
    /** Well-formed XML whose root element is not {@code SmoothStreamingMedia}. */
    WRONG_ROOT,
    /**
     * The document has a DTD ({@code <!DOCTYPE ...>}); refused to rule out XXE and entity bombs.
     */
    DTD_REFUSED,
    /** The document is larger than the configured size limit. */
    TOO_LARGE,
    /** A structural limit other than size was exceeded (depth, attribute size, streams, levels). */
    LIMIT_EXCEEDED,
    /** A required attribute is absent or empty. */
    MISSING_ATTRIBUTE,
    /** A required child element is absent. */
    MISSING_ELEMENT,
    /** An attribute value has the wrong form (not a number, unknown keyword, zero time scale). */
    INVALID_VALUE,
    /** A number that must not be negative is negative. */
    NEGATIVE_NUMBER,
    /** A number (or a time computed from numbers) does not fit the model's 64-bit arithmetic. */
    NUMBER_OVERFLOW,
    /** Chunk times overlap or go backwards. */
    INCONSISTENT_TIMELINE,
    /** A stream declares more chunks than the configured bound (e.g. {@code r="1000000000000"}). */
    TOO_MANY_CHUNKS,
    /** Reading the document failed (I/O error). */
    READ_FAILED,
    /** The presentation is PlayReady-protected, which this player does not support. */
    PROTECTED_CONTENT
  }

  private final Kind kind;
  private final @Nullable String element;
  private final @Nullable String attribute;
  private final int line;

  /**
   * Creates an exception.
   *
   * @param kind what went wrong
   * @param element the element concerned, or null
   * @param attribute the attribute concerned, or null
   * @param line the 1-based line of the element, or 0 when unknown
   * @param detail the problem and what was expected
   * @param cause the underlying exception, or null
   */
  public ManifestException(
      Kind kind,
      @Nullable String element,
      @Nullable String attribute,
      int line,
      String detail,
      @Nullable Throwable cause) {
    super(format(kind, element, attribute, line, detail), cause);
    this.kind = kind;
    this.element = element;
    this.attribute = attribute;
    this.line = line;
  }

  /** Creates an exception without a location. */
  public ManifestException(Kind kind, String detail) {
    this(kind, null, null, 0, detail, null);
  }

  private static String format(
      Kind kind, @Nullable String element, @Nullable String attribute, int line, String detail) {
    StringBuilder where = new StringBuilder();
    if (element != null) {
      where.append(element);
      if (attribute != null) {
        where.append('@').append(attribute);
      }
    }
    if (line > 0) {
      where.append(where.length() > 0 ? " " : "").append("at line ").append(line);
    }
    return where.length() == 0 ? detail : where + ": " + detail;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** The element concerned, or null. */
  public @Nullable String element() {
    return element;
  }

  /** The attribute concerned, or null. */
  public @Nullable String attribute() {
    return attribute;
  }

  /** The 1-based line of the element concerned, or 0 when unknown. */
  public int line() {
    return line;
  }
}
