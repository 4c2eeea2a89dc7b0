package org.smoothplayer.assets.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalOriginServingTest {
  private static final String SECRET = "top secret, never served";

  @TempDir Path temp;
  private Path root;
  private byte[] fragment;
  private LocalOrigin origin;

  @BeforeEach
  void start_origin_on_a_made_up_presentation() throws IOException {
    root = Files.createDirectories(temp.resolve("presentation"));
    Files.writeString(temp.resolve("secret.txt"), SECRET);
    Files.writeString(root.resolve("Manifest"), "<SmoothStreamingMedia/>");
    Path level = Files.createDirectories(root.resolve("QualityLevels(300000)"));
    fragment = new byte[100_003];
    new Random(7).nextBytes(fragment);
    Files.write(level.resolve("Fragments(video=0)"), fragment);
    Files.write(level.resolve("Fragments(audio=0)"), new byte[] {1, 2, 3});
    Files.writeString(root.resolve("notes.bin"), "x");
    Files.createDirectories(root.resolve("sub"));
    Files.createSymbolicLink(root.resolve("link-out"), temp.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("dir-out"), temp);
    Files.createSymbolicLink(root.resolve("link-in"), root.resolve("Manifest"));
    origin = LocalOrigin.builder(root).requestLog(temp.resolve("requests.jsonl")).start();
  }

  @AfterEach
  void stop_origin() {
    origin.close();
  }

  @Test
  void serves_a_file_with_its_content_length_and_bytes() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(
                    origin.baseUri().resolve("QualityLevels(300000)/Fragments(video=0)"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(origin.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).hasValue("100003");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
    assertThat(response.body()).isEqualTo(fragment);
  }

  @Test
  void head_sends_the_headers_of_get_without_a_body() throws Exception {
    try (RawHttp http = new RawHttp(origin.port())) {
      http.request("HEAD", "/QualityLevels(300000)/Fragments(video=0)");
      RawHttp.Head head = http.readHead();
      // The next response must start right after the head: nothing of a body in between.
      RawHttp.Response next = http.get("/Manifest");

      assertThat(head.status()).isEqualTo(200);
      assertThat(head.contentLength()).isEqualTo(fragment.length);
      assertThat(head.headers()).containsEntry("content-type", "video/mp4");
      assertThat(next.status()).isEqualTo(200);
      assertThat(next.text()).isEqualTo("<SmoothStreamingMedia/>");
    }
  }

  @Test
  void keep_alive_serves_several_requests_on_one_connection() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(
          client
              .send(
                  HttpRequest.newBuilder(origin.baseUri().resolve("Manifest")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode());
    }

    assertThat(statuses).containsOnly(200).hasSize(5);
    assertThat(origin.requestCount()).isEqualTo(5);
    assertThat(origin.acceptedConnections()).isEqualTo(1);
  }

  @Test
  void connection_close_and_http_1_0_end_the_connection_after_the_response() throws Exception {
    try (RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response response = http.get("/Manifest", "Connection: close");
      assertThat(response.head().headers()).containsEntry("connection", "close");
      assertThat(response.text()).isEqualTo("<SmoothStreamingMedia/>");
      assertThat(http.serverClosed()).isTrue();
    }
    try (RawHttp http = new RawHttp(origin.port())) {
      http.send("GET /Manifest HTTP/1.0\r\n\r\n");
      assertThat(http.readResponse(false).status()).isEqualTo(200);
      assertThat(http.serverClosed()).isTrue();
    }
    try (RawHttp http = new RawHttp(origin.port())) {
      http.send("GET /Manifest HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      RawHttp.Response first = http.readResponse(false);
      RawHttp.Response second = http.get("/Manifest");
      assertThat(first.head().headers()).containsEntry("connection", "keep-alive");
      assertThat(second.status()).isEqualTo(200);
    }
  }

  @Test
  void unknown_paths_folders_and_trailing_slashes_get_404() throws Exception {
    try (RawHttp http = new RawHttp(origin.port())) {
      assertThat(http.get("/NoSuchFile").status()).isEqualTo(404);
      assertThat(http.get("/").status()).isEqualTo(404);
      assertThat(http.get("/sub").status()).isEqualTo(404);
      assertThat(http.get("/Manifest/").status()).isEqualTo(404);
      assertThat(http.get("/QualityLevels(300000)//Fragments(video=0)").status()).isEqualTo(404);
      // A 404 keeps the connection usable.
      assertThat(http.get("/Manifest").status()).isEqualTo(200);
    }
  }

  @Test
  void content_types_follow_smooth_streaming_names() throws Exception {
    try (RawHttp http = new RawHttp(origin.port())) {
      assertThat(http.get("/Manifest").head().headers()).containsEntry("content-type", "text/xml");
      assertThat(http.get("/QualityLevels(300000)/Fragments(audio=0)").head().headers())
          .containsEntry("content-type", "audio/mp4");
      assertThat(http.get("/notes.bin").head().headers())
          .containsEntry("content-type", "application/octet-stream");
    }
  }

  @Test
  void percent_encoded_paths_are_decoded_and_query_strings_ignored() throws Exception {
    try (RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response encoded = http.get("/QualityLevels%28300000%29/Fragments%28video%3D0%29");
      RawHttp.Response query = http.get("/Manifest?session=1&x=../secret.txt");
      RawHttp.Response absoluteForm = http.get("http://127.0.0.1/Manifest");

      assertThat(encoded.status()).isEqualTo(200);
      assertThat(encoded.body()).isEqualTo(fragment);
      assertThat(query.text()).isEqualTo("<SmoothStreamingMedia/>");
      assertThat(absoluteForm.text()).isEqualTo("<SmoothStreamingMedia/>");
    }
  }

  @Test
  void a_symlink_to_a_file_inside_the_root_is_served() throws Exception {
    try (RawHttp http = new RawHttp(origin.port())) {
      assertThat(http.get("/link-in").text()).isEqualTo("<SmoothStreamingMedia/>");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../secret.txt",
        "/sub/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/sub%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/sub/..%5C..%5Csecret.txt",
        "/./../secret.txt",
        "/%2fetc%2fpasswd",
        "//etc/passwd",
        "/link-out",
        "/dir-out/secret.txt",
        "/%00secret.txt",
        "/..%00/secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "http://127.0.0.1/../secret.txt",
        "secret.txt",
        "../secret.txt",
      })
  void path_escape_attempts_are_refused_and_never_serve_outside_the_root(String target)
      throws Exception {
    try (RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response response = http.get(target);

      assertThat(response.status()).isIn(400, 404);
      assertThat(response.text()).doesNotContain(SECRET);
    }
  }

  @Test
  void an_absolute_path_to_the_secret_is_refused() throws Exception {
    String absolute = temp.resolve("secret.txt").toAbsolutePath().toString();
    try (RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response plain = http.get("/" + absolute);
      assertThat(plain.status()).isIn(400, 404);
      assertThat(plain.text()).doesNotContain(SECRET);
    }
    try (RawHttp http = new RawHttp(origin.port())) {
      RawHttp.Response encoded = http.get("/" + absolute.replace("/", "%2f"));
      assertThat(encoded.status()).isIn(400, 404);
      assertThat(encoded.text()).doesNotContain(SECRET);
    }
  }

  @Test
  void malformed_requests_get_400_and_the_connection_closes() throws Exception {
    for (String request :
        List.of(
            "NONSENSE\r\n\r\n",
            "GET /Manifest\r\n\r\n",
            "GET  /Manifest HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /Manifest HTTP/1.1\r\n\r\n",
            "GET /Manifest HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET /Manifest HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
            "GET /Manifest HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
            "GET /Manifest HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n",
            "GET /Mani\rfest HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /%e9t%e9 HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /Manifest HTTP/x.y\r\nHost: x\r\n\r\n")) {
      try (RawHttp http = new RawHttp(origin.port())) {
        http.send(request);
        assertThat(http.readResponse(false).status()).as(request).isEqualTo(400);
        assertThat(http.serverClosed()).as(request).isTrue();
      }
    }
  }

  @Test
  void oversized_unsupported_and_other_methods_get_their_statuses() throws Exception {
    assertThat(statusOf("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
        .isEqualTo(414);
    StringBuilder manyHeaders = new StringBuilder("GET /Manifest HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 150; i++) {
      manyHeaders.append("X-H").append(i).append(": v\r\n");
    }
    assertThat(statusOf(manyHeaders.append("\r\n").toString())).isEqualTo(431);
    assertThat(
            statusOf(
                "GET /Manifest HTTP/1.1\r\nHost: x\r\nX-Big: " + "v".repeat(9000) + "\r\n\r\n"))
        .isEqualTo(431);
    assertThat(
            statusOf(
                "GET /Manifest HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        .isEqualTo(501);
    assertThat(statusOf("GET /Manifest HTTP/2.0\r\nHost: x\r\n\r\n")).isEqualTo(505);
    try (RawHttp http = new RawHttp(origin.port())) {
      http.send("POST /Manifest HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
      RawHttp.Response response = http.readResponse(false);
      assertThat(response.status()).isEqualTo(405);
      assertThat(response.head().headers()).containsEntry("allow", "GET, HEAD");
    }
    assertThat(statusOf("DELETE /Manifest HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(405);
  }

  @Test
  void writes_one_json_line_per_request_with_path_status_bytes_and_times() throws Exception {
    Instant before = Instant.now().minusMillis(1);
    try (RawHttp http = new RawHttp(origin.port())) {
      http.get("/QualityLevels%28300000%29/Fragments(video=0)?x=1");
      http.request("HEAD", "/Manifest");
      http.readResponse(true);
      http.get("/missing");
    }
    origin.close();
    Instant after = Instant.now().plusMillis(1);

    List<String> lines = Files.readAllLines(temp.resolve("requests.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    JsonNode get = json.readTree(lines.get(0));
    JsonNode head = json.readTree(lines.get(1));
    JsonNode missing = json.readTree(lines.get(2));

    assertThat(get.get("path").asText()).isEqualTo("/QualityLevels(300000)/Fragments(video=0)");
    assertThat(get.get("method").asText()).isEqualTo("GET");
    assertThat(get.get("status").asInt()).isEqualTo(200);
    assertThat(get.get("bytes").asLong()).isEqualTo(fragment.length);
    assertThat(get.has("fault")).isFalse();
    assertThat(head.get("method").asText()).isEqualTo("HEAD");
    assertThat(head.get("bytes").asLong()).isZero();
    assertThat(missing.get("status").asInt()).isEqualTo(404);
    for (JsonNode line : List.of(get, head, missing)) {
      assertThat(line.get("request_time").asText()).matches(".*T.*\\.\\d{3}Z");
      Instant requestTime = Instant.parse(line.get("request_time").asText());
      Instant endTime = Instant.parse(line.get("end_time").asText());
      assertThat(requestTime).isBetween(before, after);
      assertThat(endTime).isBetween(requestTime, after);
    }
  }

  @Test
  void idle_keep_alive_connections_are_closed_after_the_timeout() throws Exception {
    try (LocalOrigin quick = LocalOrigin.builder(root).idleTimeoutMs(200).start();
        RawHttp http = new RawHttp(quick.port())) {
      assertThat(http.get("/Manifest").status()).isEqualTo(200);
      long start = System.nanoTime();
      assertThat(http.serverClosed()).isTrue();
      assertThat((System.nanoTime() - start) / 1e6).isLessThan(5_000);
    }
  }

  @Test
  void connections_beyond_the_limit_are_answered_503() throws Exception {
    try (LocalOrigin small = LocalOrigin.builder(root).maxConnections(1).start();
        RawHttp first = new RawHttp(small.port());
        RawHttp second = new RawHttp(small.port())) {
      assertThat(first.get("/Manifest").status()).isEqualTo(200);
      RawHttp.Response refused = second.readResponse(false);

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.head().headers()).containsEntry("retry-after", "1");
    }
  }

  @Test
  void close_stops_accepting_ends_connections_and_threads() throws Exception {
    int port = origin.port();
    RawHttp idle = new RawHttp(port);
    assertThat(idle.get("/Manifest").status()).isEqualTo(200);

    origin.close();
    origin.close(); // idempotent

    assertThat(idle.serverClosed()).isTrue();
    idle.close();
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith("origin-" + port + "-"));
  }

  @Test
  void a_missing_or_plain_file_root_is_refused_at_start() throws IOException {
    assertThatThrownBy(() -> LocalOrigin.builder(temp.resolve("absent")).start())
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> LocalOrigin.builder(temp.resolve("secret.txt")).start())
        .isInstanceOf(NotDirectoryException.class);
  }

  @Test
  void describe_names_url_root_link_latency_and_faults() throws IOException {
    try (LocalOrigin described =
        LocalOrigin.builder(root)
            .linkTrace(LinkTrace.constant(3))
            .latencyMs(40)
            .fault(FaultRule.parse("Manifest=503@2"))
            .fault(FaultRule.parse("video=stall:1.5"))
            .start()) {
      assertThat(described.describe())
          .contains(described.baseUri().toString())
          .contains(root.toRealPath().toString())
          .contains("constant 3 Mbps")
          .contains("latency: 40 ms")
          .contains("Manifest=503@2 video=stall:1.5");
    }
  }

  private int statusOf(String rawRequest) throws IOException {
    try (RawHttp http = new RawHttp(origin.port())) {
      http.send(rawRequest);
      return http.readResponse(false).status();
    }
  }
}
