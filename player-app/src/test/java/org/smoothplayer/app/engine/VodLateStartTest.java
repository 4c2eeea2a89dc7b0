package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveOptions;

/**
 * An on-demand presentation whose timeline does not start at 0, as a broadcast archived as
 * on-demand keeps its broadcast times (rx-player's conformance manifest "Not starting at 0" is
 * one). The local origin serves one: a live broadcast of the tiny presentation (4 s) that had ended
 * before the session began, so its Manifest says {@code IsLive="FALSE"} and its fragments run from
 * 3600 s.
 */
class VodLateStartTest {
  private static final long START_US = 3_600_000_000L;
  private static final long DURATION_US = 4_000_000;

  private static Path tiny;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  @Test
  @Timeout(60)
  void a_timeline_starting_late_plays_every_fragment_from_its_first_to_the_end() throws Exception {
    SessionRecorder log = new SessionRecorder();
    PlayerSnapshot end = playToEnd(log, o -> o);

    assertThat(end.state()).as("error %s", end.error()).isEqualTo(PlayerState.ENDED);
    assertThat(end.live()).isFalse();
    assertThat(end.durationUs()).isEqualTo(DURATION_US);
    assertThat(end.seekableStartUs()).isEqualTo(START_US);
    assertThat(end.seekableEndUs()).isEqualTo(START_US + DURATION_US);
    assertThat(end.positionUs())
        .isBetween(START_US + DURATION_US - 200_000, START_US + DURATION_US);
    // 4 s at 25 frames per second, shown: not a silent clock running past frames it never reaches.
    assertThat(end.renderedFrames()).isGreaterThanOrEqualTo(95);
    assertThat(videoRequestStartsUs(log))
        .containsExactly(
            START_US, START_US + 1_000_000, START_US + 2_000_000, START_US + 3_000_000);
  }

  @Test
  @Timeout(60)
  void a_start_position_counts_from_where_the_presentation_starts() throws Exception {
    SessionRecorder log = new SessionRecorder();
    PlayerSnapshot end = playToEnd(log, o -> o.withStartUs(2_000_000));

    assertThat(end.state()).as("error %s", end.error()).isEqualTo(PlayerState.ENDED);
    assertThat(videoRequestStartsUs(log))
        .containsExactly(START_US + 2_000_000, START_US + 3_000_000);
    assertThat(end.renderedFrames()).isBetween(45L, 55L);
  }

  private static PlayerSnapshot playToEnd(SessionRecorder log, UnaryOperator<EngineOptions> more)
      throws Exception {
    LiveOptions endedBeforeTheSession = LiveOptions.defaults().withStartOffsetS(30);
    try (LocalOrigin origin = LocalOrigin.builder(tiny).live(endedBeforeTheSession).start()) {
      URI manifest = origin.baseUri().resolve("Manifest");
      String text =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(manifest).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(text).contains("IsLive=\"FALSE\"").contains("t=\"36000000000\"");
      try (PlaybackEngine engine =
          PlaybackEngine.open(
              more.apply(
                  EngineOptions.of(manifest.toString()).headless().silent().withSink(log)))) {
        return engine.awaitEnd(30_000);
      }
    }
  }

  private static List<Long> videoRequestStartsUs(SessionRecorder log) {
    return log.events().stream()
        .filter(SessionEvent.FragmentRequested.class::isInstance)
        .map(SessionEvent.FragmentRequested.class::cast)
        .filter(r -> r.stream().equals("video"))
        .map(SessionEvent.FragmentRequested::startUs)
        .toList();
  }
}
