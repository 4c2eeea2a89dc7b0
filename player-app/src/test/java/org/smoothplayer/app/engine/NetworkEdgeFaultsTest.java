package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smoothplayer.app.engine.LiveSession.await;
import static org.smoothplayer.app.engine.LiveSession.events;
import static org.smoothplayer.app.engine.LiveSession.manifestFailures;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.engine.EngineRun.Outcome;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * Network faults at the edges of the retry rules, in real sessions on {@code tiny} (1-s fragments,
 * 4 s): an audio stream whose host does not resolve, an audio fragment missing at every attempt, a
 * first byte later than the stall limit, and a live manifest refresh answered with a document that
 * is not a manifest.
 */
class NetworkEdgeFaultsTest {
  private static final byte[] MAINTENANCE_PAGE =
      ("<html><head><title>Maintenance</title></head>"
              + "<body><p>Back in a minute.</p></body></html>\n")
          .getBytes(StandardCharsets.UTF_8);

  /** The third video fragment (2 s) at any level. */
  private static final String THIRD_VIDEO = "Fragments(video=20000000)";

  /** RFC 6761 reserves {@code .invalid}: no resolver answers a name under it. */
  private static final String UNKNOWN_HOST = "audio.smooth-player-test.invalid";

  private static Path tiny;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  @Test
  @Timeout(60)
  void audio_fragments_on_a_host_that_does_not_resolve_are_skipped_and_played_as_silence(
      @TempDir Path dir) throws Exception {
    // Every audio fragment fails. The first is retried, then skipped; audio then counts as failing
    // and later fragments are tried once (or silenced unrequested), so the video plays to the end
    // on the clock the silence keeps running.
    int retries = PlaybackSettings.DEFAULTS.fragmentRetries();
    Outcome o =
        EngineRun.play(
            LocalOrigin.builder(PresentationCopies.tinyWithAudioOn(tiny, dir, UNKNOWN_HOST)),
            opts -> opts,
            40_000);
    o.playedToTheEnd(3_800_000L);
    List<SessionEvent> all = o.log().events();
    List<SessionEvent.FragmentRequested> audioRequests =
        events(all, SessionEvent.FragmentRequested.class).stream()
            .filter(r -> r.stream().equals("audio"))
            .toList();
    assertThat(audioRequests)
        .hasSizeBetween(retries + 1, retries + 4)
        .allSatisfy(r -> assertThat(r.url()).contains(UNKNOWN_HOST));
    assertThat(loadedChunks(all, "video")).containsExactly(0, 1, 2, 3);
    assertThat(loadedChunks(all, "audio")).isEmpty();

    List<SessionEvent.FragmentFailed> failures = events(all, SessionEvent.FragmentFailed.class);
    assertThat(failures)
        .hasSameSizeAs(audioRequests)
        .allSatisfy(
            f -> {
              assertThat(f.stream()).isEqualTo("audio");
              assertThat(f.reason())
                  .startsWith("IO ")
                  .contains("unknown host " + UNKNOWN_HOST + " (the name does not resolve)");
            });
    // The first audio fragment: the first attempt and each retry fail, then it is skipped; every
    // later one is tried once.
    Map<Integer, List<String>> actionsByChunk =
        failures.stream()
            .collect(
                Collectors.groupingBy(
                    SessionEvent.FragmentFailed::chunkIndex,
                    Collectors.mapping(SessionEvent.FragmentFailed::action, Collectors.toList())));
    assertThat(actionsByChunk.get(0)).as("audio chunk 0").hasSize(retries + 1).endsWith("skip");
    assertThat(actionsByChunk.get(0).subList(0, retries)).containsOnly("retry");
    actionsByChunk.forEach(
        (chunk, actions) -> {
          if (chunk > 0) {
            assertThat(actions).as("audio chunk %d", chunk).containsExactly("skip");
          }
        });
    assertThat(events(all, SessionEvent.Notice.class))
        .extracting(SessionEvent.Notice::message)
        .filteredOn(m -> m.startsWith("audio fragments are failing ("))
        .singleElement()
        .asString()
        .contains("unknown host " + UNKNOWN_HOST);
    assertThat(events(all, SessionEvent.StateChanged.class))
        .noneSatisfy(c -> assertThat(c.to()).isEqualTo("FAILED"));
  }

  @Test
  @Timeout(60)
  void an_audio_fragment_missing_every_time_is_skipped_and_the_session_plays_to_the_end()
      throws Exception {
    // The second audio fragment (1.0027 s to 2.0053 s) answers 404 to every request.
    Outcome o =
        EngineRun.play(
            LocalOrigin.builder(tiny).fault(FaultRule.parse("Fragments(audio=10026667)=404")),
            opts -> opts,
            40_000);
    // The session ends normally: the clock ran across the silent gap to the end.
    o.playedToTheEnd(3_800_000L);
    assertThat(o.loadedChunks("video")).containsExactly(0, 1, 2, 3);
    assertThat(o.loadedChunks("audio")).containsExactly(0, 2, 3);
    List<SessionEvent.FragmentFailed> failures = o.failures();
    assertThat(failures)
        .hasSize(PlaybackSettings.DEFAULTS.fragmentRetries() + 1)
        .allSatisfy(
            f -> {
              assertThat(f.stream()).isEqualTo("audio");
              assertThat(f.chunkIndex()).isEqualTo(1);
              assertThat(f.reason()).contains("HTTP 404");
            });
    assertThat(failures).extracting(SessionEvent.FragmentFailed::action).endsWith("skip");
    assertThat(failures.subList(0, failures.size() - 1))
        .extracting(SessionEvent.FragmentFailed::action)
        .containsOnly("retry");
    // The next fragment loads, so audio no longer counts as failing.
    assertThat(o.events(SessionEvent.Notice.class))
        .extracting(SessionEvent.Notice::message)
        .contains("audio fragments load again from 2.0 s, after 1 skipped");
    assertThat(o.events(SessionEvent.DecoderError.class)).isEmpty();
  }

  private static List<Integer> loadedChunks(List<SessionEvent> log, String stream) {
    return events(log, SessionEvent.FragmentLoaded.class).stream()
        .filter(f -> f.stream().equals(stream))
        .map(SessionEvent.FragmentLoaded::chunkIndex)
        .toList();
  }

  @Test
  @Timeout(60)
  void a_first_byte_later_than_the_stall_limit_is_abandoned_refetched_and_the_fragment_plays()
      throws Exception {
    // The stall limit is the larger of 3 s and a fragment (1 s): a first byte 5 s late exceeds it.
    // At level 0 the abandon rule has nothing lower to go to: only the stall rule can act.
    Outcome o =
        EngineRun.play(
            LocalOrigin.builder(tiny).fault(FaultRule.parse(THIRD_VIDEO + "=slow:5000@1")),
            opts -> opts.withQuality(QualityChoice.level(0)),
            40_000);
    o.playedToTheEnd(3_800_000L);
    assertThat(o.events(SessionEvent.FragmentAbandoned.class))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.stream()).isEqualTo("video");
              assertThat(a.chunkIndex()).isEqualTo(2);
              assertThat(a.reason()).contains("stalled transfer");
            });
    List<SessionEvent.FragmentRequested> thirdRequested =
        o.events(SessionEvent.FragmentRequested.class).stream()
            .filter(r -> r.stream().equals("video") && r.chunkIndex() == 2)
            .toList();
    // The first request and one refetch: the abandoned transfer's cancellation does not let go of
    // the refetch (which would then be requested a second time).
    assertThat(thirdRequested).as("the first request and the refetch").hasSize(2);
    assertThat(o.events(SessionEvent.FragmentLoaded.class))
        .filteredOn(f -> f.stream().equals("video") && f.chunkIndex() == 2)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.tMs()).isGreaterThan(thirdRequested.get(1).tMs());
              assertThat(f.level()).isEqualTo(0);
              assertThat(f.ttfbMs()).as("the refetch is not delayed").isLessThan(3000);
            });
  }

  @Test
  @Timeout(60)
  void a_live_refresh_answered_with_html_instead_of_a_manifest_is_retried_and_playback_goes_on(
      @TempDir Path dir) throws Exception {
    // The local origin has no fault that answers 200 with another document: a relay in front of
    // it (the engine's manifest URL) answers one refresh with an HTML page.
    try (ManifestRelay relay =
            new ManifestRelay(
                manifest ->
                    new ManifestRelay.Answer("text/html; charset=utf-8", MAINTENANCE_PAGE));
        LiveSession session = LiveSession.openEndless(tiny, dir, 3, 1, Map.of(), relay::route)) {
      PlaybackEngine engine = session.engine();
      session.playing(1_000_000L);
      assertThat(events(session.log().events(), SessionEvent.FragmentFailed.class)).isEmpty();

      // The next manifest request is answered 200 with an HTML page.
      relay.rewriteNext(1);
      await(
          "a refresh failed",
          () -> !manifestFailures(session.log().events()).isEmpty(),
          10_000,
          () -> "events " + session.log().events());
      assertThat(manifestFailures(session.log().events()))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.level()).isEqualTo(-1);
                assertThat(f.chunkIndex()).isEqualTo(-1);
                assertThat(f.action()).isEqualTo("retry");
                assertThat(f.reason()).contains("root element is <html>");
              });
      PlayerSnapshot atFailure = engine.snapshot();
      int relayedAtFailure = relay.relayedUnchanged();
      await(
          "2 more manifest refreshes answered by the origin",
          () -> relay.relayedUnchanged() >= relayedAtFailure + 2,
          10_000);
      await(
          "2 s more played",
          () -> engine.snapshot().positionUs() >= atFailure.positionUs() + 2_000_000L,
          10_000);
      assertThat(engine.snapshot().state()).isEqualTo(PlayerState.PLAYING);
      assertThat(engine.snapshot().seekableEndUs())
          .as("the timeline grew after the failure")
          .isGreaterThan(atFailure.seekableEndUs());
      List<SessionEvent> all = session.log().events();
      assertThat(events(all, SessionEvent.FragmentFailed.class))
          .as("only the one refresh failed; later refreshes succeeded")
          .hasSize(1);
      assertThat(events(all, SessionEvent.StateChanged.class))
          .noneSatisfy(c -> assertThat(c.to()).isEqualTo("FAILED"));
    }
  }
}
