package org.smoothplayer.app.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.smoothplayer.app.manifest.ManifestException.Kind;
import org.smoothplayer.app.net.FetchException;
import org.smoothplayer.app.net.FetchResult;
import org.smoothplayer.app.net.HttpFetcher;

/**
 * Reads a manifest from a location as users type it: an http(s) URL (fetched, redirects followed,
 * parsed against the final URL), a {@code file:} URI or a local path, of a manifest file or of a
 * presentation folder holding one named {@value #FOLDER_MANIFEST}.
 */
public final class ManifestLoader {
  /** The name of the manifest file in a presentation folder. */
  public static final String FOLDER_MANIFEST = "Manifest";

  private static final Pattern URL_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

  private final HttpFetcher fetcher;
  private final ManifestParser parser;

  /** A loader fetching with {@code fetcher} and parsing with {@code parser}. */
  public ManifestLoader(HttpFetcher fetcher, ManifestParser parser) {
    this.fetcher = fetcher;
    this.parser = parser;
  }

  /**
   * Loads and parses the manifest at {@code location}.
   *
   * @throws FetchException when an http(s) transfer fails or the scheme is not supported
   * @throws ManifestException when the document is not a usable manifest or a file cannot be read
   */
  public Manifest load(String location) throws ManifestException, FetchException {
    String trimmed = location.strip();
    if (trimmed.regionMatches(true, 0, "file:", 0, 5)) {
      try {
        return readFile(Path.of(new URI(trimmed)));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new ManifestException(
            Kind.READ_FAILED, null, null, 0, "not a valid file URI: " + trimmed, e);
      }
    }
    if (URL_LIKE.matcher(trimmed).matches()) {
      URI uri;
      try {
        uri = new URI(trimmed);
      } catch (URISyntaxException e) {
        throw new FetchException(
            FetchException.Kind.INVALID_URL,
            URI.create("invalid:" + trimmed.hashCode()),
            0,
            "not a valid URL: " + trimmed + " (" + e.getReason() + ")",
            e);
      }
      FetchResult result = fetcher.fetch(uri);
      return parser.parse(result.body(), result.finalUri());
    }
    try {
      return readFile(Path.of(trimmed));
    } catch (InvalidPathException e) {
      throw new ManifestException(
          Kind.READ_FAILED, null, null, 0, "not a valid file path: " + trimmed, e);
    }
  }

  /** A presentation folder is read as its file named {@value #FOLDER_MANIFEST}. */
  private Manifest readFile(Path path) throws ManifestException {
    if (Files.isDirectory(path)) {
      Path manifest = path.resolve(FOLDER_MANIFEST);
      if (!Files.isRegularFile(manifest)) {
        throw noManifestAt(path + ": the folder holds no file named " + FOLDER_MANIFEST);
      }
      return parser.parse(manifest);
    }
    if (!Files.isRegularFile(path)) {
      throw noManifestAt(path.toString());
    }
    return parser.parse(path);
  }

  private static ManifestException noManifestAt(String where) {
    return new ManifestException(
        Kind.READ_FAILED,
        null,
        null,
        0,
        "no manifest file at "
            + where
            + " (expected an http(s) URL, a manifest file or a presentation folder)",
        null);
  }
}
