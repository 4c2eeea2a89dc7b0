package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveOptions;

/**
 * Live manifest refreshes that fail while a live session plays: {@code tiny} (1-s fragments) looped
 * endlessly by the local origin, whose fault rules are changed while the session runs.
 */
class LiveRefreshFailureTest {
  private static Path tiny;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  private static <T extends SessionEvent> List<T> events(List<SessionEvent> log, Class<T> type) {
    return log.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static List<SessionEvent.FragmentFailed> manifestFailures(List<SessionEvent> log) {
    return events(log, SessionEvent.FragmentFailed.class).stream()
        .filter(f -> f.stream().equals("manifest"))
        .toList();
  }

  private static void await(String what, BooleanSupplier condition, long ms)
      throws InterruptedException {
    await(what, condition, ms, () -> "");
  }

  /** Waits for {@code condition}; a time-out names {@code what} and the state {@code detail}. */
  private static void await(
      String what, BooleanSupplier condition, long ms, Supplier<String> detail)
      throws InterruptedException {
    long deadline = System.nanoTime() + ms * 1_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() >= deadline) {
        throw new AssertionError("timed out waiting until " + what + "; " + detail.get());
      }
      Thread.sleep(20);
    }
  }

  private static List<String> manifestRequests(Path requestLog) throws IOException {
    return Files.readAllLines(requestLog).stream().filter(l -> l.contains("/Manifest")).toList();
  }

  @Test
  @Timeout(60)
  void live_manifest_refreshes_failing_for_10_s_do_not_stop_playback_while_tfrf_look_ahead_lasts(
      @TempDir Path dir) throws Exception {
    // Three fragments behind the edge, and every fragment's tfrf announces the next one: the
    // timeline grows without the manifest. Refreshes fall back to every 2 s, so several fail.
    PlayerConfig config =
        PlayerConfig.fromValues(
            Map.of(
                PlaybackSettings.LIVE_JOIN_OFFSET_FRAGMENTS.key(), 3.0,
                PlaybackSettings.LIVE_REFRESH_INTERVAL_S.key(), 2.0),
            "default");
    Path requests = dir.resolve("requests.jsonl");
    SessionRecorder log = new SessionRecorder();
    try (LocalOrigin origin =
            LocalOrigin.builder(tiny)
                .live(LiveOptions.defaults().withEndless(true).withStartOffsetS(40))
                .requestLog(requests)
                .start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                    .headless()
                    .silent()
                    .withConfig(config)
                    .withSink(log))) {
      await("playing", () -> engine.snapshot().state() == PlayerState.PLAYING, 20_000);
      long joinedUs = engine.snapshot().positionUs();
      await("1 s played", () -> engine.snapshot().positionUs() >= joinedUs + 1_000_000L, 10_000);
      assertThat(manifestFailures(log.events())).as("no failure before the faults").isEmpty();

      // From now on every manifest request fails: two 503s, one reset mid-body, then 500s.
      origin.setFaults(
          List.of(
              FaultRule.parse("Manifest=503@2"),
              FaultRule.parse("Manifest=reset@1"),
              FaultRule.parse("Manifest=500")));
      PlayerSnapshot faultsFrom = engine.snapshot();
      await(
          "10 s played under faults",
          () -> engine.snapshot().positionUs() >= faultsFrom.positionUs() + 10_000_000L,
          20_000,
          () ->
              "from "
                  + faultsFrom
                  + " to "
                  + engine.snapshot()
                  + "; manifest failures "
                  + manifestFailures(log.events()));
      PlayerSnapshot faultsTo = engine.snapshot();
      List<SessionEvent> underFaults = log.events();
      int manifestRequestsUnderFaults = manifestRequests(requests).size();
      origin.setFaults(List.of());

      // Playback went on, the known timeline grew by about as much as was played.
      assertThat(faultsTo.state()).isEqualTo(PlayerState.PLAYING);
      assertThat(faultsTo.seekableEndUs() - faultsFrom.seekableEndUs())
          .as("timeline growth from tfrf")
          .isGreaterThanOrEqualTo(9_000_000L);
      assertThat(faultsTo.liveLatencyMs()).isLessThan(6 * 1000.0);
      // Each failed refresh is logged as a manifest fragment_failed with action retry.
      List<SessionEvent.FragmentFailed> failed = manifestFailures(underFaults);
      assertThat(failed)
          .as("failed refreshes: %s", failed)
          .hasSizeGreaterThanOrEqualTo(3)
          .allSatisfy(
              f -> {
                assertThat(f.level()).isEqualTo(-1);
                assertThat(f.chunkIndex()).isEqualTo(-1);
                assertThat(f.action()).isEqualTo("retry");
              });
      assertThat(failed.get(0).reason()).contains("HTTP 503");
      assertThat(failed).anySatisfy(f -> assertThat(f.reason()).contains("HTTP 500"));
      assertThat(failed)
          .as("the reset mid-body")
          .anySatisfy(f -> assertThat(f.reason()).startsWith("IO "));

      // After the faults the refreshes succeed again and playback goes on.
      await(
          "a manifest request answered 200 after the faults",
          () -> {
            try {
              return manifestRequests(requests).stream()
                  .skip(manifestRequestsUnderFaults)
                  .anyMatch(l -> l.contains("\"status\":200"));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          },
          10_000);
      long afterUs = engine.snapshot().positionUs();
      await(
          "2 s more played", () -> engine.snapshot().positionUs() >= afterUs + 2_000_000L, 10_000);
      assertThat(engine.snapshot().state()).isEqualTo(PlayerState.PLAYING);
      int failuresAtEnd = manifestFailures(log.events()).size();
      assertThat(failuresAtEnd - failed.size())
          .as("refreshes failing after the faults ended (one may have been in flight)")
          .isLessThanOrEqualTo(1);
    }
    List<SessionEvent> all = log.events();
    assertThat(events(all, SessionEvent.StallStarted.class)).as("stalls").isEmpty();
    assertThat(events(all, SessionEvent.FragmentFailed.class))
        .as("only manifest requests failed")
        .allSatisfy(f -> assertThat(f.stream()).isEqualTo("manifest"));
    List<String> manifestLog = manifestRequests(requests);
    assertThat(manifestLog).anySatisfy(l -> assertThat(l).contains("\"fault\":\"reset\""));
  }
}
