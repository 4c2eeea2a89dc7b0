package org.smoothplayer.app.net;

import java.time.Duration;

/**
 * Settings of an {@link HttpFetcher}.
 *
 * @param connectTimeout time to establish a connection
 * @param readTimeout longest silence while reading headers or body
 * @param callTimeout whole transfer, redirects included (0 = none)
 * @param maxRedirects redirects followed before {@link FetchException.Kind#TOO_MANY_REDIRECTS}
 * @param maxBodyBytes largest body accepted (checked against Content-Length, then while reading)
 * @param userAgent the User-Agent header
 */
public record HttpFetcherConfig(
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    int maxRedirects,
    long maxBodyBytes,
    String userAgent) {

  /** Default {@link #connectTimeout()}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default {@link #readTimeout()}. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  /** Default {@link #callTimeout()}. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

  /** Default {@link #maxRedirects()}. */
  public static final int DEFAULT_MAX_REDIRECTS = 5;

  /** Default {@link #maxBodyBytes()}: 64 MiB, far above any fragment or manifest. */
  public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

  /** Default {@link #userAgent()}. */
  public static final String DEFAULT_USER_AGENT = "SmoothPlayer/0.1";

  public HttpFetcherConfig {
    if (connectTimeout.isNegative()
        || readTimeout.isNegative()
        || callTimeout.isNegative()
        || maxRedirects < 0
        || maxBodyBytes <= 0
        || maxBodyBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(
          "timeouts must be >= 0, maxRedirects >= 0, maxBodyBytes in 1..2^31-17");
    }
  }

  /** The defaults. */
  public static HttpFetcherConfig defaults() {
    return new HttpFetcherConfig(
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_CALL_TIMEOUT,
        DEFAULT_MAX_REDIRECTS,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_USER_AGENT);
  }

  /** A copy with other timeouts. */
  public HttpFetcherConfig withTimeouts(Duration connect, Duration read, Duration call) {
    return new HttpFetcherConfig(connect, read, call, maxRedirects, maxBodyBytes, userAgent);
  }

  /** A copy with another body cap. */
  public HttpFetcherConfig withMaxBodyBytes(long bytes) {
    return new HttpFetcherConfig(
        connectTimeout, readTimeout, callTimeout, maxRedirects, bytes, userAgent);
  }

  /** A copy with another redirect limit. */
  public HttpFetcherConfig withMaxRedirects(int redirects) {
    return new HttpFetcherConfig(
        connectTimeout, readTimeout, callTimeout, redirects, maxBodyBytes, userAgent);
  }
}
