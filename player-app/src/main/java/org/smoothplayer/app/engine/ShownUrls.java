package org.smoothplayer.app.engine;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the session's notices and errors name its URLs. A presentation on disk is played through a
 * local origin on loopback, whose addresses (a new port every run) mean nothing to the user; its
 * notices and errors name the files instead ({@code /films/a/QualityLevels(…)/Fragments(…)}). The
 * session log's fragment events keep the URLs asked for.
 *
 * <p>Immutable; any thread.
 */
public final class ShownUrls {

  private static final ShownUrls AS_THEY_ARE = new ShownUrls(null, null);

  private final @Nullable String base;
  private final @Nullable Path folder;

  private ShownUrls(@Nullable String base, @Nullable Path folder) {
    this.base = base;
    this.folder = folder;
  }

  /** URLs shown as they are. */
  public static ShownUrls asTheyAre() {
    return AS_THEY_ARE;
  }

  /**
   * URLs under {@code base} (the local origin serving {@code folder}, e.g. {@code
   * http://127.0.0.1:41234/}) shown as the files of {@code folder} they are served from.
   *
   * @throws IllegalArgumentException when {@code base} is not an absolute http URL ending in "/"
   */
  public static ShownUrls servedFrom(URI base, Path folder) {
    String text = base.toString();
    if (!"http".equals(base.getScheme()) || !text.endsWith("/")) {
      throw new IllegalArgumentException(
          "base: expected an http URL ending in '/' but was '" + text + "'");
    }
    return new ShownUrls(text, folder.toAbsolutePath().normalize());
  }

  /** {@code text} with every URL under the base replaced by the file it is served from. */
  public String apply(String text) {
    Objects.requireNonNull(text, "text");
    String b = base;
    Path f = folder;
    if (b == null || f == null || !text.contains(b)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    for (int at = text.indexOf(b); at >= 0; at = text.indexOf(b, from)) {
      out.append(text, from, at);
      int end = at + b.length();
      while (end < text.length() && !endsUrl(text.charAt(end))) {
        end++;
      }
      String rawPath = withoutUnmatchedClosers(text.substring(at + b.length(), end));
      out.append(f.resolve(percentDecoded(rawPath)));
      from = at + b.length() + rawPath.length();
    }
    return out.append(text, from, text.length()).toString();
  }

  /** Characters a served URL never holds raw (the origin's file names have ':' escaped). */
  private static boolean endsUrl(char c) {
    return Character.isWhitespace(c) || c == ':' || c == '\'' || c == '"' || c == ';' || c == ',';
  }

  /** {@code path} without closing parentheses at its end that close text around it. */
  private static String withoutUnmatchedClosers(String path) {
    int depth = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (depth == 0) {
          return path.substring(0, i);
        }
        depth--;
      }
    }
    return path;
  }

  /** {@code raw} with its %XX escapes decoded as UTF-8 ('+' stays: it is a path). */
  private static String percentDecoded(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
      int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
      if (c == '%' && hi >= 0 && lo >= 0) {
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        int codePoint = raw.codePointAt(i);
        byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(codePoint) - 1;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
