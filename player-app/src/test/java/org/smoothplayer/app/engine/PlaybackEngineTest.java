package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.playback.ShownFrame;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.generate.LevelSpec;
import org.smoothplayer.assets.generate.ManifestStyle;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.LinkTrace;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * The engine end to end against the local origin: real HTTP on loopback with link shaping and fault
 * injection, real FFmpeg decoding, the silent audio clock (no sound device here).
 */
class PlaybackEngineTest {

  /** Four small levels up to 2.4 Mbps, 2-s fragments, 20 s: fast to generate, real to play. */
  static final PresentationSpec LADDER =
      new PresentationSpec(
          "engine-ladder",
          20_000,
          2_000,
          List.of(
              new LevelSpec(250_000, 192, 108),
              new LevelSpec(600_000, 320, 180),
              new LevelSpec(1_200_000, 480, 270),
              new LevelSpec(2_400_000, 640, 360)),
          25,
          true,
          ManifestStyle.TIMED,
          PresentationSpec.DEFAULT_FLASH_INTERVAL_MS);

  private static final double FRAGMENT_S = LADDER.fragmentDurationMs() / 1000.0;

  static Path ladder;
  static Path tiny;

  @BeforeAll
  static void generate() {
    ladder = Presentations.cached(LADDER);
    tiny = Presentations.cached(Preset.TINY);
  }

  private static String manifestUrl(LocalOrigin origin) {
    return origin.baseUri().resolve("Manifest").toString();
  }

  private static EngineOptions options(String url, SessionRecorder recorder) {
    return EngineOptions.of(url).headless().silent().withSink(recorder);
  }

  private static <T extends SessionEvent> List<T> events(SessionRecorder r, Class<T> type) {
    return r.events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  @Timeout(60)
  void on_a_steady_8_mbps_link_it_reaches_the_top_level_and_never_stalls() throws Exception {
    SessionRecorder recorder = new SessionRecorder();
    try (LocalOrigin origin = LocalOrigin.builder(ladder).linkTrace(LinkTrace.constant(8)).start();
        PlaybackEngine engine = PlaybackEngine.open(options(manifestUrl(origin), recorder))) {
      PlayerSnapshot end = engine.awaitEnd(50_000);
      assertThat(end.state()).isEqualTo(PlayerState.ENDED);
    }
    assertThat(events(recorder, SessionEvent.StallStarted.class)).isEmpty();
    List<SessionEvent.QualityRendered> shown = events(recorder, SessionEvent.QualityRendered.class);
    assertThat(shown).extracting(SessionEvent.QualityRendered::level).contains(3);
    assertThat(events(recorder, SessionEvent.Decision.class))
        .extracting(SessionEvent.Decision::level)
        .last()
        .isEqualTo(3);
    SessionEvent.SessionEnded ended = events(recorder, SessionEvent.SessionEnded.class).get(0);
    assertThat(ended.reason()).isEqualTo("ended");
    assertThat(ended.positionUs()).isGreaterThan(19_500_000L);
    assertThat(ended.renderedFrames()).isGreaterThan(480);
  }

  @Test
  @Timeout(60)
  void when_the_link_drops_from_8_to_1_mbps_it_switches_down_before_the_buffer_runs_dry()
      throws Exception {
    LinkTrace drop = LinkTrace.parse("drop", "0 8\n6 8\n6.01 1\n600 1\n");
    PlayerConfig config =
        PlayerConfig.fromValues(
            Map.of(
                PlaybackSettings.VIDEO_TARGET_S.key(),
                8.0,
                PlaybackSettings.AUDIO_TARGET_S.key(),
                8.0),
            "default");
    SessionRecorder recorder = new SessionRecorder();
    try (LocalOrigin origin = LocalOrigin.builder(ladder).linkTrace(drop).start();
        PlaybackEngine engine =
            PlaybackEngine.open(options(manifestUrl(origin), recorder).withConfig(config))) {
      assertThat(engine.awaitEnd(55_000).state()).isEqualTo(PlayerState.ENDED);
    }
    List<SessionEvent.Decision> decisions = events(recorder, SessionEvent.Decision.class);
    int peak = 0;
    double firstDownMs = -1;
    for (SessionEvent.Decision d : decisions) {
      if (d.level() < peak && firstDownMs < 0) {
        firstDownMs = d.tMs();
      }
      peak = Math.max(peak, d.level());
    }
    assertThat(peak).as("the top level reached before the drop").isGreaterThanOrEqualTo(2);
    assertThat(firstDownMs).as("a down-switch happened").isPositive();
    List<SessionEvent.StallStarted> stalls = events(recorder, SessionEvent.StallStarted.class);
    if (!stalls.isEmpty()) {
      assertThat(firstDownMs).isLessThan(stalls.get(0).tMs());
    }
    // After the drop, every level asked for is below the peak and arrives over the 1-Mbps link
    // before the buffer runs out. (Near the end of this 20-s stream a level above 1 Mbps can be
    // right: the last fragments may spend the buffer.)
    for (SessionEvent.Decision d : decisions) {
      if (d.tMs() >= firstDownMs) {
        assertThat(d.level()).as("after the first down-switch: %s", d).isLessThan(peak);
        double fetchS = d.bitrateBps() * FRAGMENT_S / 1_000_000.0;
        assertThat(fetchS)
            .as("a fragment at this level arrives over 1 Mbps before the buffer runs out: %s", d)
            .isLessThan(FRAGMENT_S + d.bufferedS());
      }
    }
  }

  @Test
  @Timeout(40)
  void a_404_on_one_fragment_is_retried_lower_and_playback_continues_to_the_end() throws Exception {
    SessionRecorder recorder = new SessionRecorder();
    try (LocalOrigin origin =
            LocalOrigin.builder(tiny)
                .fault(FaultRule.parse("QualityLevels(400000)/Fragments(video=20000000)=404"))
                .start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                options(manifestUrl(origin), recorder).withQuality(QualityChoice.level(1)))) {
      assertThat(engine.awaitEnd(30_000).state()).isEqualTo(PlayerState.ENDED);
    }
    List<SessionEvent.FragmentFailed> failed = events(recorder, SessionEvent.FragmentFailed.class);
    assertThat(failed).isNotEmpty();
    assertThat(failed.get(0).reason()).contains("404");
    assertThat(failed.get(0).action()).isEqualTo("retry");
    assertThat(events(recorder, SessionEvent.FragmentLoaded.class))
        .filteredOn(f -> f.stream().equals("video") && f.chunkIndex() == 2)
        .singleElement()
        .extracting(SessionEvent.FragmentLoaded::level)
        .isEqualTo(0);
    assertThat(events(recorder, SessionEvent.SessionEnded.class).get(0).positionUs())
        .isGreaterThan(3_800_000L);
  }

  @Test
  @Timeout(30)
  void a_missing_manifest_fails_with_a_readable_reason() throws Exception {
    SessionRecorder recorder = new SessionRecorder();
    try (LocalOrigin origin = LocalOrigin.builder(tiny).start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                options(origin.baseUri().resolve("Nope/Manifest").toString(), recorder))) {
      PlayerSnapshot s = engine.awaitEnd(20_000);
      assertThat(s.state()).isEqualTo(PlayerState.FAILED);
      String url = origin.baseUri().resolve("Nope/Manifest").toString();
      assertThat(s.error())
          .contains(
              "cannot fetch the manifest " + url + ": HTTP 404 Not Found; expected a 2xx status");
    }
    assertThat(events(recorder, SessionEvent.SessionEnded.class).get(0).reason())
        .isEqualTo("error");
  }

  @Test
  @Timeout(30)
  void a_paused_seek_shows_the_frame_at_the_target_and_the_clock_stays_there() throws Exception {
    SessionRecorder recorder = new SessionRecorder();
    try (LocalOrigin origin = LocalOrigin.builder(tiny).start();
        PlaybackEngine engine = openPaused(origin, recorder)) {
      await(engine, s -> s.state() == PlayerState.PAUSED);
      engine.seek(2_530_000);
      await(engine, s -> s.state() == PlayerState.PAUSED && s.positionUs() == 2_530_000);
      ShownFrame frame = awaitFrame(engine, f -> f.frame().presentationTimeUs() > 2_000_000);
      try {
        // 25 fps: the frame at 2.53 s starts at 2.52 s.
        assertThat(frame.frame().presentationTimeUs()).isEqualTo(2_520_000);
      } finally {
        frame.frame().close();
      }
      Thread.sleep(300);
      assertThat(engine.snapshot().positionUs()).isEqualTo(2_530_000);
      engine.play();
      await(engine, s -> s.positionUs() > 2_700_000);
    }
  }

  @Test
  @Timeout(30)
  void a_paused_session_writes_one_progress_event_not_one_a_second() throws Exception {
    SessionRecorder recorder = new SessionRecorder();
    try (LocalOrigin origin = LocalOrigin.builder(tiny).start();
        PlaybackEngine engine = openPaused(origin, recorder)) {
      // Paused at 0 with the whole 4-s presentation fetched: nothing moves any more.
      await(engine, s -> s.state() == PlayerState.PAUSED && s.bufferedAheadUs() >= 3_900_000);
      await(engine, s -> events(recorder, SessionEvent.Progress.class).size() >= 1);
      Thread.sleep(1_500);
      int settled = events(recorder, SessionEvent.Progress.class).size();
      Thread.sleep(3_000); // three progress intervals
      assertThat(events(recorder, SessionEvent.Progress.class)).hasSize(settled);

      engine.play();
      await(engine, s -> events(recorder, SessionEvent.Progress.class).size() >= settled + 2);
      assertThat(events(recorder, SessionEvent.Progress.class).get(settled + 1).state())
          .isEqualTo("PLAYING");
    }
  }

  /** A silent session of {@code origin}'s presentation that opens paused. */
  private static PlaybackEngine openPaused(LocalOrigin origin, SessionRecorder recorder) {
    return PlaybackEngine.open(
        EngineOptions.of(manifestUrl(origin)).silent().withAutoplay(false).withSink(recorder));
  }

  private static void await(PlaybackEngine engine, Predicate<PlayerSnapshot> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.test(engine.snapshot())) {
      assertThat(System.nanoTime()).as("waiting; last %s", engine.snapshot()).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private static ShownFrame awaitFrame(PlaybackEngine engine, Predicate<ShownFrame> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      ShownFrame f = engine.frames().pickDue();
      if (f != null) {
        if (condition.test(f)) {
          return f;
        }
        f.frame().close();
      }
      assertThat(System.nanoTime()).as("waiting for a frame").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
