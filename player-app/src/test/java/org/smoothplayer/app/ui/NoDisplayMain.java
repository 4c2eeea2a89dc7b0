package org.smoothplayer.app.ui;

/** Runs the launcher in a JVM without a display (started by {@link PlayerWindowLauncherTest}). */
public final class NoDisplayMain {
  private NoDisplayMain() {}

  /** Exits with the launcher's exit code. */
  public static void main(String[] args) {
    System.exit(
        PlayerWindowLauncher.run(
            "http://127.0.0.1:9/Manifest",
            (url, startUs) -> {
              throw new AssertionError("no session may open without a window");
            }));
  }
}
