package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveOptions;

/**
 * A live stream whose origin stops publishing while its manifest stays live ({@code IsLive=TRUE}):
 * the session ends by {@code live.endAfterS} alone.
 */
class LiveEndAfterTest {
  private static Path tiny;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  @Test
  @Timeout(60)
  void a_live_stream_that_stops_growing_ends_after_live_end_after_s_and_plays_out()
      throws Exception {
    // The origin's live clock follows the system clock until the test freezes it: from then on
    // nothing new is published, and the endless broadcast never says IsLive="FALSE".
    AtomicLong frozenAtNs = new AtomicLong(-1);
    LiveOptions live =
        LiveOptions.defaults()
            .withEndless(true)
            .withClock(
                () -> {
                  long frozen = frozenAtNs.get();
                  return frozen >= 0 ? frozen : System.nanoTime();
                });
    PlayerConfig config =
        PlayerConfig.fromValues(Map.of(PlaybackSettings.LIVE_END_AFTER_S.key(), 5.0), "default");
    SessionRecorder log = new SessionRecorder();
    PlayerSnapshot end;
    try (LocalOrigin origin = LocalOrigin.builder(tiny).live(live).start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                    .headless()
                    .silent()
                    .withConfig(config)
                    .withSink(log))) {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (engine.snapshot().state() != PlayerState.PLAYING) {
        assertThat(System.nanoTime()).as("waiting to play").isLessThan(deadline);
        Thread.sleep(20);
      }
      frozenAtNs.set(System.nanoTime());
      end = engine.awaitEnd(30_000);
      // The manifest still says live: the end came from the lack of growth alone.
      String manifest =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(origin.baseUri().resolve("Manifest"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(manifest).contains("IsLive=\"TRUE\"");
    }
    assertThat(end.state()).as("error %s", end.error()).isEqualTo(PlayerState.ENDED);
    List<String> notices =
        log.events().stream()
            .filter(SessionEvent.Notice.class::isInstance)
            .map(e -> ((SessionEvent.Notice) e).message())
            .toList();
    assertThat(notices)
        .contains("no new fragment for 5 s: the broadcast ended; playing out what is buffered")
        .as("not ended by a manifest that stopped being live")
        .doesNotContain("the broadcast ended; playing out what is buffered");
    assertThat(log.events())
        .filteredOn(SessionEvent.SessionEnded.class::isInstance)
        .singleElement()
        .satisfies(e -> assertThat(((SessionEvent.SessionEnded) e).reason()).isEqualTo("ended"));
    assertThat(log.events()).noneMatch(SessionEvent.FragmentFailed.class::isInstance);
  }
}
