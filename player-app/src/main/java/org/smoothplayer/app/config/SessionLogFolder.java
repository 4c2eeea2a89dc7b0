package org.smoothplayer.app.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The folder of session logs, one JSON-lines file per session named {@code
 * session-yyyyMMdd-HHmmss-SSS.jsonl} (local start time), with its retention: before a session
 * writes its log, the oldest logs are deleted until at most {@code keepSessions − 1} remain and
 * they take at most {@code keepMb}. Only files named like ours are ever deleted.
 *
 * <p>The user's folder is {@code sessions} under the system property {@value #DIR_PROPERTY} when
 * set, else under {@code $XDG_DATA_HOME/smooth-player}, else under {@code
 * ~/.local/share/smooth-player}. Not thread-safe: one opener at a time.
 */
public final class SessionLogFolder {

  /** System property naming the application's data folder (tests and portable installs). */
  public static final String DIR_PROPERTY = "smoothplayer.dataDir";

  /** Name of the log folder inside the data folder. */
  public static final String SESSIONS_DIR = "sessions";

  /** Start of every log file name. */
  public static final String FILE_PREFIX = "session-";

  /** End of every log file name. */
  public static final String FILE_SUFFIX = ".jsonl";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  private final Path dir;
  private final Clock clock;

  /**
   * A log folder.
   *
   * @param dir the folder (created when the first log is opened)
   * @param clock gives the start time in file names
   */
  public SessionLogFolder(Path dir, Clock clock) {
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The user's log folder (see the class comment), named by the system clock's local time. */
  public static SessionLogFolder user() {
    return new SessionLogFolder(
        userDir(
            System.getProperty(DIR_PROPERTY),
            System.getenv(),
            Path.of(System.getProperty("user.home"))),
        Clock.systemDefaultZone());
  }

  /** The user's log folder for these inputs (see the class comment). */
  static Path userDir(@Nullable String override, Map<String, String> env, Path home) {
    Path data =
        override != null && !override.isBlank()
            ? Path.of(override)
            : ConfigStore.xdgHome(env, "XDG_DATA_HOME", home.resolve(".local").resolve("share"))
                .resolve(ConfigStore.APP_DIR);
    return data.resolve(SESSIONS_DIR);
  }

  /** The folder. */
  public Path dir() {
    return dir;
  }

  /**
   * Applies the retention, then names a new log file that does not exist yet (the folder is
   * created).
   *
   * @return the file for the new session's log
   * @throws IOException when the folder cannot be created or read
   */
  public Path newLogFile(LogSettings retention) throws IOException {
    Files.createDirectories(dir);
    prune(retention);
    String stamp = STAMP.format(LocalDateTime.now(clock));
    Path file = dir.resolve(FILE_PREFIX + stamp + FILE_SUFFIX);
    for (int n = 2; Files.exists(file); n++) {
      file = dir.resolve(FILE_PREFIX + stamp + "-" + n + FILE_SUFFIX);
    }
    return file;
  }

  /**
   * Deletes the oldest logs (by modification time, then name) until at most {@code keepSessions −
   * 1} remain and their total size is at most {@code keepMb}: room for the session about to start.
   *
   * @return the files deleted, oldest first
   * @throws IOException when the folder cannot be listed
   */
  public List<Path> prune(LogSettings retention) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Entry> logs = new ArrayList<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(dir, FILE_PREFIX + "*" + FILE_SUFFIX)) {
      for (Path file : files) {
        try {
          if (Files.isRegularFile(file)) {
            logs.add(new Entry(file, Files.getLastModifiedTime(file).toMillis(), Files.size(file)));
          }
        } catch (NoSuchFileException gone) {
          // deleted meanwhile: nothing to prune
        }
      }
    }
    logs.sort(
        Comparator.comparingLong(Entry::modifiedMs)
            .thenComparing(e -> e.file().getFileName().toString()));
    long totalBytes = logs.stream().mapToLong(Entry::bytes).sum();
    int keep = retention.keepSessions() - 1;
    List<Path> deleted = new ArrayList<>();
    int i = 0;
    while (i < logs.size() && (logs.size() - i > keep || totalBytes > retention.keepBytes())) {
      Entry oldest = logs.get(i++);
      Files.deleteIfExists(oldest.file());
      totalBytes -= oldest.bytes();
      deleted.add(oldest.file());
    }
    return List.copyOf(deleted);
  }

  private record Entry(Path file, long modifiedMs, long bytes) {}

  @Override
  public String toString() {
    return "SessionLogFolder[" + dir + "]";
  }
}
