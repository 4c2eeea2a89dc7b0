package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smoothplayer.app.engine.EngineRun.Outcome;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * A native library that cannot be loaded when the session starts its output (a broken install, or
 * natives for another platform), at the audio opener seam: the session fails with a message that
 * says so, and its log is ended, instead of the playback loop dying with the error.
 */
class LinkageFailureSessionTest {

  @Test
  @Timeout(30)
  void a_library_that_cannot_be_loaded_fails_the_session_naming_it_and_the_log_is_ended()
      throws Exception {
    AudioOpener missingNatives =
        forceSilent -> {
          throw new UnsatisfiedLinkError("no jniavutil in java.library.path: /usr/lib");
        };

    Outcome o =
        EngineRun.play(
            LocalOrigin.builder(Presentations.cached(Preset.TINY)),
            opts -> opts.withAudioOpener(missingNatives),
            20_000);

    assertThat(o.end().state()).isEqualTo(PlayerState.FAILED);
    assertThat(o.end().error())
        .hasValue(
            "cannot load a part of the player (java.lang.UnsatisfiedLinkError: no jniavutil in"
                + " java.library.path: /usr/lib); the installation is incomplete or made for"
                + " another platform");
    assertThat(o.events(SessionEvent.SessionEnded.class))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("error"));
  }
}
