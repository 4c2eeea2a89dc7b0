package org.smoothplayer.assets.origin;

import java.util.List;
import java.util.Locale;

/**
 * A parsed HTTP/1.x request line and header section.
 *
 * @param method the method token, case preserved
 * @param target the request target as sent (origin-form or absolute-form)
 * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1
 * @param headers header fields in order, names as sent
 * @param contentLength the request body length (0 when absent)
 */
record RequestHead(
    String method, String target, int minorVersion, List<Header> headers, long contentLength) {

  /** One header field. */
  record Header(String name, String value) {}

  RequestHead {
    headers = List.copyOf(headers);
  }

  /** Whether the connection stays open after the response (HTTP/1.1 default, 1.0 opt-in). */
  boolean keepAlive() {
    boolean close = false;
    boolean keepAlive = false;
    for (Header header : headers) {
      if (header.name().equalsIgnoreCase("Connection")) {
        for (String token : header.value().split(",")) {
          String option = token.strip().toLowerCase(Locale.ROOT);
          close |= option.equals("close");
          keepAlive |= option.equals("keep-alive");
        }
      }
    }
    if (close) {
      return false;
    }
    return minorVersion >= 1 || keepAlive;
  }

  /** The path part of the target (no query, no fragment), still percent-encoded. */
  String rawPath() {
    String path = target;
    if (!path.startsWith("/")) {
      // absolute-form: scheme "://" authority [path]
      int authority = path.indexOf("://") + 3;
      int slash = path.indexOf('/', authority);
      int query = path.indexOf('?', authority);
      if (slash < 0 || (query >= 0 && query < slash)) {
        return "/";
      }
      path = path.substring(slash);
    }
    int end = path.length();
    int query = path.indexOf('?');
    if (query >= 0) {
      end = query;
    }
    int fragment = path.indexOf('#');
    if (fragment >= 0 && fragment < end) {
      end = fragment;
    }
    return path.substring(0, end);
  }
}
