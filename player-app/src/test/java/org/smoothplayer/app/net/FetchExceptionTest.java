package org.smoothplayer.app.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class FetchExceptionTest {
  private static final FetchException NOT_FOUND =
      new FetchException(
          FetchException.Kind.HTTP_STATUS,
          URI.create("http://127.0.0.1:1/Manifest"),
          404,
          "HTTP 404 Not Found; expected a 2xx status",
          null);

  @Test
  void the_message_for_logs_starts_with_the_kind_and_the_url() {
    assertThat(NOT_FOUND.getMessage())
        .isEqualTo(
            "HTTP_STATUS http://127.0.0.1:1/Manifest: HTTP 404 Not Found; expected a 2xx status");
    assertThat(NOT_FOUND.detail()).isEqualTo("HTTP 404 Not Found; expected a 2xx status");
  }

  @Test
  void the_sentence_for_a_viewer_names_the_url_once_and_no_kind() {
    assertThat(NOT_FOUND.describe("manifest", "http://127.0.0.1:1/Manifest"))
        .isEqualTo(
            "cannot fetch the manifest http://127.0.0.1:1/Manifest: HTTP 404 Not Found; expected"
                + " a 2xx status");
  }

  @Test
  void after_a_redirect_the_sentence_also_names_the_url_that_failed() {
    FetchException e =
        new FetchException(
            FetchException.Kind.TIMEOUT,
            URI.create("http://127.0.0.1:2/moved/Manifest"),
            0,
            "timed out",
            null);

    assertThat(e.describe("manifest", "http://127.0.0.1:1/Manifest"))
        .isEqualTo(
            "cannot fetch the manifest http://127.0.0.1:1/Manifest"
                + " (at http://127.0.0.1:2/moved/Manifest): timed out");
  }
}
