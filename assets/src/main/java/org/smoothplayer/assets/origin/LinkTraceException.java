package org.smoothplayer.assets.origin;

/**
 * A bandwidth trace that cannot be used; names the source, the line when known, and the problem.
 */
public final class LinkTraceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int lineNumber;

  LinkTraceException(String source, int lineNumber, String problem) {
    super("trace " + source + (lineNumber > 0 ? " line " + lineNumber : "") + ": " + problem);
    this.source = source;
    this.lineNumber = lineNumber;
  }

  /** Where the trace came from (a file name, or a description). */
  public String source() {
    return source;
  }

  /** The 1-based line the problem is on, or 0 when it concerns the whole trace. */
  public int lineNumber() {
    return lineNumber;
  }
}
