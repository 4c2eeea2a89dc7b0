package org.smoothplayer.app.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Expands a StreamIndex {@code Url} template and resolves it against the manifest's URL.
 *
 * <p>Placeholders: {@code {bitrate}} and {@code {Bitrate}} (the level's Bitrate), {@code {start
 * time}} and {@code {start_time}} (the chunk's start in the stream's ticks), {@code
 * {CustomAttributes}} (the level's {@code name=value} pairs joined with {@code ,}). Other text is
 * kept; characters that are not legal in a URI (spaces, non-ASCII) are percent-encoded. The result
 * is resolved as a relative reference against the manifest's final URL, so {@code
 * http://h/a.ism/Manifest?x=1} gives {@code http://h/a.ism/QualityLevels(..)/Fragments(..)}, and a
 * manifest file gives a file URI next to it.
 */
public final class UrlTemplate {
  private UrlTemplate() {}

  /** Expands the placeholders of {@code template} (no resolution). */
  public static String expand(String template, QualityLevel level, long startTicks) {
    String bitrate = Long.toString(level.bitrateBps());
    String start = Long.toString(startTicks);
    return template
        .replace("{bitrate}", bitrate)
        .replace("{Bitrate}", bitrate)
        .replace("{start time}", start)
        .replace("{start_time}", start)
        .replace("{CustomAttributes}", level.customAttributesPlaceholder());
  }

  /**
   * Expands {@code template} and resolves it against {@code base}.
   *
   * @throws IllegalArgumentException if the expanded text cannot form a URI reference even after
   *     encoding (not expected: every illegal character is encoded)
   */
  public static URI resolve(URI base, String template, QualityLevel level, long startTicks) {
    String relative = encodeIllegal(expand(template, level, startTicks).strip());
    URI ref;
    try {
      ref = new URI(relative);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Url template gives no valid URI: " + relative, e);
    }
    URI effectiveBase = base;
    if (base.isAbsolute()
        && !base.isOpaque()
        && base.getRawPath() != null
        && base.getRawPath().isEmpty()) {
      // java.net.URI resolves "a" against "http://h" to "http://ha": give the base a root path.
      effectiveBase = base.resolve("/");
    }
    return effectiveBase.resolve(ref);
  }

  /** Percent-encodes every character that may not appear in a URI reference. */
  static String encodeIllegal(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isLegal(c)) {
        if (c == '%' && !isEscape(s, i)) {
          sb.append("%25");
        } else {
          sb.append(c);
        }
      } else {
        int cp = s.codePointAt(i);
        if (Character.isSupplementaryCodePoint(cp)) {
          i++;
        }
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)));
          sb.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }
      }
    }
    return sb.toString();
  }

  private static boolean isEscape(String s, int i) {
    return i + 2 < s.length()
        && Character.digit(s.charAt(i + 1), 16) >= 0
        && Character.digit(s.charAt(i + 2), 16) >= 0;
  }

  private static boolean isLegal(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    // RFC 3986 unreserved, gen-delims except the IP-literal brackets, sub-delims and '%'.
    return "-._~:/?#@!$&'()*+,;=%".indexOf(c) >= 0;
  }
}
