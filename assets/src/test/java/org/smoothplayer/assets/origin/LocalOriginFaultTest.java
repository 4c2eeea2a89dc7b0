package org.smoothplayer.assets.origin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per fault kind, each showing exactly what a client sees. */
class LocalOriginFaultTest {
  private static final String FRAGMENT = "/QualityLevels(300000)/Fragments(video=20000000)";
  private static final int FRAGMENT_BYTES = 200_000;

  @TempDir Path root;
  private byte[] fragment;

  @BeforeEach
  void write_a_manifest_and_one_fragment() throws IOException {
    Files.writeString(root.resolve("Manifest"), "<SmoothStreamingMedia/>");
    Path level = Files.createDirectories(root.resolve("QualityLevels(300000)"));
    fragment = new byte[FRAGMENT_BYTES];
    new Random(3).nextBytes(fragment);
    Files.write(level.resolve("Fragments(video=20000000)"), fragment);
  }

  @Test
  void status_404_and_500_replace_the_file() throws Exception {
    try (LocalOrigin origin = origin("Fragments=404", "Manifest=500");
        RawHttp http = new RawHttp(origin.port())) {
      assertThat(http.get(FRAGMENT).status()).isEqualTo(404);
      assertThat(http.get("/Manifest").status()).isEqualTo(500);
      // Status faults keep the connection usable.
      assertThat(http.get(FRAGMENT).status()).isEqualTo(404);
    }
  }

  @Test
  void status_503_carries_retry_after() throws Exception {
    try (LocalOrigin origin = origin("Manifest=503");
        RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response response = http.get("/Manifest");

      assertThat(response.status()).isEqualTo(503);
      assertThat(response.head().headers()).containsEntry("retry-after", "1");
    }
  }

  @Test
  void status_429_carries_retry_after_and_names_the_status() throws Exception {
    try (LocalOrigin origin = origin("Manifest=429@1");
        RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response response = http.get("/Manifest");

      assertThat(response.status()).isEqualTo(429);
      assertThat(response.head().headers()).containsEntry("retry-after", "1");
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("Too Many Requests");
      // The budget of one is spent: the next request gets the file.
      assertThat(http.get("/Manifest").status()).isEqualTo(200);
    }
  }

  @Test
  void reset_fails_the_clients_read_with_connection_reset_after_part_of_the_body()
      throws Exception {
    try (LocalOrigin origin = origin("video=reset");
        RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response response = http.get(FRAGMENT);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.head().contentLength()).isEqualTo(FRAGMENT_BYTES);
      assertThat(response.body()).isNotEmpty().hasSizeLessThan(FRAGMENT_BYTES);
      assertThat(response.body())
          .isEqualTo(java.util.Arrays.copyOf(fragment, response.body().length));
      assertThat(response.failure())
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
  }

  @Test
  void truncate_sends_fewer_bytes_than_content_length_then_end_of_stream() throws Exception {
    try (LocalOrigin origin = origin("video=truncate");
        RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response response = http.get(FRAGMENT);

      assertThat(response.head().contentLength()).isEqualTo(FRAGMENT_BYTES);
      assertThat(response.body()).hasSize(FRAGMENT_BYTES / 2);
      assertThat(response.failure()).isInstanceOf(EOFException.class);
    }
  }

  @Test
  void stall_pauses_mid_body_then_completes_it() throws Exception {
    try (LocalOrigin origin = origin("video=stall:1");
        RawHttp http = new RawHttp(origin.port())) {
      http.request("GET", FRAGMENT);
      RawHttp.Head head = http.readHead();
      java.io.InputStream in = socketInput(http);
      byte[] body = new byte[FRAGMENT_BYTES];
      int received = 0;
      double longestGapSeconds = 0;
      int receivedBeforeGap = 0;
      long last = System.nanoTime();
      while (received < body.length) {
        int n = in.read(body, received, body.length - received);
        assertThat(n).isPositive();
        long now = System.nanoTime();
        if ((now - last) / 1e9 > longestGapSeconds) {
          longestGapSeconds = (now - last) / 1e9;
          receivedBeforeGap = received;
        }
        last = now;
        received += n;
      }

      assertThat(head.status()).isEqualTo(200);
      assertThat(body).isEqualTo(fragment);
      assertThat(longestGapSeconds).isBetween(0.9, 2.0);
      assertThat(receivedBeforeGap).isPositive().isLessThan(FRAGMENT_BYTES);
      // The connection goes on after a stall.
      assertThat(http.get("/Manifest").status()).isEqualTo(200);
    }
  }

  @Test
  void close_ends_a_stalled_response_promptly() throws Exception {
    LocalOrigin origin = origin("video=stall:60");
    try (RawHttp http = new RawHttp(origin.port())) {
      http.request("GET", FRAGMENT);
      assertThat(http.readHead().status()).isEqualTo(200);

      long start = System.nanoTime();
      origin.close();
      double closeSeconds = (System.nanoTime() - start) / 1e9;

      assertThat(closeSeconds).isLessThan(5.0);
      assertThat(Thread.getAllStackTraces().keySet())
          .noneMatch(thread -> thread.getName().startsWith("origin-" + origin.port() + "-"));
    }
  }

  @Test
  void slow_delays_the_first_byte_only_on_matching_paths() throws Exception {
    try (LocalOrigin origin = origin("Manifest=slow:400");
        RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response slow = http.get("/Manifest");
      RawHttp.Response normal = http.get(FRAGMENT);

      assertThat(slow.status()).isEqualTo(200);
      assertThat(slow.headNanos() / 1e6).isGreaterThanOrEqualTo(400);
      assertThat(normal.headNanos() / 1e6).isLessThan(400);
      assertThat(normal.body()).isEqualTo(fragment);
    }
  }

  @Test
  void a_count_limits_the_fault_to_the_first_n_matching_requests() throws Exception {
    try (LocalOrigin origin = origin("Manifest=503@2");
        RawHttp http = new RawHttp(origin.port())) {
      assertThat(http.get(FRAGMENT).status()).isEqualTo(200); // not matching: budget untouched
      assertThat(http.get("/Manifest").status()).isEqualTo(503);
      assertThat(http.get("/Manifest").status()).isEqualTo(503);
      assertThat(http.get("/Manifest").status()).isEqualTo(200);
      assertThat(http.get("/Manifest").status()).isEqualTo(200);
    }
  }

  @Test
  void faults_set_on_a_running_origin_apply_to_the_next_requests_and_can_be_removed()
      throws Exception {
    try (LocalOrigin origin = origin("Manifest=503@1");
        RawHttp http = new RawHttp(origin.port())) {
      origin.setFaults(List.of(FaultRule.parse("Manifest=500")));
      assertThat(http.get("/Manifest").status()).as("the old rule is gone").isEqualTo(500);
      assertThat(http.get("/Manifest").status()).isEqualTo(500);
      // The rule's text, not the bare status: the temporary root's name may hold any digits.
      assertThat(origin.describe()).contains("Manifest=500").doesNotContain("Manifest=503");

      origin.setFaults(List.of(FaultRule.parse("Manifest=404@1")));
      assertThat(http.get("/Manifest").status())
          .as("a budget counts from the change")
          .isEqualTo(404);
      assertThat(http.get("/Manifest").status()).isEqualTo(200);

      origin.setFaults(List.of());
      assertThat(http.get("/Manifest").text()).isEqualTo("<SmoothStreamingMedia/>");
      assertThat(origin.describe()).contains("faults: none");
    }
  }

  @Test
  void the_first_matching_rule_with_budget_left_wins() throws Exception {
    try (LocalOrigin origin = origin("Fragments=500@1", "video=404@1", "QualityLevels=truncate@1");
        RawHttp http = new RawHttp(origin.port())) {
      assertThat(http.get(FRAGMENT).status()).isEqualTo(500);
      assertThat(http.get(FRAGMENT).status()).isEqualTo(404);
      RawHttp.Response truncated = http.get(FRAGMENT);
      assertThat(truncated.body()).hasSize(FRAGMENT_BYTES / 2);
    }
    try (LocalOrigin origin = origin("Fragments=500@1", "video=404@1");
        RawHttp http = new RawHttp(origin.port())) {
      http.get(FRAGMENT);
      http.get(FRAGMENT);
      assertThat(http.get(FRAGMENT).body()).isEqualTo(fragment);
    }
  }

  @Test
  void non_matching_paths_are_unaffected_by_any_fault() throws Exception {
    try (LocalOrigin origin =
            origin("Fragments(audio=reset", "QualityLevels(999=503", "nothing-here=stall:5");
        RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response response = http.get(FRAGMENT);
      RawHttp.Response manifest = http.get("/Manifest");

      assertThat(response.body()).isEqualTo(fragment);
      assertThat(response.failure()).isNull();
      assertThat(manifest.text()).isEqualTo("<SmoothStreamingMedia/>");
    }
  }

  @Test
  void faults_are_matched_on_the_decoded_path_and_written_to_the_request_log() throws Exception {
    Path log = root.resolve("requests.jsonl");
    try (LocalOrigin origin =
            LocalOrigin.builder(root)
                .fault(FaultRule.parse("Fragments(video=20000000)=truncate@1"))
                .requestLog(log)
                .start();
        RawHttp http = new RawHttp(origin.port())) {
      http.get("/QualityLevels%28300000%29/Fragments%28video%3D20000000%29");
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    JsonNode entry = new ObjectMapper().readTree(lines.get(0));

    assertThat(lines).hasSize(1);
    assertThat(entry.get("path").asText()).isEqualTo(FRAGMENT);
    assertThat(entry.get("status").asInt()).isEqualTo(200);
    assertThat(entry.get("bytes").asLong()).isEqualTo(FRAGMENT_BYTES / 2);
    assertThat(entry.get("fault").asText()).isEqualTo("truncate");
    assertThat(entry.get("fault_rule").asText()).isEqualTo("Fragments(video=20000000)=truncate@1");
  }

  private LocalOrigin origin(String... rules) throws IOException {
    LocalOrigin.Builder builder = LocalOrigin.builder(root);
    for (String rule : rules) {
      builder.fault(FaultRule.parse(rule));
    }
    return builder.start();
  }

  private static java.io.InputStream socketInput(RawHttp http) {
    return http.input();
  }
}
