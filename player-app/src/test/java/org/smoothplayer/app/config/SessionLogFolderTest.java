package org.smoothplayer.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder of per-session logs and its retention. */
class SessionLogFolderTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-08-14T15:30:12.345Z"), ZoneOffset.UTC);

  @Test
  void the_folder_is_sessions_under_the_override_else_xdg_data_home_else_local_share() {
    Path home = Path.of("/home/qa");
    assertThat(SessionLogFolder.userDir("/tmp/data", Map.of(), home))
        .isEqualTo(Path.of("/tmp/data/sessions"));
    assertThat(SessionLogFolder.userDir(null, Map.of("XDG_DATA_HOME", "/xdg"), home))
        .isEqualTo(Path.of("/xdg/smooth-player/sessions"));
    assertThat(SessionLogFolder.userDir(null, Map.of(), home))
        .isEqualTo(Path.of("/home/qa/.local/share/smooth-player/sessions"));
  }

  @Test
  void a_new_log_is_named_by_its_start_time_and_never_replaces_one(@TempDir Path dir)
      throws Exception {
    SessionLogFolder folder = new SessionLogFolder(dir.resolve("sessions"), CLOCK);

    Path first = folder.newLogFile(LogSettings.DEFAULTS);
    Files.createFile(first);
    Path second = folder.newLogFile(LogSettings.DEFAULTS);

    assertThat(first.getFileName()).hasToString("session-20260814-153012-345.jsonl");
    assertThat(second.getFileName()).hasToString("session-20260814-153012-345-2.jsonl");
  }

  @Test
  void before_a_session_the_oldest_logs_go_until_the_count_leaves_room_for_the_new_one(
      @TempDir Path dir) throws Exception {
    List<Path> logs = List.of(log(dir, "a", 10, 1), log(dir, "b", 10, 2), log(dir, "c", 10, 3));
    Path foreign = Files.writeString(dir.resolve("notes.txt"), "keep me");

    List<Path> deleted =
        new SessionLogFolder(dir, CLOCK).prune(new LogSettings(/* keepSessions= */ 2, 500));

    assertThat(deleted).containsExactly(logs.get(0), logs.get(1));
    assertThat(logs.get(2)).exists();
    assertThat(foreign).exists();
  }

  @Test
  void before_a_session_the_oldest_logs_go_until_the_rest_fit_the_size_limit(@TempDir Path dir)
      throws Exception {
    int oneMb = 1024 * 1024;
    Path oldest = log(dir, "a", oneMb, 1);
    Path middle = log(dir, "b", oneMb, 2);
    Path newest = log(dir, "c", oneMb, 3);

    List<Path> deleted =
        new SessionLogFolder(dir, CLOCK).prune(new LogSettings(100, /* keepMb= */ 2));

    assertThat(deleted).containsExactly(oldest);
    assertThat(middle).exists();
    assertThat(newest).exists();
  }

  private static Path log(Path dir, String name, int bytes, int ageRank) throws Exception {
    Path file = dir.resolve("session-" + name + ".jsonl");
    Files.write(file, new byte[bytes]);
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + ageRank * 1000L));
    return file;
  }
}
