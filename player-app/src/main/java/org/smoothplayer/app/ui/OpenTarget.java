package org.smoothplayer.app.ui;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.smoothplayer.app.manifest.ManifestLoader;

/**
 * What the user asked to open, checked: an http, https or file URL, the path of a manifest file, or
 * a folder holding a presentation (a file named {@code Manifest}).
 */
final class OpenTarget {

  /** Name of the manifest file of a presentation folder (the loader's, declared there). */
  static final String MANIFEST_FILE = ManifestLoader.FOLDER_MANIFEST;

  private static final Pattern URL_WITH_AUTHORITY =
      Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

  private OpenTarget() {}

  /**
   * The text to hand to the opener: the URL as typed (trimmed), or the file's or folder's absolute
   * path.
   *
   * @throws InvalidOpenTargetException naming what was wrong and what is accepted
   */
  static String check(String input) {
    String text = input.strip();
    if (text.isEmpty()) {
      throw new InvalidOpenTargetException(
          "Nothing to open: expected an http, https or file URL, or a presentation folder");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("file:")) {
      parse(text);
      return text;
    }
    if (URL_WITH_AUTHORITY.matcher(text).matches()) {
      URI uri = parse(text);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new InvalidOpenTargetException(
            "Cannot open '"
                + text
                + "': the scheme '"
                + scheme
                + "' is not supported, expected http, https or file");
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw new InvalidOpenTargetException("Cannot open '" + text + "': the URL names no host");
      }
      return text;
    }
    Path folder;
    try {
      folder = Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new InvalidOpenTargetException(
          "Cannot open '"
              + text
              + "': it is neither an http, https or file URL nor a folder path ("
              + e.getReason()
              + ")");
    }
    if (Files.isRegularFile(folder)) {
      return folder.toString(); // a manifest file by its path, as the command line takes it
    }
    if (!Files.isDirectory(folder)) {
      throw new InvalidOpenTargetException(
          "Cannot open '"
              + text
              + "': expected an http, https or file URL, a manifest file or a presentation folder,"
              + " but no file or folder exists there");
    }
    if (!Files.isRegularFile(folder.resolve(MANIFEST_FILE))) {
      throw new InvalidOpenTargetException(
          "Cannot open '" + text + "': the folder holds no file named " + MANIFEST_FILE);
    }
    return folder.toString();
  }

  private static URI parse(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new InvalidOpenTargetException(
          "Cannot open '" + text + "': not a valid URL (" + e.getReason() + ")");
    }
  }
}
