package org.smoothplayer.assets.origin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The served folder: turns request paths into files strictly inside it. Percent-decodes each path
 * segment, refuses segments that could climb or split ({@code .}, {@code ..}, encoded slashes,
 * backslashes, control characters) with 400, then resolves the real path (following symlinks) and
 * serves it only when it is a regular file under the root's real path. Immutable.
 */
final class OriginRoot {
  private final Path realRoot;

  OriginRoot(Path realRoot) {
    this.realRoot = realRoot;
  }

  Path path() {
    return realRoot;
  }

  /**
   * Decodes a raw (percent-encoded, query-free) path into its segments.
   *
   * @throws HttpStatusException 400 when the path is malformed or tries to escape
   */
  static List<String> decodeSegments(String rawPath) throws HttpStatusException {
    if (!rawPath.startsWith("/")) {
      throw new HttpStatusException(400, "path does not start with /");
    }
    List<String> segments = new ArrayList<>();
    for (String raw : rawPath.substring(1).split("/", -1)) {
      String segment = percentDecode(raw);
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
          throw new HttpStatusException(400, "path segment holds a slash, backslash or control");
        }
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new HttpStatusException(400, "path segment . or .. is not allowed");
      }
      segments.add(segment);
    }
    return segments;
  }

  /** The decoded path, as used for fault matching and the request log. */
  static String decodedPath(List<String> segments) {
    return "/" + String.join("/", segments);
  }

  /** The regular file inside the root the segments name, if any. */
  Optional<Path> resolve(List<String> segments) {
    Path candidate = realRoot;
    try {
      for (String segment : segments) {
        if (segment.isEmpty()) {
          return Optional.empty(); // "//" or a trailing slash never names a file
        }
        candidate = candidate.resolve(segment);
      }
      Path real = candidate.toRealPath();
      if (!real.startsWith(realRoot) || real.equals(realRoot) || !Files.isRegularFile(real)) {
        return Optional.empty();
      }
      return Optional.of(real);
    } catch (IOException | InvalidPathException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The Content-Type for a decoded path. */
  static String contentType(String decodedPath) {
    String name = decodedPath.substring(decodedPath.lastIndexOf('/') + 1);
    if (name.equalsIgnoreCase("Manifest")) {
      return "text/xml";
    }
    int fragments = name.indexOf("Fragments(");
    if (fragments >= 0) {
      int equals = name.indexOf('=', fragments);
      String stream =
          name.substring(fragments + "Fragments(".length(), equals < 0 ? name.length() : equals);
      String lower = stream.toLowerCase(Locale.ROOT);
      if (lower.contains("audio")) {
        return "audio/mp4";
      }
      return lower.contains("text") ? "application/mp4" : "video/mp4";
    }
    return "application/octet-stream";
  }

  private static String percentDecode(String raw) throws HttpStatusException {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes.write(c);
        continue;
      }
      if (i + 2 >= raw.length()) {
        throw new HttpStatusException(400, "truncated percent escape in the path");
      }
      int high = Character.digit(raw.charAt(i + 1), 16);
      int low = Character.digit(raw.charAt(i + 2), 16);
      if (high < 0 || low < 0) {
        throw new HttpStatusException(400, "invalid percent escape in the path");
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HttpStatusException(400, "percent-decoded path is not UTF-8");
    }
  }
}
