package org.smoothplayer.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPresentationsTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_http_url_is_played_as_it_is() {
    try (LocalPresentations local = new LocalPresentations()) {
      assertThat(local.playableUrl(" https://example.org/film.ism/Manifest "))
          .isEqualTo("https://example.org/film.ism/Manifest");
    }
  }

  @Test
  void a_folder_is_served_on_loopback_with_its_fragments_at_their_paths() throws Exception {
    Path folder = dir.resolve("film");
    Files.createDirectories(folder.resolve("QualityLevels(300000)"));
    Files.writeString(folder.resolve("Manifest"), "<SmoothStreamingMedia/>");
    Files.writeString(folder.resolve("QualityLevels(300000)/Fragments(video=0)"), "moof");

    try (LocalPresentations local = new LocalPresentations()) {
      String url = local.playableUrl(folder.toString());

      assertThat(url).startsWith("http://127.0.0.1:").endsWith("/Manifest");
      assertThat(get(url).body()).isEqualTo("<SmoothStreamingMedia/>");
      String fragment =
          URI.create(url).resolve("QualityLevels(300000)/Fragments(video=0)").toString();
      assertThat(get(fragment).body()).isEqualTo("moof");
      // The same folder again, also as a file URL of its manifest: one origin.
      assertThat(local.playableUrl(folder.resolve("Manifest").toUri().toString())).isEqualTo(url);
    }
  }

  @Test
  void a_manifest_file_with_another_name_is_served_by_that_name_by_url_or_path() throws Exception {
    Path manifest = dir.resolve("sintel 2.Manifest");
    Files.writeString(manifest, "<SmoothStreamingMedia Duration=\"1\"/>");

    try (LocalPresentations local = new LocalPresentations()) {
      String url = local.playableUrl(manifest.toUri().toString());

      assertThat(url).endsWith("/sintel%202.Manifest");
      assertThat(get(url).body()).isEqualTo("<SmoothStreamingMedia Duration=\"1\"/>");
      // The same file by its path, as a file manager's %u or a shell would give it.
      assertThat(local.playableUrl(manifest.toString())).isEqualTo(url);
    }
  }

  @Test
  void what_is_missing_or_of_another_scheme_is_refused_by_name() {
    try (LocalPresentations local = new LocalPresentations()) {
      assertThatThrownBy(() -> local.playableUrl(dir.toString()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "'"
                  + dir
                  + "': expected a manifest file or a folder holding a file named Manifest, but"
                  + " there is no file "
                  + dir.resolve("Manifest"));
      assertThatThrownBy(() -> local.playableUrl("ftp://example.org/Manifest"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "URL: expected an http or https manifest URL, a file URL or a presentation folder"
                  + " but was 'ftp://example.org/Manifest'");
      assertThatThrownBy(() -> local.playableUrl("file://host/share/Manifest"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("'file://host/share/Manifest': not a usable file URL");
    }
  }

  @Test
  void closing_stops_the_origins() throws Exception {
    Files.writeString(dir.resolve("Manifest"), "<SmoothStreamingMedia/>");
    String url;
    try (LocalPresentations local = new LocalPresentations()) {
      url = local.playableUrl(dir.toString());
      assertThat(get(url).statusCode()).isEqualTo(200);
    }
    assertThatThrownBy(() -> get(url)).isInstanceOf(ConnectException.class);
  }
}
