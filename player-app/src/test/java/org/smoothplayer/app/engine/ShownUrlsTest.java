package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShownUrlsTest {

  private static final URI BASE = URI.create("http://127.0.0.1:41234/");
  private final ShownUrls names = ShownUrls.servedFrom(BASE, Path.of("/films/my film"));

  @Test
  void a_served_url_in_a_message_is_named_by_its_file() {
    assertThat(
            names.apply(
                "audio fragments are failing (HTTP_STATUS"
                    + " http://127.0.0.1:41234/QualityLevels(128000)/Fragments(audio=20053333):"
                    + " HTTP 404 Not Found; expected a 2xx status)"))
        .isEqualTo(
            "audio fragments are failing (HTTP_STATUS"
                + " /films/my film/QualityLevels(128000)/Fragments(audio=20053333):"
                + " HTTP 404 Not Found; expected a 2xx status)");
  }

  @Test
  void escapes_are_decoded_and_parentheses_around_the_url_are_left_outside() {
    assertThat(names.apply("cannot read (http://127.0.0.1:41234/sintel%202%C3%A4.Manifest)"))
        .isEqualTo("cannot read (/films/my film/sintel 2\u00e4.Manifest)");
    assertThat(names.apply("'http://127.0.0.1:41234/Manifest', then http://127.0.0.1:41234/a+b"))
        .isEqualTo("'/films/my film/Manifest', then /films/my film/a+b");
  }

  @Test
  void other_urls_and_other_ports_are_left_as_they_are() {
    String text =
        "http://127.0.0.1:41235/Manifest and https://cdn.example/x.ism/Manifest (no file)";
    assertThat(names.apply(text)).isEqualTo(text);
    assertThat(ShownUrls.asTheyAre().apply("http://127.0.0.1:41234/Manifest"))
        .isEqualTo("http://127.0.0.1:41234/Manifest");
  }

  @Test
  void a_base_that_is_not_an_http_folder_url_is_refused_by_name() {
    assertThatThrownBy(
            () -> ShownUrls.servedFrom(URI.create("http://127.0.0.1:1/Manifest"), Path.of("/f")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "base: expected an http URL ending in '/' but was 'http://127.0.0.1:1/Manifest'");
  }
}
