package org.smoothplayer.app.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.net.FetchException.Kind;

/** Seam tests of {@link HttpFetcher} against a real loopback server (OkHttp's MockWebServer). */
class HttpFetcherTest {
  private MockWebServer server;
  private final AtomicLong ticks = new AtomicLong();
  private final TimeSource countingClock = () -> ticks.addAndGet(1000);
  private HttpFetcher fetcher;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    fetcher = new HttpFetcher(HttpFetcherConfig.defaults(), countingClock);
  }

  @AfterEach
  void stop() throws IOException {
    fetcher.close();
    server.shutdown();
  }

  private URI url(String path) {
    return server.url(path).uri();
  }

  private static FetchException failure(ThrowingCallable call) {
    FetchException[] caught = new FetchException[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(FetchException.class, e -> caught[0] = e);
    return caught[0];
  }

  @Test
  void a_get_returns_the_body_status_and_timings_from_the_injected_clock() throws Exception {
    server.enqueue(new MockResponse().setBody("hello").setHeader("Content-Type", "text/plain"));
    FetchResult r = fetcher.fetch(url("/a.ism/Manifest?x=1"));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("text/plain");
    assertThat(r.finalUri()).isEqualTo(url("/a.ism/Manifest?x=1"));
    assertThat(r.redirects()).isZero();
    assertThat(r.requestStartNs()).isEqualTo(1000);
    assertThat(r.firstByteNs()).isEqualTo(2000);
    assertThat(r.endNs()).isEqualTo(3000);
    assertThat(r.totalNs()).isEqualTo(2000);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getHeader("Accept-Encoding")).isEqualTo("identity");
    assertThat(request.getHeader("User-Agent")).isEqualTo(HttpFetcherConfig.DEFAULT_USER_AGENT);
  }

  @Test
  void redirects_are_followed_and_the_final_url_reported() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/b/Manifest"));
    server.enqueue(
        new MockResponse().setResponseCode(301).setHeader("Location", "../c.ism/Manifest"));
    server.enqueue(new MockResponse().setBody("final"));
    FetchResult r = fetcher.fetch(url("/a/Manifest"));
    assertThat(r.finalUri()).isEqualTo(url("/c.ism/Manifest"));
    assertThat(r.requestedUri()).isEqualTo(url("/a/Manifest"));
    assertThat(r.redirects()).isEqualTo(2);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("final");
  }

  @Test
  void five_redirects_are_followed_and_a_sixth_is_refused() throws Exception {
    for (int i = 0; i < 5; i++) {
      server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", "/r" + i));
    }
    server.enqueue(new MockResponse().setBody("ok"));
    assertThat(fetcher.fetch(url("/start")).redirects()).isEqualTo(5);

    for (int i = 0; i < 6; i++) {
      server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/loop" + i));
    }
    FetchException e = failure(() -> fetcher.fetch(url("/start")));
    assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
    assertThat(e.getMessage()).contains("more than 5 redirects");
  }

  @Test
  void a_redirect_to_another_scheme_is_not_followed() {
    server.enqueue(
        new MockResponse().setResponseCode(302).setHeader("Location", "file:/etc/passwd"));
    FetchException e = failure(() -> fetcher.fetch(url("/m")));
    assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
    assertThat(e.status()).isEqualTo(302);
    assertThat(e.getMessage()).contains("not followed; only http and https");
  }

  @Test
  void an_error_status_is_a_typed_failure_with_status_and_url() {
    server.enqueue(new MockResponse().setResponseCode(404).setBody("nope"));
    FetchException e = failure(() -> fetcher.fetch(url("/QualityLevels(1)/Fragments(video=0)")));
    assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.uri()).isEqualTo(url("/QualityLevels(1)/Fragments(video=0)"));
    assertThat(e.getMessage()).contains("HTTP 404").contains("expected a 2xx status");
  }

  @Test
  void only_http_and_https_urls_are_accepted() {
    assertThat(failure(() -> fetcher.newFetch(URI.create("file:/etc/passwd"))).kind())
        .isEqualTo(Kind.UNSUPPORTED_SCHEME);
    assertThat(failure(() -> fetcher.newFetch(URI.create("ftp://127.0.0.1/x"))).kind())
        .isEqualTo(Kind.UNSUPPORTED_SCHEME);
    assertThat(failure(() -> fetcher.newFetch(URI.create("relative/path"))).kind())
        .isEqualTo(Kind.UNSUPPORTED_SCHEME);
  }

  @Test
  void a_declared_length_above_the_cap_is_refused_before_reading() throws Exception {
    HttpFetcher capped =
        new HttpFetcher(HttpFetcherConfig.defaults().withMaxBodyBytes(1000), countingClock);
    try {
      server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[1001])));
      FetchException e = failure(() -> capped.fetch(url("/big")));
      assertThat(e.kind()).isEqualTo(Kind.BODY_TOO_LARGE);
      assertThat(e.getMessage())
          .contains("Content-Length 1001 exceeds the cap of 1000 bytes; body not read");
      server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[1000])));
      assertThat(capped.fetch(url("/exact")).bodyBytes()).isEqualTo(1000);
    } finally {
      capped.close();
    }
  }

  @Test
  void an_undeclared_length_above_the_cap_is_refused_while_reading() {
    HttpFetcher capped =
        new HttpFetcher(HttpFetcherConfig.defaults().withMaxBodyBytes(1000), countingClock);
    try {
      server.enqueue(new MockResponse().setChunkedBody(new Buffer().write(new byte[5000]), 100));
      FetchException e = failure(() -> capped.fetch(url("/chunked")));
      assertThat(e.kind()).isEqualTo(Kind.BODY_TOO_LARGE);
      assertThat(e.getMessage()).contains("body exceeds the cap of 1000 bytes; stopped reading");
    } finally {
      capped.close();
    }
  }

  @Test
  void a_silent_server_hits_the_read_timeout() {
    HttpFetcher impatient =
        new HttpFetcher(
            HttpFetcherConfig.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(5)),
            countingClock);
    try {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
      FetchException e = failure(() -> impatient.fetch(url("/slow")));
      assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    } finally {
      impatient.close();
    }
  }

  @Test
  void the_call_timeout_bounds_a_slowly_trickling_body() {
    HttpFetcher bounded =
        new HttpFetcher(
            HttpFetcherConfig.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(300)),
            countingClock);
    try {
      server.enqueue(
          new MockResponse()
              .setBody(new Buffer().write(new byte[10_000]))
              .throttleBody(100, 50, TimeUnit.MILLISECONDS));
      FetchException e = failure(() -> bounded.fetch(url("/trickle")));
      assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    } finally {
      bounded.close();
    }
  }

  @Test
  void a_blocking_fetch_cancelled_from_another_thread_fails_as_cancelled() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    Fetch fetch = fetcher.newFetch(url("/held"));
    CompletableFuture<Throwable> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                fetch.execute();
                return new AssertionError("completed");
              } catch (FetchException e) {
                return e;
              }
            });
    server.takeRequest(); // The request is on the wire: now cancel it.
    fetch.cancel();
    Throwable t = outcome.get(10, TimeUnit.SECONDS);
    assertThat(t)
        .isInstanceOfSatisfying(
            FetchException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
    assertThat(fetch.isCancelled()).isTrue();
  }

  @Test
  void an_async_fetch_delivers_its_result_to_the_callback() throws Exception {
    server.enqueue(new MockResponse().setBody("async"));
    CompletableFuture<FetchResult> done = new CompletableFuture<>();
    fetcher
        .newFetch(url("/async"))
        .enqueue(
            new FetchCallback() {
              @Override
              public void onSuccess(FetchResult result) {
                done.complete(result);
              }

              @Override
              public void onFailure(FetchException failure) {
                done.completeExceptionally(failure);
              }
            });
    assertThat(new String(done.get(10, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8))
        .isEqualTo("async");
  }

  @Test
  void a_fetch_cancelled_before_it_starts_fails_as_cancelled_and_runs_once() throws Exception {
    Fetch fetch = fetcher.newFetch(url("/never"));
    fetch.cancel();
    assertThat(failure(fetch::execute).kind()).isEqualTo(Kind.CANCELLED);
    assertThatThrownBy(fetch::execute).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_refused_connection_is_an_io_failure_named_in_words() throws IOException {
    URI closed = url("/x");
    server.shutdown();
    FetchException e = failure(() -> fetcher.fetch(closed));
    assertThat(e.kind()).isEqualTo(Kind.IO);
    assertThat(e.status()).isZero();
    assertThat(e.detail())
        .isEqualTo(
            "connection refused by "
                + closed.getHost()
                + ":"
                + closed.getPort()
                + " (nothing listens there)");
  }
}
