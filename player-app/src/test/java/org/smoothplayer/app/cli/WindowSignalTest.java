package org.smoothplayer.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionLogReader;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * The window ended by a signal (a TERM, as at logout, or Ctrl+C in the terminal that started it)
 * rather than closed: a real player process with its window on Monocle's headless screen.
 */
class WindowSignalTest {

  @Test
  @Timeout(90)
  void a_window_ended_by_a_signal_ends_its_session_as_interrupted_in_the_log(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("session.jsonl");
    try (LocalOrigin origin =
        LocalOrigin.builder(Presentations.cached(HeadlessPlayCommandTest.TWENTY_SECONDS)).start()) {
      Process player =
          PlayerProcess.builder(
                  List.of(
                      "-Dglass.platform=Monocle",
                      "-Dmonocle.platform=Headless",
                      "-Dprism.order=sw",
                      "-Dsmoothplayer.configDir=" + dir.resolve("config"),
                      "-Dsmoothplayer.dataDir=" + dir.resolve("data")),
                  origin.baseUri().resolve("Manifest").toString(),
                  "--no-audio-device",
                  "--log",
                  log.toString())
              .redirectOutput(dir.resolve("stdout.txt").toFile())
              .redirectError(dir.resolve("stderr.txt").toFile())
              .start();
      try {
        while (!Files.exists(log) || !Files.readString(log).contains("\"state\":\"PLAYING\"")) {
          assertThat(player.isAlive())
              .as("the window plays until it is stopped; stderr: %s", stderr(dir))
              .isTrue();
          Thread.sleep(50);
        }
        player.destroy(); // SIGTERM
        assertThat(player.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        player.destroyForcibly();
      }
      assertThat(player.exitValue()).isEqualTo(128 + 15);
    }

    List<SessionEvent> events = SessionLogReader.read(log);
    assertThat(events.get(events.size() - 1))
        .isInstanceOfSatisfying(
            SessionEvent.SessionEnded.class, e -> assertThat(e.reason()).isEqualTo("interrupted"));
  }

  private static String stderr(Path dir) throws Exception {
    Path file = dir.resolve("stderr.txt");
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
