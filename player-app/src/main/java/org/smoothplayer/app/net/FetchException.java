package org.smoothplayer.app.net;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/** A transfer that did not deliver a body; {@link #kind()} says why. */
public final class FetchException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a transfer failed. */
  public enum Kind {
    /** The URL cannot be parsed. */
    INVALID_URL,
    /** The URL is not http or https. */
    UNSUPPORTED_SCHEME,
    /** The server answered with a status other than 2xx (redirects not followed included). */
    HTTP_STATUS,
    /** More redirects than the configured limit. */
    TOO_MANY_REDIRECTS,
    /** The body is larger than the configured cap. */
    BODY_TOO_LARGE,
    /** A connect, read or whole-call timeout expired. */
    TIMEOUT,
    /** The transfer was cancelled. */
    CANCELLED,
    /** Any other I/O failure (connection refused, reset, DNS, TLS). */
    IO
  }

  private final Kind kind;
  private final long retryAfterMs;
  private final URI uri;
  private final int status;
  private final String detail;

  /**
   * Creates an exception.
   *
   * @param kind why it failed
   * @param uri the URL concerned (the last one tried)
   * @param status the HTTP status, or 0 when there was no response
   * @param detail what happened and what was expected
   * @param cause the underlying exception, or null
   */
  public FetchException(Kind kind, URI uri, int status, String detail, @Nullable Throwable cause) {
    this(kind, uri, status, detail, cause, -1);
  }

  /**
   * Creates an exception carrying the server's Retry-After.
   *
   * @param retryAfterMs the Retry-After delay in milliseconds, -1 when none
   */
  public FetchException(
      Kind kind, URI uri, int status, String detail, @Nullable Throwable cause, long retryAfterMs) {
    super(kind + " " + uri + ": " + detail, cause);
    this.retryAfterMs = retryAfterMs;
    this.kind = kind;
    this.uri = uri;
    this.status = status;
    this.detail = detail;
  }

  /** The server's Retry-After delay in milliseconds (503, 429), -1 when it gave none. */
  public long retryAfterMs() {
    return retryAfterMs;
  }

  /** Why the transfer failed. */
  public Kind kind() {
    return kind;
  }

  /** The URL concerned. */
  public URI uri() {
    return uri;
  }

  /** The HTTP status, or 0 when there was no response. */
  public int status() {
    return status;
  }

  /** What happened and what was expected, without the kind and the URL the message starts with. */
  public String detail() {
    return detail;
  }

  /**
   * A sentence for a viewer about fetching {@code what} from {@code requested}: "cannot fetch WHAT
   * URL: DETAIL", naming the URL that failed too when a redirect led elsewhere.
   */
  public String describe(String what, String requested) {
    String elsewhere = uri.toString().equals(requested) ? "" : " (at " + uri + ")";
    return "cannot fetch the " + what + " " + requested + elsewhere + ": " + detail;
  }
}
