package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smoothplayer.app.engine.LiveSession.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveOptions;

/**
 * Live Smooth Streaming against the local origin's live mode, in real time: {@code tiny} (1-s
 * fragments) looped endlessly behind a moving manifest with tfxd/tfrf in every fragment.
 */
class LivePlaybackTest {
  private static final long FRAGMENT_US = 1_000_000;

  private static Path tiny;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  private static <T extends SessionEvent> List<T> events(SessionRecorder r, Class<T> type) {
    return r.events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  @Timeout(60)
  void by_default_it_joins_within_two_fragment_durations_of_the_edge_and_follows_without_stall()
      throws Exception {
    SessionRecorder log = new SessionRecorder();
    try (LocalOrigin origin =
            LocalOrigin.builder(tiny).live(LiveOptions.defaults().withEndless(true)).start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                    .headless()
                    .silent()
                    .withSink(log))) {
      await(engine, s -> s.state() == PlayerState.PLAYING, 20_000);
      PlayerSnapshot joined = engine.snapshot();
      assertThat(joined.live()).isTrue();
      assertThat(joined.liveLatencyMs()).as("join latency").isLessThanOrEqualTo(2 * 1000.0);
      long from = joined.positionUs();
      await(engine, s -> s.positionUs() - from >= 10_000_000L, 20_000);
      assertThat(engine.snapshot().liveLatencyMs()).isLessThanOrEqualTo(3 * 1000.0);
    }
    assertThat(events(log, SessionEvent.StallStarted.class)).isEmpty();
  }

  @Test
  @Timeout(60)
  void at_the_default_join_the_edge_is_followed_by_timed_probes_not_by_manifest_requests(
      @TempDir Path dir) throws Exception {
    // 1.5 fragments behind the edge the newest fragment is fetched before the next is published,
    // so its tfrf cannot announce it: the next one is probed when it should be published. Before,
    // the manifest was asked about twice a fragment instead (about 16 requests in 8 s here).
    try (LiveSession session =
        LiveSession.open(
            tiny, dir, LiveOptions.defaults().withEndless(true), Map.of(), opts -> opts)) {
      PlaybackEngine engine = session.engine();
      session.playing(500_000L);
      PlayerSnapshot from = engine.snapshot();
      int manifestsBefore = LiveSession.manifestRequests(session.requests()).size();
      await(engine, s -> s.positionUs() - from.positionUs() >= 8_000_000L, 20_000);
      PlayerSnapshot to = engine.snapshot();
      int manifests = LiveSession.manifestRequests(session.requests()).size() - manifestsBefore;
      // The fallback refresh (every 10 s) may come once in these 8 s.
      assertThat(manifests).as("manifest requests while playing 8 s").isLessThanOrEqualTo(1);
      assertThat(to.seekableEndUs() - from.seekableEndUs())
          .as("the timeline grew with the edge")
          .isGreaterThanOrEqualTo(7_000_000L);
      assertThat(to.liveLatencyMs()).isLessThanOrEqualTo(3 * 1000.0);
      List<SessionEvent> all = session.log().events();
      assertThat(LiveSession.events(all, SessionEvent.StallStarted.class)).isEmpty();
      assertThat(LiveSession.events(all, SessionEvent.FragmentFailed.class)).isEmpty();
      assertThat(LiveSession.events(all, SessionEvent.Notice.class))
          .extracting(SessionEvent.Notice::message)
          .noneMatch(m -> m.contains("extrapolat"));
    }
  }

  @Test
  @Timeout(120)
  void it_follows_from_look_ahead_seeks_back_in_the_window_and_returns_live(@TempDir Path dir)
      throws Exception {
    // Three fragments behind the edge, every fragment's tfrf announces the next one (the origin
    // announces only what is published), so the timeline grows without manifest refreshes.
    PlayerConfig config =
        PlayerConfig.fromValues(
            Map.of(PlaybackSettings.LIVE_JOIN_OFFSET_FRAGMENTS.key(), 3.0), "default");
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
      await(engine, s -> s.state() == PlayerState.PLAYING, 20_000);
      PlayerSnapshot joined = engine.snapshot();
      assertThat(joined.liveLatencyMs()).as("join latency").isLessThanOrEqualTo(4.5 * 1000.0);

      // Follow for 25 s of media.
      long followFrom = joined.positionUs();
      await(engine, s -> s.positionUs() - followFrom >= 25_000_000L, 40_000);
      assertThat(events(log, SessionEvent.StallStarted.class)).isEmpty();
      assertThat(engine.snapshot().liveLatencyMs()).isLessThan(5 * 1000.0);

      // Seek back 30 s into the DVR window (60 s): it plays from there and stays there.
      long edge = engine.snapshot().seekableEndUs();
      engine.seek(edge - 30_000_000L);
      await(engine, s -> s.state() == PlayerState.PLAYING && s.liveLatencyMs() > 25_000, 15_000);
      long behindFrom = engine.snapshot().positionUs();
      await(engine, s -> s.positionUs() - behindFrom >= 3_000_000L, 10_000);
      assertThat(engine.snapshot().liveLatencyMs())
          .as("no catch-up after a DVR seek")
          .isGreaterThan(25_000);

      // Back to live.
      engine.seekToLive();
      await(
          engine, s -> s.state() == PlayerState.PLAYING && s.liveLatencyMs() <= 4 * 1000.0, 15_000);
      assertThat(engine.snapshot().state()).isEqualTo(PlayerState.PLAYING);
    }
    // The timeline grew from tfrf: the manifest was read far less often than fragments.
    long manifestRequests =
        Files.readAllLines(requests).stream().filter(l -> l.contains("/Manifest")).count();
    long videoFragments =
        events(log, SessionEvent.FragmentLoaded.class).stream()
            .filter(f -> f.stream().equals("video"))
            .count();
    assertThat(videoFragments).isGreaterThanOrEqualTo(30);
    assertThat(manifestRequests)
        .as("manifest requests; origin log:%n%s", String.join("\n", Files.readAllLines(requests)))
        .isLessThan(videoFragments / 3);
    assertThat(events(log, SessionEvent.LiveLatency.class)).isNotEmpty();
  }

  @Test
  @Timeout(60)
  void a_viewer_who_falls_out_of_the_window_resumes_at_its_start_with_a_message() throws Exception {
    SessionRecorder log = new SessionRecorder();
    try (LocalOrigin origin =
            LocalOrigin.builder(tiny)
                .live(LiveOptions.defaults().withEndless(true).withDvrWindowS(6))
                .start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                    .headless()
                    .silent()
                    // Buffers full early in the pause, then a refresh every 5 s is all that
                    // tells the paused player where the window is.
                    .withConfig(
                        PlayerConfig.fromValues(
                            Map.of(
                                PlaybackSettings.LIVE_REFRESH_INTERVAL_S.key(), 5.0,
                                PlaybackSettings.VIDEO_TARGET_S.key(), 3.0,
                                PlaybackSettings.AUDIO_TARGET_S.key(), 3.0),
                            "default"))
                    .withSink(log))) {
      await(engine, s -> s.state() == PlayerState.PLAYING, 20_000);
      engine.pause();
      await(engine, s -> s.state() == PlayerState.PAUSED, 5_000);
      // The window (6 s) moves on while paused until a refresh shows the position out of it.
      await(engine, s -> s.seekableStartUs() > s.positionUs(), 30_000);
      // Play 3 s after that refresh: the window known is 3 s behind the origin's by then, more
      // than the 2 fragments a resume lands inside it.
      Thread.sleep(3_000);
      assertThat(log.events())
          .as("nothing moves while paused")
          .noneMatch(SessionEvent.Seek.class::isInstance);
      assertThat(engine.snapshot().state()).isEqualTo(PlayerState.PAUSED);
      engine.play();
      await(engine, s -> s.notice().orElse("").contains("DVR window"), 15_000);
      await(engine, s -> s.state() == PlayerState.PLAYING, 15_000);
      PlayerSnapshot s = engine.snapshot();
      assertThat(s.positionUs()).isGreaterThanOrEqualTo(s.seekableStartUs() - FRAGMENT_US);
    }
    assertThat(events(log, SessionEvent.Notice.class))
        .filteredOn(n -> n.message().contains("fell out of the DVR window"))
        .hasSize(1);
    assertThat(events(log, SessionEvent.FragmentFailed.class))
        .as("the resume lands inside the window the origin has now, not the one known when paused")
        .isEmpty();
  }

  @Test
  @Timeout(60)
  void a_seek_to_the_start_of_the_window_lands_inside_it_and_does_not_fall_out(@TempDir Path dir)
      throws Exception {
    LiveOptions window20s =
        LiveOptions.defaults().withEndless(true).withStartOffsetS(40).withDvrWindowS(20);
    SessionRecorder log;
    try (LiveSession live = LiveSession.open(tiny, dir, window20s, Map.of(), o -> o)) {
      PlaybackEngine engine = live.engine();
      log = live.log();
      await(engine, s -> s.state() == PlayerState.PLAYING, 20_000);
      // Home in the window: its start. The window moves on by a fragment every second while the
      // new position buffers.
      long windowStartUs = engine.snapshot().seekableStartUs();
      engine.seek(windowStartUs);
      await(
          engine,
          s -> s.state() == PlayerState.PLAYING && s.positionUs() < windowStartUs + 5_000_000L,
          15_000);
      long seekedToUs = engine.snapshot().positionUs();
      assertThat(engine.snapshot().seeksDone()).as("the seek, counted once carried out").isOne();
      Thread.sleep(4_000);
      PlayerSnapshot s = engine.snapshot();
      assertThat(seekedToUs).isGreaterThanOrEqualTo(windowStartUs + 2 * FRAGMENT_US);
      assertThat(s.positionUs()).isGreaterThanOrEqualTo(s.seekableStartUs());
      assertThat(s.liveLatencyMs()).as("still behind, where the viewer went").isGreaterThan(10_000);
    }
    assertThat(events(log, SessionEvent.Notice.class))
        .noneSatisfy(n -> assertThat(n.message()).contains("fell out of the DVR window"));
  }

  @Test
  @Timeout(60)
  void a_broadcast_that_ends_plays_out_and_ends_gracefully() throws Exception {
    SessionRecorder log = new SessionRecorder();
    try (LocalOrigin origin =
            LocalOrigin.builder(tiny).live(LiveOptions.defaults().withStartOffsetS(1)).start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                    .headless()
                    .silent()
                    .withSink(log))) {
      PlayerSnapshot end = engine.awaitEnd(40_000);
      assertThat(end.state()).as("error %s", end.error()).isEqualTo(PlayerState.ENDED);
    }
    assertThat(events(log, SessionEvent.Notice.class))
        .anySatisfy(n -> assertThat(n.message()).contains("broadcast ended"));
    assertThat(events(log, SessionEvent.SessionEnded.class).get(0).reason()).isEqualTo("ended");
  }

  @Test
  @Timeout(60)
  void an_origin_restart_that_makes_timestamps_jump_is_detected_and_playback_resyncs()
      throws Exception {
    SessionRecorder log = new SessionRecorder();
    try (LocalOrigin origin =
            LocalOrigin.builder(tiny).live(LiveOptions.defaults().withEndless(true)).start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                    .headless()
                    .silent()
                    .withSink(log))) {
      await(engine, s -> s.state() == PlayerState.PLAYING, 20_000);
      long before = engine.snapshot().positionUs();
      origin.live().orElseThrow().restart();
      await(engine, s -> s.positionUs() > before + 1000L * 1_000_000L, 30_000);
      await(engine, s -> s.state() == PlayerState.PLAYING, 15_000);
      assertThat(engine.snapshot().liveLatencyMs()).isLessThanOrEqualTo(3 * 1000.0);
    }
    assertThat(events(log, SessionEvent.Notice.class))
        .anySatisfy(n -> assertThat(n.message()).contains("restarted"));
  }
}
