package org.smoothplayer.app.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/** Runs code on the FX application thread from a test and hands back its result or exception. */
final class Fx {
  /** Longest wait for the FX thread, seconds (it is only ever busy for milliseconds). */
  private static final long TIMEOUT_S = 10;

  private Fx() {}

  /** The value of {@code call} run on the FX thread; its exception is rethrown as is. */
  static <T> T call(Callable<T> call) {
    try {
      return WaitForAsyncUtils.asyncFx(call).get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
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
}
