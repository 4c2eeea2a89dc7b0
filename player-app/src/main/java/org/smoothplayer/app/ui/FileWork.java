package org.smoothplayer.app.ui;

import java.io.IOException;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.smoothplayer.app.io.IoErrors;

/**
 * Work on files that the window must not wait for (reading a session log, writing a report or a
 * saved frame): it runs on a daemon thread of its own, and its result, or why it failed, is handed
 * back on the FX application thread.
 *
 * @param <T> what the work gives
 */
@FunctionalInterface
public interface FileWork<T> {

  /** The work itself, on the background thread. */
  T run() throws IOException;

  /**
   * Runs {@code work} on a daemon thread named {@code threadName}, then {@code done} with its
   * result on the FX thread; if it fails, {@code failed} gets {@code failure + ": " + why} there
   * instead (file errors in {@link IoErrors}' words).
   */
  static <T> void inBackground(
      String threadName,
      FileWork<T> work,
      Consumer<T> done,
      String failure,
      Consumer<String> failed) {
    Thread thread =
        new Thread(
            () -> {
              String why;
              try {
                T result = work.run();
                Platform.runLater(() -> done.accept(result));
                return;
              } catch (IOException e) {
                why = IoErrors.describe(e);
              } catch (RuntimeException e) {
                why = e.getMessage() == null ? e.toString() : e.getMessage();
              }
              String message = failure + ": " + why;
              Platform.runLater(() -> failed.accept(message));
            },
            threadName);
    thread.setDaemon(true);
    thread.start();
  }
}
