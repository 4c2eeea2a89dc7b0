package org.smoothplayer.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.config.ConfigStore;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionLogReader;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;

/** Where headless sessions write their logs, and which settings they start with. */
class PlaySessionLogTest {

  private static LocalOrigin origin;
  private static String url;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void serveTiny() throws Exception {
    origin = LocalOrigin.builder(Presentations.cached(Preset.TINY)).start();
    url = origin.baseUri().resolve("Manifest").toString();
  }

  @AfterAll
  static void stopOrigin() {
    origin.close();
  }

  private int play(String... options) {
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] args =
        Stream.concat(
                Stream.of(url, "--headless", "--no-audio-device", "--duration", "1"),
                Stream.of(options))
            .toArray(String[]::new);
    return commandLine.execute(args);
  }

  private static List<Path> logs(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  @Timeout(60)
  void each_session_writes_a_new_log_in_the_folder_after_deleting_the_oldest(@TempDir Path dir)
      throws Exception {
    Path folder = Files.createDirectories(dir.resolve("sessions"));
    for (int i = 1; i <= 3; i++) {
      Path old = Files.writeString(folder.resolve("session-2020010" + i + "-000000-000.jsonl"), "");
      Files.setLastModifiedTime(old, FileTime.fromMillis(1_600_000_000_000L + i * 1000L));
    }
    Path config = Files.writeString(dir.resolve("keep2.json"), "{\"logging.keepSessions\": 2}");

    int code = play("--log-dir", folder.toString(), "--config", config.toString());

    assertThat(code).as(err.toString()).isZero();
    List<Path> kept = logs(folder);
    assertThat(kept).hasSize(2);
    assertThat(kept.get(0).getFileName()).hasToString("session-20200103-000000-000.jsonl");
    Path fresh = kept.get(1);
    assertThat(fresh.getFileName().toString()).matches("session-\\d{8}-\\d{6}-\\d{3}\\.jsonl");
    assertThat(err.toString()).contains("smooth-player: session log: " + fresh);
    assertThat(SessionLogReader.read(fresh))
        .last()
        .isInstanceOfSatisfying(
            SessionEvent.SessionEnded.class, e -> assertThat(e.reason()).isEqualTo("duration"));
  }

  @Test
  @Timeout(60)
  void no_log_writes_no_session_log() throws Exception {
    assertThat(play("--no-log")).as(err.toString()).isZero();

    assertThat(err.toString()).doesNotContain("session log:");
    assertThat(out.toString()).startsWith("startup: ");
  }

  @Test
  void no_log_with_a_log_file_is_a_usage_error(@TempDir Path dir) {
    assertThat(play("--no-log", "--log", dir.resolve("x.jsonl").toString()))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("--no-log excludes --log and --log-dir");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  @Timeout(60)
  void the_stored_settings_start_the_session_unless_a_config_file_is_given(@TempDir Path dir)
      throws Exception {
    String previous = System.getProperty(ConfigStore.DIR_PROPERTY);
    System.setProperty(ConfigStore.DIR_PROPERTY, dir.resolve("config").toString());
    try {
      Files.createDirectories(dir.resolve("config"));
      Files.writeString(
          dir.resolve("config/settings.json"),
          "{\"heuristics.policy\": \"bb\", \"buffer.startupS\": 99}");
      Path stored = dir.resolve("stored.jsonl");
      assertThat(play("--log", stored.toString())).as(err.toString()).isZero();
      Path rb = Files.writeString(dir.resolve("rb.json"), "{\"heuristics.policy\": \"rb\"}");
      Path given = dir.resolve("given.jsonl");
      assertThat(play("--log", given.toString(), "--config", rb.toString())).isZero();

      assertThat(started(stored).nonDefaultSettings()).containsEntry("heuristics.policy", "bb");
      assertThat(err.toString())
          .contains(
              "smooth-player: config: "
                  + dir.resolve("config/settings.json")
                  + ": buffer.startupS: expected a value in [0.1, 30.0] s but"
                  + " was 99.0");
      assertThat(started(given).nonDefaultSettings()).containsEntry("heuristics.policy", "rb");
    } finally {
      if (previous == null) {
        System.clearProperty(ConfigStore.DIR_PROPERTY);
      } else {
        System.setProperty(ConfigStore.DIR_PROPERTY, previous);
      }
    }
  }

  private static SessionEvent.SessionStarted started(Path log) throws Exception {
    return (SessionEvent.SessionStarted) SessionLogReader.read(log).get(0);
  }
}
