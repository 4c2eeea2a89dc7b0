package org.smoothplayer.assets.origin;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads one HTTP/1.x request head from a stream, within fixed limits; refuses anything malformed
 * with the matching status (400, 405, 413, 414, 431, 501, 505). Stateless.
 */
final class RequestReader {
  /** Longest request line, in bytes (longer: 414). */
  static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;

  /** Longest single header line, in bytes (longer: 431). */
  static final int MAX_HEADER_LINE_BYTES = 8 * 1024;

  /** Largest header section, in bytes (larger: 431). */
  static final int MAX_HEADER_SECTION_BYTES = 32 * 1024;

  /** Most header fields (more: 431). */
  static final int MAX_HEADER_COUNT = 100;

  /** Largest request body the origin reads and discards (larger: 413). */
  static final long MAX_DISCARDED_BODY_BYTES = 64 * 1024;

  /** Empty lines tolerated before a request line (robustness, RFC 9112 section 2.2). */
  private static final int MAX_LEADING_EMPTY_LINES = 4;

  private RequestReader() {}

  /**
   * Reads the next request head, or returns null when the stream ends cleanly before a request. Any
   * request body (bounded) is read and discarded so the stream is at the next request.
   *
   * @throws HttpStatusException when the request is malformed or not acceptable
   * @throws EOFException when the stream ends in the middle of a request
   */
  static @Nullable RequestHead read(InputStream in) throws IOException, HttpStatusException {
    String requestLine = null;
    for (int empty = 0; empty <= MAX_LEADING_EMPTY_LINES; empty++) {
      requestLine = readLine(in, MAX_REQUEST_LINE_BYTES, 414, empty == 0);
      if (requestLine == null) {
        return null;
      }
      if (!requestLine.isEmpty()) {
        break;
      }
    }
    if (requestLine == null || requestLine.isEmpty()) {
      throw new HttpStatusException(400, "no request line");
    }
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3) {
      throw new HttpStatusException(400, "request line is not METHOD SP TARGET SP VERSION");
    }
    String method = parts[0];
    String target = parts[1];
    int minorVersion = parseVersion(parts[2]);
    if (!isToken(method)) {
      throw new HttpStatusException(400, "method is not a token");
    }
    checkTarget(target);

    List<RequestHead.Header> headers = new ArrayList<>();
    int sectionBytes = 0;
    while (true) {
      String line = readLine(in, MAX_HEADER_LINE_BYTES, 431, false);
      if (line == null) {
        throw new EOFException("connection closed inside the header section");
      }
      if (line.isEmpty()) {
        break;
      }
      sectionBytes += line.length() + 2;
      if (sectionBytes > MAX_HEADER_SECTION_BYTES) {
        throw new HttpStatusException(
            431, "header section larger than " + MAX_HEADER_SECTION_BYTES);
      }
      if (headers.size() == MAX_HEADER_COUNT) {
        throw new HttpStatusException(431, "more than " + MAX_HEADER_COUNT + " header fields");
      }
      headers.add(parseHeader(line));
    }

    int hosts = 0;
    boolean transferEncoding = false;
    String contentLength = null;
    for (RequestHead.Header header : headers) {
      String name = header.name().toLowerCase(Locale.ROOT);
      switch (name) {
        case "host":
          hosts++;
          break;
        case "transfer-encoding":
          transferEncoding = true;
          break;
        case "content-length":
          if (contentLength != null && !contentLength.equals(header.value())) {
            throw new HttpStatusException(400, "conflicting Content-Length fields");
          }
          contentLength = header.value();
          break;
        default:
          break;
      }
    }
    if (minorVersion >= 1 && hosts != 1) {
      throw new HttpStatusException(400, "HTTP/1.1 request needs exactly one Host field");
    }
    if (transferEncoding) {
      if (contentLength != null) {
        throw new HttpStatusException(400, "both Transfer-Encoding and Content-Length");
      }
      throw new HttpStatusException(501, "request bodies with Transfer-Encoding are not supported");
    }
    long bodyBytes = 0;
    if (contentLength != null) {
      if (contentLength.isEmpty()
          || contentLength.length() > 18
          || !contentLength.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new HttpStatusException(400, "Content-Length is not a number");
      }
      bodyBytes = Long.parseLong(contentLength);
      if (bodyBytes > MAX_DISCARDED_BODY_BYTES) {
        throw new HttpStatusException(413, "request body larger than " + MAX_DISCARDED_BODY_BYTES);
      }
      discard(in, bodyBytes);
    }
    return new RequestHead(method, target, minorVersion, headers, bodyBytes);
  }

  private static int parseVersion(String version) throws HttpStatusException {
    if (version.length() != 8
        || !version.startsWith("HTTP/")
        || version.charAt(6) != '.'
        || !Character.isDigit(version.charAt(5))
        || !Character.isDigit(version.charAt(7))) {
      throw new HttpStatusException(400, "version is not HTTP/d.d");
    }
    if (version.charAt(5) != '1') {
      throw new HttpStatusException(505, "only HTTP/1.x is supported");
    }
    return version.charAt(7) == '0' ? 0 : 1;
  }

  private static void checkTarget(String target) throws HttpStatusException {
    if (target.isEmpty()) {
      throw new HttpStatusException(400, "empty request target");
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new HttpStatusException(400, "request target has a character outside visible ASCII");
      }
    }
    if (target.startsWith("/")) {
      return;
    }
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return;
    }
    throw new HttpStatusException(400, "request target is neither origin-form nor absolute-form");
  }

  private static RequestHead.Header parseHeader(String line) throws HttpStatusException {
    if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      throw new HttpStatusException(400, "obsolete line folding in the header section");
    }
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new HttpStatusException(400, "header line without a field name and ':'");
    }
    String name = line.substring(0, colon);
    if (!isToken(name)) {
      throw new HttpStatusException(400, "header field name is not a token");
    }
    String value = line.substring(colon + 1).strip();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new HttpStatusException(400, "control character in a header value");
      }
    }
    return new RequestHead.Header(name, value);
  }

  private static boolean isToken(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads one line ending in CRLF (a bare LF is tolerated), without the line ending, as ISO-8859-1.
   * Returns null on end of stream before the first byte when {@code eofAllowed}.
   */
  private static @Nullable String readLine(
      InputStream in, int maxBytes, int tooLongStatus, boolean eofAllowed)
      throws IOException, HttpStatusException {
    byte[] buffer = new byte[256];
    int length = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (length == 0 && eofAllowed) {
          return null;
        }
        throw new EOFException("connection closed inside a request line");
      }
      if (b == '\n') {
        break;
      }
      if (length == maxBytes) {
        throw new HttpStatusException(tooLongStatus, "line longer than " + maxBytes + " bytes");
      }
      if (length == buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, Math.min(maxBytes, buffer.length * 2));
      }
      buffer[length++] = (byte) b;
    }
    if (length > 0 && buffer[length - 1] == '\r') {
      length--;
    }
    for (int i = 0; i < length; i++) {
      if (buffer[i] == '\r') {
        throw new HttpStatusException(400, "bare CR in a line");
      }
    }
    return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
  }

  private static void discard(InputStream in, long bytes) throws IOException {
    long left = bytes;
    byte[] sink = new byte[4096];
    while (left > 0) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) {
        throw new EOFException("connection closed inside the request body");
      }
      left -= n;
    }
  }
}
