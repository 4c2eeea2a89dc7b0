package org.smoothplayer.decoder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FfmpegExecutableTest {

  @Test
  void a_missing_system_library_is_named_with_what_to_do_instead_of_a_link_error() {
    // What JavaCPP throws when libjniavdevice.so cannot be linked (the linker's words in a cause).
    UnsatisfiedLinkError linker =
        new UnsatisfiedLinkError(
            "/root/.javacpp/cache/ffmpeg.jar/libjniavdevice.so: libpulse.so.0: cannot open shared"
                + " object file: No such file or directory");
    UnsatisfiedLinkError thrown =
        new UnsatisfiedLinkError("no jniavdevice in java.library.path: /usr/lib");
    thrown.initCause(linker);

    IOException e = FfmpegExecutable.loadFailure(thrown);

    assertThat(e)
        .hasMessage(
            "the bundled ffmpeg executable cannot run: it needs the system library libpulse.so.0,"
                + " which is not installed; install it (Debian: apt-get install -y libpulse0), or"
                + " pass --ffmpeg PATH")
        .hasCause(thrown);
  }

  @Test
  void another_link_error_keeps_its_own_message() {
    IOException e = FfmpegExecutable.loadFailure(new UnsatisfiedLinkError("wrong ELF class"));

    assertThat(e.getMessage())
        .isEqualTo(
            "the bundled ffmpeg executable cannot run: its libraries cannot be loaded (wrong ELF"
                + " class); pass --ffmpeg PATH");
  }
}
