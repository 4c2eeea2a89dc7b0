package org.smoothplayer.assets.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Generates presentations, once per spec, into a cache shared by tests, benchmarks and the app.
 *
 * <p>Cache layout: {@code <cacheRoot>/presentations/<spec.cacheKey()>/} holding {@code Manifest},
 * {@code presentation.json}, the {@code QualityLevels(..)} folders and the completion marker
 * {@value #COMPLETE_MARKER}. A presentation is generated into a temporary sibling folder and moved
 * into place atomically; a file lock ({@code <key>.lock}) keeps two JVMs from encoding the same
 * spec at once, an in-process lock does the same for threads.
 */
public final class Presentations {
  /** Environment variable overriding the cache root. */
  public static final String CACHE_ENV = "SMOOTH_PLAYER_CACHE";

  /** File whose presence marks a cached presentation as complete. */
  public static final String COMPLETE_MARKER = ".complete";

  // Shared by all threads: one lock per cache folder, never removed (a handful of specs per JVM).
  private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private Presentations() {}

  /** {@code $SMOOTH_PLAYER_CACHE} if set and not blank, else {@code ~/.cache/smooth-player}. */
  public static Path cacheRoot() {
    String env = System.getenv(CACHE_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "smooth-player");
  }

  /** The folder holding the preset's Manifest, generating it first if it is not cached. */
  public static Path cached(Preset preset) {
    return cached(preset.spec());
  }

  /** The folder holding the spec's Manifest, generating it first if it is not cached. */
  public static Path cached(PresentationSpec spec) {
    return cached(spec, ProgressListener.none());
  }

  /** Like {@link #cached(PresentationSpec)}, reporting encoding progress. */
  public static Path cached(PresentationSpec spec, ProgressListener progress) {
    return cachedIn(cacheRoot(), spec, progress);
  }

  /**
   * Like {@link #cached(PresentationSpec, ProgressListener)} with an explicit cache root.
   *
   * @throws GenerationException when encoding fails
   * @throws UncheckedIOException when the cache cannot be written
   */
  public static Path cachedIn(Path cacheRoot, PresentationSpec spec, ProgressListener progress) {
    Path parent = cacheRoot.resolve("presentations").toAbsolutePath().normalize();
    String key = spec.cacheKey();
    Path dir = parent.resolve(key);
    if (isComplete(dir)) {
      return dir;
    }
    ReentrantLock lock = LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
    lock.lock();
    try {
      Files.createDirectories(parent);
      try (FileChannel channel =
              FileChannel.open(
                  parent.resolve(key + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock fileLock = channel.lock()) {
        if (isComplete(dir)) {
          return dir;
        }
        removeLeftovers(parent, key, dir);
        Path tmp = Files.createTempDirectory(parent, key + ".tmp-");
        try {
          PresentationGenerator.generate(spec, tmp, progress);
          Files.writeString(tmp.resolve(COMPLETE_MARKER), spec.cacheKey() + "\n");
          makeReadableByAll(tmp);
          moveIntoPlace(tmp, dir);
        } catch (IOException | RuntimeException e) {
          PresentationGenerator.deleteRecursively(tmp);
          throw e;
        }
        return dir;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache " + key + " under " + parent, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Generates {@code spec} into {@code outDir} (created if missing; a previous presentation in it
   * is replaced; any other content is refused with a {@link GenerationException}).
   */
  public static void generate(PresentationSpec spec, Path outDir, ProgressListener progress) {
    try {
      PresentationGenerator.generate(spec, outDir, progress);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the presentation to " + outDir, e);
    }
  }

  private static boolean isComplete(Path dir) {
    return Files.isRegularFile(dir.resolve(COMPLETE_MARKER));
  }

  /** Deletes an incomplete folder and temporary folders of crashed runs (we hold the lock). */
  private static void removeLeftovers(Path parent, String key, Path dir) throws IOException {
    PresentationGenerator.deleteRecursively(dir);
    List<Path> stale;
    try (Stream<Path> list = Files.list(parent)) {
      stale = list.filter(p -> p.getFileName().toString().startsWith(key + ".tmp-")).toList();
    }
    for (Path p : stale) {
      PresentationGenerator.deleteRecursively(p);
    }
  }

  /** Temporary folders are created owner-only; the cache is as readable as any other file. */
  private static void makeReadableByAll(Path dir) throws IOException {
    if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static void moveIntoPlace(Path tmp, Path dir) throws IOException {
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the cache file system cannot move " + tmp + " atomically", e);
    }
  }
}
