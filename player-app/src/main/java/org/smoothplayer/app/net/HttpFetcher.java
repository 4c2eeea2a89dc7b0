package org.smoothplayer.app.net;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Small HTTP client over OkHttp for manifests and fragments: timed GETs with a redirect limit, a
 * body cap, timeouts and cancellation, and typed failures.
 *
 * <p>Only {@code http} and {@code https} are accepted, also as redirect targets. Bodies are asked
 * for with {@code Accept-Encoding: identity} (no transparent gzip), so the bytes counted are the
 * bytes on the wire. One instance holds one connection pool; share it and {@link #close()} it when
 * done. Thread-safe.
 */
public final class HttpFetcher implements AutoCloseable {
  private final HttpFetcherConfig config;
  private final TimeSource time;
  private final OkHttpClient client;

  /** A fetcher with {@link HttpFetcherConfig#defaults()} and the system clock. */
  public HttpFetcher() {
    this(HttpFetcherConfig.defaults(), TimeSource.system());
  }

  /** A fetcher with the given settings and time source. */
  public HttpFetcher(HttpFetcherConfig config, TimeSource time) {
    this.config = config;
    this.time = time;
    this.client =
        new OkHttpClient.Builder()
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .writeTimeout(config.readTimeout())
            .callTimeout(config.callTimeout())
            .followRedirects(false)
            .followSslRedirects(false)
            .addInterceptor(new RedirectInterceptor(config.maxRedirects()))
            .build();
  }

  /** The settings in force. */
  public HttpFetcherConfig config() {
    return config;
  }

  TimeSource time() {
    return time;
  }

  OkHttpClient client() {
    return client;
  }

  /**
   * Prepares a GET of {@code uri}; nothing is sent until {@link Fetch#execute()} or {@link
   * Fetch#enqueue}.
   *
   * @throws FetchException of kind {@link FetchException.Kind#UNSUPPORTED_SCHEME} or {@link
   *     FetchException.Kind#INVALID_URL}
   */
  public Fetch newFetch(URI uri) throws FetchException {
    return newFetch(uri, Long.MAX_VALUE);
  }

  /**
   * Like {@link #newFetch(URI)} with a body cap of its own (the smaller of it and the fetcher's cap
   * applies): a fragment larger than its level's bitrate allows is refused before it is buffered.
   */
  public Fetch newFetch(URI uri, long maxBodyBytes) throws FetchException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException(
          FetchException.Kind.UNSUPPORTED_SCHEME,
          uri,
          0,
          "scheme \"" + scheme + "\" is not supported; expected an http or https URL",
          null);
    }
    HttpUrl url = HttpUrl.parse(uri.toString());
    if (url == null) {
      throw new FetchException(
          FetchException.Kind.INVALID_URL, uri, 0, "not a valid http(s) URL", null);
    }
    Request request =
        new Request.Builder()
            .url(url)
            .get()
            .header("Accept-Encoding", "identity")
            .header("User-Agent", config.userAgent())
            .tag(RedirectCount.class, new RedirectCount())
            .build();
    return new Fetch(this, uri, client.newCall(request), maxBodyBytes);
  }

  /** Fetches {@code uri} on the calling thread. */
  public FetchResult fetch(URI uri) throws FetchException {
    return newFetch(uri).execute();
  }

  /** Stops the dispatcher threads and closes idle connections. */
  @Override
  public void close() {
    client.dispatcher().cancelAll();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** Number of redirects a call followed; written by the call's thread before the result. */
  static final class RedirectCount {
    volatile int value;
  }

  /** Thrown inside OkHttp's chain when the redirect limit is reached. */
  static final class TooManyRedirectsException extends IOException {
    private static final long serialVersionUID = 1L;

    TooManyRedirectsException(int limit, HttpUrl next) {
      super("more than " + limit + " redirects (next would be " + next + ")");
    }
  }

  /** Follows redirects itself, so the limit and the allowed schemes are ours. */
  private static final class RedirectInterceptor implements Interceptor {
    private final int maxRedirects;

    RedirectInterceptor(int maxRedirects) {
      this.maxRedirects = maxRedirects;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      Response response = chain.proceed(request);
      int hops = 0;
      while (isRedirect(response.code())) {
        String location = response.header("Location");
        HttpUrl next = location == null ? null : response.request().url().resolve(location);
        if (next == null) {
          return response; // Not followable (no Location, or not http/https): reported as status.
        }
        if (hops == maxRedirects) {
          response.close();
          throw new TooManyRedirectsException(maxRedirects, next);
        }
        hops++;
        response.close();
        RedirectCount count = request.tag(RedirectCount.class);
        if (count != null) {
          count.value = hops;
        }
        request = request.newBuilder().url(next).get().build();
        response = chain.proceed(request);
      }
      return response;
    }

    private static boolean isRedirect(int code) {
      return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }
  }
}
