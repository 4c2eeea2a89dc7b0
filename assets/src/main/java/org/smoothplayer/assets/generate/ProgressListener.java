package org.smoothplayer.assets.generate;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;

/** Receives generation progress; called on the generating thread. */
@FunctionalInterface
public interface ProgressListener {
  /**
   * Progress report.
   *
   * @param stage what is being done, e.g. {@code encoding sample: video 1080p 5000k}
   * @param fraction overall fraction done, 0..1 (1 exactly once, at the end)
   */
  void progress(String stage, double fraction);

  /** A listener that ignores everything. */
  static ProgressListener none() {
    return (stage, fraction) -> {};
  }

  /**
   * Progress for a person at a terminal, or for a log: on an interactive console, {@link
   * #printingTo} (one updating line); otherwise (output redirected to a file or a pipe, as in CI),
   * {@link #printingLinesTo}, whose lines a log keeps readable.
   */
  static ProgressListener forConsole(PrintStream out) {
    return interactiveConsole() ? printingTo(out) : printingLinesTo(out);
  }

  /**
   * Whether the JVM runs at an interactive console: {@link System#console()} (standard input and
   * output are a terminal) and, where the JDK has it (22 and later, whose console may stand for a
   * redirected stream), {@code Console.isTerminal()}.
   */
  private static boolean interactiveConsole() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22 a console is only there for a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * A listener that writes whole lines on {@code out}: one when the stage changes and one each time
   * the overall progress passes a tenth, e.g. {@code encoding sample: video 1080p 5000k 40%}, and
   * the last at the end.
   */
  static ProgressListener printingLinesTo(PrintStream out) {
    return new ProgressListener() {
      // Owned by the generating thread only.
      private String lastStage;
      private int lastTenth = -1;

      @Override
      public void progress(String stage, double fraction) {
        double clamped = Math.max(0, Math.min(1, fraction));
        int tenth = (int) Math.floor(clamped * 10);
        if (stage.equals(lastStage) && tenth == lastTenth && fraction < 1) {
          return;
        }
        lastStage = stage;
        lastTenth = tenth;
        out.println(String.format(Locale.ROOT, "%s %d%%", stage, (int) Math.floor(clamped * 100)));
        out.flush();
      }
    };
  }

  /**
   * A listener that keeps one updating line on {@code out} (carriage return, no newline until the
   * end), e.g. {@code encoding sample: video 1080p 5000k 42%}.
   */
  static ProgressListener printingTo(PrintStream out) {
    return new ProgressListener() {
      // Owned by the generating thread only.
      private String lastLine = "";

      @Override
      public void progress(String stage, double fraction) {
        int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
        String line = String.format(Locale.ROOT, "%s %d%%", stage, percent);
        if (!line.equals(lastLine)) {
          String pad = " ".repeat(Math.max(0, lastLine.length() - line.length()));
          out.print("\r" + line + pad);
          lastLine = line;
        }
        if (fraction >= 1) {
          out.println();
          lastLine = "";
        }
        out.flush();
      }
    };
  }
}
