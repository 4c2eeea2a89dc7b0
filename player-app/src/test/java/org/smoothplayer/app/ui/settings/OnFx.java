package org.smoothplayer.app.ui.settings;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.util.WaitForAsyncUtils;

/** Runs code on the FX application thread from a test; finds shown stages. */
final class OnFx {
  /** Longest wait for the FX thread, seconds (it is only ever busy for milliseconds). */
  private static final long TIMEOUT_S = 10;

  private OnFx() {}

  /** The value of {@code call} run on the FX thread; its runtime exception is rethrown as is. */
  static <T> T call(Callable<T> call) {
    try {
      return WaitForAsyncUtils.asyncFx(call).get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the FX thread", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the FX thread did not answer in " + TIMEOUT_S + " s", e);
    }
  }

  /** Runs {@code run} on the FX thread and waits for it. */
  static void run(Runnable run) {
    call(
        () -> {
          run.run();
          return null;
        });
  }

  /** Waits (at most 10 s) for a shown stage whose title passes {@code title}. */
  static Stage awaitStage(Predicate<String> title) throws TimeoutException {
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> find(title).isPresent());
    return find(title).orElseThrow();
  }

  private static Optional<Stage> find(Predicate<String> title) {
    return call(
        () ->
            Window.getWindows().stream()
                .filter(
                    w ->
                        w instanceof Stage s
                            && s.isShowing()
                            && title.test(String.valueOf(s.getTitle())))
                .map(w -> (Stage) w)
                .findFirst());
  }
}
