package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smoothplayer.app.engine.LiveSession.await;
import static org.smoothplayer.app.engine.LiveSession.events;
import static org.smoothplayer.app.engine.LiveSession.noticeMessages;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.FaultKind;
import org.smoothplayer.assets.origin.FaultRule;

/**
 * A live origin that stops answering altogether (every request refused with a 503, or its
 * connections reset): an outage, waited for up to {@code live.outageLimitS}, and never taken for
 * the end of the broadcast, which {@code live.endAfterS} detects only while the origin answers.
 */
class LiveOutageTest {
  private static Path tiny;

  /** The longest silence of the origin the snapshots published during {@link #outage}. */
  private long longestSilenceMs;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  /**
   * Every request to the origin of {@code s} is answered 503 for {@code ms}; returns the states the
   * engine was seen in meanwhile.
   */
  private Set<PlayerState> outage(LiveSession s, long ms) throws InterruptedException {
    Set<PlayerState> seen = EnumSet.noneOf(PlayerState.class);
    s.origin().setFaults(List.of(FaultRule.always("/", new FaultKind.Status(503))));
    long endNs = System.nanoTime() + ms * 1_000_000L;
    while (System.nanoTime() < endNs) {
      PlayerSnapshot p = s.engine().snapshot();
      seen.add(p.state());
      longestSilenceMs = Math.max(longestSilenceMs, p.originSilentMs());
      Thread.sleep(20);
    }
    s.origin().setFaults(List.of());
    return seen;
  }

  @Test
  @Timeout(90)
  void an_outage_longer_than_live_end_after_s_is_waited_for_and_playback_rejoins_the_edge_after_it(
      @TempDir Path dir) throws Exception {
    Map<String, Double> settings = Map.of(PlaybackSettings.LIVE_END_AFTER_S.key(), 5.0);
    Set<PlayerState> during = EnumSet.noneOf(PlayerState.class);
    List<SessionEvent> log;
    try (LiveSession s = LiveSession.openEndless(tiny, dir, 3, 2, settings, o -> o)) {
      s.playing(2_000_000);
      // Every request is refused for 6 s, longer than live.endAfterS.
      during.addAll(outage(s, 6_000));
      // Back at the edge (the 6 s it fell behind are skipped, not played late), and playing on.
      double maxLatencyMs = PlaybackSettings.DEFAULTS.liveMaxLatencyFragments() * 1000;
      await(
          s.engine(),
          p -> p.state() == PlayerState.PLAYING && p.liveLatencyMs() <= maxLatencyMs,
          20_000);
      s.playing(2_000_000);
      assertThat(s.engine().snapshot().liveLatencyMs()).isLessThanOrEqualTo(maxLatencyMs);
      log = s.log().events();
    }
    assertThat(during).doesNotContain(PlayerState.ENDED, PlayerState.FAILED);
    assertThat(noticeMessages(log, "the origin does not answer ("))
        .singleElement()
        .satisfies(m -> assertThat(m).contains("HTTP 503").contains("live.outageLimitS"));
    assertThat(noticeMessages(log, "the origin answers again after")).hasSize(1);
    assertThat(noticeMessages(log, "the broadcast ended")).isEmpty();
    assertThat(longestSilenceMs).as("the silence the picture shows").isBetween(3_000L, 6_500L);
    assertThat(events(log, SessionEvent.SessionEnded.class)).isEmpty();
  }

  @Test
  @Timeout(60)
  void an_origin_silent_for_live_outage_limit_s_fails_the_session_naming_the_last_failure(
      @TempDir Path dir) throws Exception {
    Map<String, Double> settings = Map.of(PlaybackSettings.LIVE_OUTAGE_LIMIT_S.key(), 4.0);
    PlayerSnapshot end;
    SessionRecorder recorder;
    try (LiveSession s = LiveSession.openEndless(tiny, dir, 3, 2, settings, o -> o)) {
      recorder = s.log();
      s.playing(1_000_000);
      s.origin().setFaults(List.of(FaultRule.always("/", new FaultKind.Reset())));
      long faultsNs = System.nanoTime();
      end = s.engine().awaitEnd(30_000);
      // The limit counts from the first failure, which comes after the faults are set.
      assertThat((System.nanoTime() - faultsNs) / 1e9).isGreaterThanOrEqualTo(4.0);
    }
    // Closing the session logs its end.
    List<SessionEvent> log = recorder.events();
    assertThat(end.state()).isEqualTo(PlayerState.FAILED);
    assertThat(end.error().orElseThrow())
        .startsWith("the live origin has not answered for ")
        .contains("(live.outageLimitS 4 s); the last failure: ")
        .containsIgnoringCase("reset");
    assertThat(events(log, SessionEvent.SessionEnded.class))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("error"));
  }

  @Test
  @Timeout(90)
  void a_viewer_behind_the_edge_waits_through_an_outage_and_plays_on_from_where_it_was(
      @TempDir Path dir) throws Exception {
    // With 2 s of skipped video allowed, skipping through the outage would fail the session; with
    // 2-s buffer targets the outage meets fragments the timeline knows, not only probes at the
    // edge.
    Map<String, Double> settings =
        Map.of(
            PlaybackSettings.VIDEO_SKIP_LIMIT_S.key(), 2.0,
            PlaybackSettings.VIDEO_TARGET_S.key(), 2.0,
            PlaybackSettings.AUDIO_TARGET_S.key(), 2.0);
    Set<PlayerState> during = EnumSet.noneOf(PlayerState.class);
    List<SessionEvent> log;
    long outageStartUs;
    try (LiveSession s = LiveSession.openEndless(tiny, dir, 3, 2, settings, o -> o)) {
      s.playing(1_000_000);
      long target = s.engine().snapshot().seekableEndUs() - 20_000_000L;
      s.engine().seek(target);
      await(
          s.engine(),
          p ->
              p.state() == PlayerState.PLAYING
                  && p.positionUs() >= target + 1_000_000L
                  && p.positionUs() < target + 5_000_000L,
          20_000);
      outageStartUs = s.engine().snapshot().positionUs();
      during.addAll(outage(s, 5_000));
      s.playing(2_000_000);
      // Still where the viewer chose to be: nothing was skipped and nothing caught up.
      assertThat(s.engine().snapshot().positionUs())
          .isBetween(outageStartUs + 2_000_000L, outageStartUs + 20_000_000L);
      log = s.log().events();
    }
    assertThat(during).doesNotContain(PlayerState.ENDED, PlayerState.FAILED);
    assertThat(events(log, SessionEvent.FragmentFailed.class))
        .filteredOn(f -> !f.stream().equals("manifest"))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.action()).isEqualTo("retry"));
    assertThat(events(log, SessionEvent.Seek.class)).hasSize(1);
    assertThat(noticeMessages(log, "the origin answers again after")).hasSize(1);
  }
}
