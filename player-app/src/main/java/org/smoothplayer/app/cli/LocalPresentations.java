package org.smoothplayer.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.smoothplayer.app.engine.PlaybackEngine;
import org.smoothplayer.app.engine.ShownUrls;
import org.smoothplayer.app.tools.PresentationReader;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * Makes presentations on disk playable by the engine, which reads http and https only: a {@code
 * file:} URL or a presentation folder is served by a {@link LocalOrigin} on loopback (one per
 * folder, started on first use, closed with this object), and the engine gets that origin's URL of
 * the same file. The files are served by their paths, so a folder laid out like the origin's URLs
 * ({@code Manifest}, {@code QualityLevels(…)/Fragments(…)}) plays as it would from a server.
 *
 * <p>Thread-safe: the window's opener runs on the FX thread and {@link #close} on the command's.
 */
final class LocalPresentations implements AutoCloseable {

  // Guarded by this.
  private final Map<Path, LocalOrigin> origins = new LinkedHashMap<>();
  private boolean closed;

  /**
   * The http URL the engine should open for {@code target}: an http or https URL as it is; a {@code
   * file:} URL of a manifest file, or of a folder holding {@link PresentationReader#MANIFEST_FILE},
   * or the path of such a folder (relative paths from the working folder), as the loopback URL of
   * that file.
   *
   * @throws IllegalArgumentException naming the input and what was expected, when it is none of
   *     those or the file is missing
   * @throws UncheckedIOException when the local origin cannot start
   */
  String playableUrl(String target) {
    String text = target.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http:") || lower.startsWith("https:")) {
      return PlaybackEngine.requireHttpUrl(text).toString();
    }
    Path file;
    if (lower.startsWith("file:")) {
      file = fileOf(text);
    } else if (text.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      throw new IllegalArgumentException(
          "URL: expected an http or https manifest URL, a file URL or a presentation folder but"
              + " was '"
              + text
              + "'");
    } else {
      file = pathOf(text);
    }
    if (Files.isDirectory(file)) {
      file = file.resolve(PresentationReader.MANIFEST_FILE);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': expected a manifest file or a folder holding a file named "
              + PresentationReader.MANIFEST_FILE
              + ", but there is no file "
              + file);
    }
    Path folder = file.getParent();
    LocalOrigin origin = originFor(folder);
    return origin.baseUri().resolve(encodedName(file.getFileName().toString())).toString();
  }

  /**
   * How the notices and errors of a session on {@code playableUrl} (from {@link #playableUrl})
   * should name its URLs: those of a folder served here as its files, any other as they are.
   */
  synchronized ShownUrls shownUrls(String playableUrl) {
    for (Map.Entry<Path, LocalOrigin> served : origins.entrySet()) {
      URI base = served.getValue().baseUri();
      if (playableUrl.startsWith(base.toString())) {
        return ShownUrls.servedFrom(base, served.getKey());
      }
    }
    return ShownUrls.asTheyAre();
  }

  private static Path fileOf(String url) {
    try {
      return Path.of(new URI(url)).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + url + "': not a usable file URL (expected file:///path/to/Manifest)", e);
    }
  }

  private static Path pathOf(String text) {
    try {
      return Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': expected an http or https manifest URL, a file URL or a presentation folder",
          e);
    }
  }

  /** {@code name} as one percent-encoded URL path segment. */
  private static String encodedName(String name) {
    try {
      return new URI(null, null, name, null).getRawPath().replace(":", "%3A");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("file name cannot be a URL path: " + name, e);
    }
  }

  private synchronized LocalOrigin originFor(Path folder) {
    if (closed) {
      throw new IllegalStateException("local presentations are closed");
    }
    LocalOrigin origin = origins.get(folder);
    if (origin == null) {
      try {
        origin = LocalOrigin.builder(folder).start();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot serve the folder " + folder + " on loopback: " + e.getMessage(), e);
      }
      origins.put(folder, origin);
    }
    return origin;
  }

  /** Stops every origin started; later calls of {@link #playableUrl} for files fail. */
  @Override
  public synchronized void close() {
    closed = true;
    origins.values().forEach(LocalOrigin::close);
    origins.clear();
  }
}
