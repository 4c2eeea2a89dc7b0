package org.smoothplayer.assets.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour of the shared link, measured on the client side: these assert what the shaper does
 * (capacity, sharing, trace steps, latency), with tolerances far wider than our own overhead.
 */
class LocalOriginShapingTest {
  private static final int MEGABYTE = 1_000_000;

  @TempDir Path root;

  @BeforeEach
  void write_a_one_megabyte_and_a_one_and_a_half_megabyte_file() throws IOException {
    Files.write(root.resolve("one-mb"), new byte[MEGABYTE]);
    Files.write(root.resolve("one-and-a-half-mb"), new byte[MEGABYTE * 3 / 2]);
  }

  @Test
  void a_constant_2_mbps_link_carries_one_megabyte_in_4_seconds() throws Exception {
    try (LocalOrigin origin = LocalOrigin.builder(root).linkTrace(LinkTrace.constant(2)).start();
        RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response response = http.get("/one-mb");

      assertThat(response.body()).hasSize(MEGABYTE);
      assertThat(seconds(response.endNanos())).isBetween(3.6, 4.4);
    }
  }

  @Test
  void two_clients_at_once_share_a_4_mbps_link_and_both_take_about_4_seconds() throws Exception {
    try (LocalOrigin origin = LocalOrigin.builder(root).linkTrace(LinkTrace.constant(4)).start();
        RawHttp first = new RawHttp(origin.port());
        RawHttp second = new RawHttp(origin.port())) {
      CountDownLatch ready = new CountDownLatch(2);
      CompletableFuture<RawHttp.Response> a = download(first, ready);
      CompletableFuture<RawHttp.Response> b = download(second, ready);
      RawHttp.Response responseA = a.get(20, TimeUnit.SECONDS);
      RawHttp.Response responseB = b.get(20, TimeUnit.SECONDS);

      // Alone, each would take 2 s; sharing the one link, both take about 4 s.
      assertThat(responseA.body()).hasSize(MEGABYTE);
      assertThat(responseB.body()).hasSize(MEGABYTE);
      assertThat(seconds(responseA.endNanos())).isBetween(3.4, 4.6);
      assertThat(seconds(responseB.endNanos())).isBetween(3.4, 4.6);
    }
  }

  @Test
  void a_trace_of_1_second_at_8_mbps_then_4_mbps_gives_the_expected_time() throws Exception {
    Path trace = root.resolve("step.trace");
    Files.writeString(trace, "0\t0\r\n1\t8\r\n100\t4\r\n");
    LinkTrace stepTrace = LinkTrace.parse(trace);
    long beforeStart = System.nanoTime();
    try (LocalOrigin origin = LocalOrigin.builder(root).linkTrace(stepTrace).start();
        RawHttp http = new RawHttp(origin.port())) {
      double requestOffsetSeconds = seconds(System.nanoTime() - beforeStart);
      RawHttp.Response response = http.get("/one-and-a-half-mb");

      // The link clock starts with the origin. Requested at offset r < 1 s, 1.5 MB takes
      // (1 - r) s at 8 Mbps (1 MB/s) and the rest at 4 Mbps (0.5 MB/s): 2 + r seconds. All at
      // 4 Mbps it would take 3 s, all at 8 Mbps 1.5 s.
      assertThat(response.body()).hasSize(MEGABYTE * 3 / 2);
      assertThat(seconds(response.endNanos()))
          .isBetween(2.0 * 0.93, (2.0 + requestOffsetSeconds) * 1.1);
    }
  }

  @Test
  void added_latency_delays_the_first_byte() throws Exception {
    try (LocalOrigin origin = LocalOrigin.builder(root).latencyMs(300).start();
        RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response first = http.get("/one-mb");
      RawHttp.Response second = http.get("/one-mb");

      assertThat(seconds(first.headNanos())).isGreaterThanOrEqualTo(0.3);
      assertThat(seconds(second.headNanos())).isGreaterThanOrEqualTo(0.3);
      assertThat(second.body()).hasSize(MEGABYTE);
    }
  }

  private static CompletableFuture<RawHttp.Response> download(RawHttp http, CountDownLatch ready) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            ready.countDown();
            ready.await();
            return http.get("/one-mb");
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        },
        runnable -> new Thread(runnable, "shaping-test-client").start());
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
