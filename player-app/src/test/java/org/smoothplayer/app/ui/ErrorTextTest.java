package org.smoothplayer.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Exceptions become one readable line: messages of the chain, no class names, no stack. */
class ErrorTextTest {

  @Test
  void messages_of_the_chain_are_joined_without_repeats() {
    IOException root = new IOException("Connection refused");
    Exception outer =
        new IllegalStateException("manifest request failed: Connection refused", root);

    assertThat(ErrorText.of(outer)).isEqualTo("manifest request failed: Connection refused");
    assertThat(ErrorText.of(new IllegalStateException("cannot open", root)))
        .isEqualTo("cannot open: Connection refused");
  }

  @Test
  void a_wrapper_that_only_repeats_its_cause_is_skipped() {
    assertThat(ErrorText.of(new UncheckedIOException(new IOException("disk full"))))
        .isEqualTo("disk full");
  }

  @Test
  void only_the_first_line_of_a_message_is_kept() {
    assertThat(ErrorText.of(new RuntimeException("bad header\n  at line 3\n  at line 4")))
        .isEqualTo("bad header");
  }

  @Test
  void exceptions_without_any_message_name_the_innermost_class() {
    assertThat(ErrorText.of(new NullPointerException())).isEqualTo("NullPointerException");
    assertThat(ErrorText.of(new RuntimeException(new NullPointerException())))
        .isEqualTo("NullPointerException");
  }
}
