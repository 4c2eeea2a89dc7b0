package org.smoothplayer.app.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.net.FetchException;
import org.smoothplayer.app.net.HttpFetcher;

class ManifestLoaderTest {
  private static final String MANIFEST =
      "<SmoothStreamingMedia Duration=\"20000000\"><StreamIndex Type=\"audio\""
          + " Url=\"QualityLevels({bitrate})/Fragments(audio={start time})\">"
          + "<QualityLevel Bitrate=\"96000\" FourCC=\"AACL\"/><c d=\"20000000\"/>"
          + "</StreamIndex></SmoothStreamingMedia>";

  private MockWebServer server;
  private HttpFetcher fetcher;
  private ManifestLoader loader;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    fetcher = new HttpFetcher();
    loader = new ManifestLoader(fetcher, new ManifestParser());
  }

  @AfterEach
  void stop() throws IOException {
    fetcher.close();
    server.shutdown();
  }

  @Test
  void fragment_urls_resolve_against_the_final_url_after_redirects() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(302)
            .setHeader("Location", "/cdn/movie.ism/Manifest?token=abc"));
    server.enqueue(new MockResponse().setBody(MANIFEST));
    Manifest m = loader.load(server.url("/old/movie.ism/Manifest").toString());
    assertThat(m.baseUri()).isEqualTo(server.url("/cdn/movie.ism/Manifest?token=abc").uri());
    StreamIndex s = m.streams().get(0);
    assertThat(s.fragmentUri(m.baseUri(), s.qualityLevels().get(0), 0))
        .contains(server.url("/cdn/movie.ism/QualityLevels(96000)/Fragments(audio=0)").uri());
  }

  @Test
  void an_http_error_is_a_fetch_exception_and_a_bad_body_a_manifest_exception() {
    server.enqueue(new MockResponse().setResponseCode(404));
    assertThatThrownBy(() -> loader.load(server.url("/missing/Manifest").toString()))
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.HTTP_STATUS));
    server.enqueue(new MockResponse().setBody("<html>not a manifest</html>"));
    assertThatThrownBy(() -> loader.load(server.url("/html").toString()))
        .isInstanceOfSatisfying(
            ManifestException.class,
            e -> assertThat(e.kind()).isEqualTo(ManifestException.Kind.WRONG_ROOT));
  }

  @Test
  void paths_and_file_uris_load_local_files(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("Manifest");
    Files.writeString(file, MANIFEST);
    assertThat(loader.load(file.toString()).baseUri()).isEqualTo(file.toUri());
    assertThat(loader.load(file.toUri().toString()).streams()).hasSize(1);
    assertThatThrownBy(() -> loader.load("ftp://127.0.0.1/Manifest"))
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.UNSUPPORTED_SCHEME));
  }

  @Test
  void a_presentation_folder_loads_its_file_named_manifest(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("Manifest"), MANIFEST);
    assertThat(loader.load(dir.toString()).baseUri()).isEqualTo(file.toUri());
    assertThat(loader.load(dir.toUri().toString()).streams()).hasSize(1);
  }

  @Test
  void a_folder_without_a_manifest_and_a_missing_file_are_named_with_what_was_expected(
      @TempDir Path dir) {
    assertThatThrownBy(() -> loader.load(dir.toString()))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining(
            "no manifest file at "
                + dir
                + ": the folder holds no file named Manifest (expected an http(s) URL, a manifest"
                + " file or a presentation folder)");
    assertThatThrownBy(() -> loader.load(dir.resolve("absent.ismc").toString()))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining(
            "no manifest file at "
                + dir.resolve("absent.ismc")
                + " (expected an http(s) URL, a manifest file or a presentation folder)");
  }
}
