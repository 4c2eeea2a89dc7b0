package org.smoothplayer.app.ui;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Turns exceptions and engine errors into readable one-liners (never a stack trace). */
final class ErrorText {

  /** Causes followed at most, so a cyclic chain cannot loop. */
  private static final int MAX_CAUSES = 5;

  private ErrorText() {}

  /**
   * The messages of {@code error} and its causes, joined by ": ", each message kept only when it
   * adds something (a message the outer ones already contain, or a wrapper repeating its cause, is
   * skipped); when no throwable of the chain has a message, the innermost one's class name.
   */
  static String of(Throwable error) {
    List<String> parts = new ArrayList<>();
    String joined = "";
    Throwable deepest = error;
    @Nullable Throwable t = error;
    for (int i = 0; t != null && i <= MAX_CAUSES; i++, t = t.getCause()) {
      deepest = t;
      String message = firstLine(t.getMessage());
      Throwable cause = t.getCause();
      if (cause != null && message.equals(firstLine(cause.toString()))) {
        continue; // a wrapper that only repeats its cause (new X(cause)): the cause says it
      }
      if (message.isEmpty()) {
        message = t.getClass().getSimpleName();
        if (i > 0) {
          continue;
        }
      }
      if (!joined.contains(message)) {
        parts.add(message);
        joined = String.join(": ", parts);
      }
    }
    return joined.isEmpty() ? deepest.getClass().getSimpleName() : joined;
  }

  /** The first line of {@code text}, trimmed; "" for null. */
  static String firstLine(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
  }
}
