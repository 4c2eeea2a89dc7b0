package org.smoothplayer.app.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP relay in front of the local origin, for faults the origin has no rule for: it
 * forwards every GET, and a test can have the next few {@code /Manifest}s the origin answers with
 * 200 served rewritten (a refresh answered with an HTML page, a manifest that lost a stream).
 */
final class ManifestRelay implements AutoCloseable {
  /** What the relay serves instead of one manifest the origin answered with 200. */
  record Answer(String contentType, byte[] body) {}

  /** The replacement of one manifest the origin answered (its body given). */
  @FunctionalInterface
  interface Rewrite {
    Answer rewrite(byte[] originManifest);
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Rewrite rewrite;
  // Manifests still to rewrite: set by the test thread, counted down by relay threads.
  private final AtomicInteger rewritesLeft = new AtomicInteger();
  // Counters: written by relay threads, read by the test thread.
  private final AtomicInteger rewritten = new AtomicInteger();
  private final AtomicInteger relayedUnchanged = new AtomicInteger();
  // Written once by target() on the test thread before the engine opens; read by relay threads.
  private volatile URI origin = URI.create("http://127.0.0.1:1/");

  ManifestRelay(Rewrite rewrite) throws IOException {
    this.rewrite = rewrite;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Relays to the origin of {@code manifestUrl}; returns the relay's URL for that manifest. */
  URI target(URI manifestUrl) {
    origin = manifestUrl.resolve("/");
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + manifestUrl.getRawPath());
  }

  /** Engine options that play the same manifest through this relay. */
  EngineOptions route(EngineOptions options) {
    return options.withUrl(target(URI.create(options.url())).toString());
  }

  /** The next {@code count} manifests the origin answers with 200 are served rewritten. */
  void rewriteNext(int count) {
    rewritesLeft.set(count);
  }

  /** Manifests served rewritten. */
  int rewritten() {
    return rewritten.get();
  }

  /** Manifests the origin answered with 200 and the relay passed on unchanged. */
  int relayedUnchanged() {
    return relayedUnchanged.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      HttpResponse<byte[]> answer;
      try {
        answer =
            client.send(
                HttpRequest.newBuilder(origin.resolve(path + (query == null ? "" : "?" + query)))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        send(exchange, 502, "text/plain", new byte[0]);
        return;
      }
      String contentType =
          answer.headers().firstValue("Content-Type").orElse("application/octet-stream");
      byte[] body = answer.body();
      if (path.equalsIgnoreCase("/Manifest") && answer.statusCode() == 200) {
        if (rewritesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          Answer replaced = rewrite.rewrite(body);
          rewritten.incrementAndGet();
          contentType = replaced.contentType();
          body = replaced.body();
        } else {
          relayedUnchanged.incrementAndGet();
        }
      }
      send(exchange, answer.statusCode(), contentType, body);
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
