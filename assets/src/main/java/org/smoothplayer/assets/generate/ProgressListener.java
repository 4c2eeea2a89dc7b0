package org.smoothplayer.assets.generate;

import java.io.PrintStream;
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
