package org.smoothplayer.app.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Words for a failed transfer's I/O error, for viewers and QA logs: "connection refused by
 * 127.0.0.1:8080 (nothing listens there)" instead of {@code java.net.ConnectException: Failed to
 * connect to /127.0.0.1:8080}. Errors without a known shape keep their own message.
 */
final class NetworkErrors {
  private NetworkErrors() {}

  /** What went wrong talking to {@code uri}'s server, without the URL itself. */
  static String describe(IOException e, URI uri) {
    String server = hostAndPort(uri);
    String innermost = innermostMessage(e);
    if (e instanceof UnknownHostException) {
      return "unknown host " + host(uri) + " (the name does not resolve)";
    }
    if (e instanceof NoRouteToHostException) {
      return "no route to " + server + " (" + innermost + ")";
    }
    if (e instanceof ConnectException) {
      if (containsIgnoringCase(innermost, "refused")) {
        return "connection refused by " + server + " (nothing listens there)";
      }
      return "cannot connect to " + server + " (" + innermost + ")";
    }
    if (e instanceof SSLException) {
      return "TLS with " + server + " failed (" + innermost + ")";
    }
    if (e instanceof SocketException && containsIgnoringCase(innermost, "reset")) {
      return "connection reset by " + server;
    }
    if (e instanceof EOFException
        || (e instanceof ProtocolException && containsIgnoringCase(innermost, "end of stream"))
        || containsIgnoringCase(e.getMessage(), "unexpected end of stream")) {
      return "the connection to "
          + server
          + " closed before the response was complete ("
          + innermost
          + ")";
    }
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : message + " (" + kind + ")";
  }

  private static String host(URI uri) {
    return uri.getHost() == null ? String.valueOf(uri.getAuthority()) : uri.getHost();
  }

  private static String hostAndPort(URI uri) {
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    return host(uri) + ":" + port;
  }

  /** The message of the deepest cause that has one (the operating system's words), or the type. */
  private static String innermostMessage(Throwable e) {
    String found = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        found = t.getMessage();
      }
    }
    return found == null ? e.getClass().getSimpleName() : found;
  }

  private static boolean containsIgnoringCase(@Nullable String text, String part) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(part);
  }
}
