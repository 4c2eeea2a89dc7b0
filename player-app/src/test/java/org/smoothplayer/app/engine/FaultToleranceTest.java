package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.engine.EngineRun.Outcome;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * Every fault an HTTP origin can produce, injected by the local origin on the third video fragment
 * of {@code tiny} (1-s fragments, 4 s): what the viewer gets (playback goes on to the end, or a
 * readable failure) and what the session log says.
 */
class FaultToleranceTest {
  /** The third video fragment (2 s) at any level. */
  private static final String THIRD_VIDEO = "Fragments(video=20000000)";

  private static Path tiny;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  /** Played to the end of {@code tiny} (4 s). */
  private static void playedToTheEnd(Outcome o) {
    o.playedToTheEnd(3_800_000L);
  }

  private static void loadedThirdVideoFragment(Outcome o) {
    assertThat(o.loadedChunks("video")).filteredOn(c -> c == 2).hasSize(1);
  }

  private static Outcome play(String rule) throws Exception {
    return play(rule, QualityChoice.auto());
  }

  private static Outcome play(String rule, QualityChoice quality) throws Exception {
    return EngineRun.play(
        LocalOrigin.builder(tiny).fault(FaultRule.parse(rule)),
        o -> o.withQuality(quality),
        40_000);
  }

  @Test
  @Timeout(60)
  void a_404_is_retried_and_the_fragment_then_plays() throws Exception {
    Outcome o = play(THIRD_VIDEO + "=404@1");
    playedToTheEnd(o);
    loadedThirdVideoFragment(o);
    assertThat(o.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).contains("HTTP 404");
              assertThat(f.action()).isEqualTo("retry");
              assertThat(f.chunkIndex()).isEqualTo(2);
            });
  }

  @Test
  @Timeout(60)
  void a_500_is_retried_and_the_fragment_then_plays() throws Exception {
    Outcome o = play(THIRD_VIDEO + "=500@1");
    playedToTheEnd(o);
    loadedThirdVideoFragment(o);
    assertThat(o.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("500"));
  }

  @Test
  @Timeout(60)
  void a_503_with_retry_after_is_retried_no_sooner_than_the_server_asked() throws Exception {
    Outcome o = play(THIRD_VIDEO + "=503@1");
    playedToTheEnd(o);
    loadedThirdVideoFragment(o);
    SessionEvent.FragmentFailed failed = o.failures().get(0);
    assertThat(failed.reason()).contains("503");
    SessionEvent.FragmentRequested retry =
        o.events(SessionEvent.FragmentRequested.class).stream()
            .filter(r -> r.stream().equals("video") && r.chunkIndex() == 2)
            .filter(r -> r.tMs() > failed.tMs())
            .findFirst()
            .orElseThrow();
    // The origin sends Retry-After: 1.
    assertThat(retry.tMs() - failed.tMs()).isGreaterThanOrEqualTo(990);
  }

  @Test
  @Timeout(60)
  void a_connection_reset_mid_body_is_retried_and_the_fragment_then_plays() throws Exception {
    Outcome o = play(THIRD_VIDEO + "=reset@1");
    playedToTheEnd(o);
    loadedThirdVideoFragment(o);
    assertThat(o.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.action()).isEqualTo("retry"));
  }

  @Test
  @Timeout(60)
  void a_truncated_body_is_refused_retried_and_the_fragment_then_plays() throws Exception {
    Outcome o = play(THIRD_VIDEO + "=truncate@1");
    playedToTheEnd(o);
    loadedThirdVideoFragment(o);
    assertThat(o.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.action()).isEqualTo("retry"));
    assertThat(o.events(SessionEvent.DecoderError.class)).isEmpty();
  }

  @Test
  @Timeout(60)
  void a_transfer_that_stalls_for_30_s_mid_body_is_abandoned_and_refetched() throws Exception {
    long t0 = System.nanoTime();
    // At the lowest level the abandon rule has nothing lower to go to: the stall rule acts.
    Outcome o = play(THIRD_VIDEO + "=stall:30@1", QualityChoice.level(0));
    playedToTheEnd(o);
    loadedThirdVideoFragment(o);
    assertThat(o.events(SessionEvent.FragmentAbandoned.class))
        .singleElement()
        .satisfies(a -> assertThat(a.reason()).contains("stalled"));
    assertThat((System.nanoTime() - t0) / 1e9).as("well before the stall ends").isLessThan(25);
  }

  @Test
  @Timeout(60)
  void a_slow_first_byte_only_delays_the_fragment() throws Exception {
    Outcome o = play(THIRD_VIDEO + "=slow:1500@1", QualityChoice.level(0));
    playedToTheEnd(o);
    assertThat(o.failures()).isEmpty();
    assertThat(o.events(SessionEvent.FragmentLoaded.class))
        .filteredOn(f -> f.stream().equals("video") && f.chunkIndex() == 2)
        .singleElement()
        .satisfies(f -> assertThat(f.ttfbMs()).isGreaterThanOrEqualTo(1400));
  }

  @Test
  @Timeout(60)
  void a_stall_ends_when_the_buffer_targets_are_filled_even_if_they_are_below_the_resume_buffer()
      throws Exception {
    // 2-s targets under the default 4-s resume buffer: nothing beyond 2 s ahead is ever fetched.
    PlayerConfig config =
        PlayerConfig.fromValues(
            Map.of(
                PlaybackSettings.VIDEO_TARGET_S.key(), 2.0,
                PlaybackSettings.AUDIO_TARGET_S.key(), 2.0),
            "default");
    assertThat(config.playback().resumeS()).isGreaterThan(2.0);
    SessionRecorder log = new SessionRecorder();
    try (LocalOrigin origin =
            LocalOrigin.builder(Presentations.cached(PlaybackEngineTest.LADDER))
                .fault(FaultRule.parse("Fragments(video=40000000)=slow:2500@1"))
                .start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                    .headless()
                    .silent()
                    .withQuality(QualityChoice.level(0))
                    .withConfig(config)
                    .withSink(log))) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (log.events().stream().noneMatch(SessionEvent.StallEnded.class::isInstance)) {
        assertThat(System.nanoTime())
            .as("a stall that ends; last snapshot %s", engine.snapshot())
            .isLessThan(deadline);
        Thread.sleep(20);
      }
      assertThat(log.events()).anyMatch(SessionEvent.StallStarted.class::isInstance);
    }
  }

  @Test
  @Timeout(90)
  void a_fragment_missing_at_every_level_is_skipped_and_playback_goes_on_to_the_end()
      throws Exception {
    Outcome o = play(THIRD_VIDEO + "=404");
    playedToTheEnd(o);
    List<SessionEvent.FragmentFailed> failures = o.failures();
    assertThat(failures).extracting(SessionEvent.FragmentFailed::action).endsWith("skip");
    assertThat(failures)
        .extracting(SessionEvent.FragmentFailed::level)
        .as("retried at the same level once, then the lowest")
        .contains(0);
    assertThat(o.events(SessionEvent.FragmentLoaded.class))
        .filteredOn(f -> f.stream().equals("video"))
        .extracting(SessionEvent.FragmentLoaded::chunkIndex)
        .containsExactly(0, 1, 3);
  }

  /** {@code tiny} with no video fragment to be had, under a skip limit and without retries. */
  private static Outcome playWithoutVideo(double videoSkipLimitS) throws Exception {
    PlayerConfig config =
        PlayerConfig.fromValues(
            Map.of(
                PlaybackSettings.VIDEO_SKIP_LIMIT_S.key(),
                videoSkipLimitS,
                PlaybackSettings.FRAGMENT_RETRIES.key(),
                0.0),
            "default");
    return EngineRun.play(
        LocalOrigin.builder(tiny).fault(FaultRule.parse("Fragments(video=404")),
        o -> o.withConfig(config),
        40_000);
  }

  @Test
  @Timeout(60)
  void video_skipped_in_a_row_up_to_the_limit_fails_the_session_naming_the_cause()
      throws Exception {
    Outcome o = playWithoutVideo(2);

    assertThat(o.end().state()).isEqualTo(PlayerState.FAILED);
    assertThat(o.end().error())
        .get()
        .asString()
        .startsWith(
            "video fragments cannot be loaded: 2.0 s of video skipped in a row (fragments 0-1,"
                + " network.videoSkipLimitS 2 s); the last failed with HTTP_STATUS")
        .contains("Fragments(video=10000000): HTTP 404");
    assertThat(o.failures())
        .filteredOn(f -> f.stream().equals("video"))
        .extracting(SessionEvent.FragmentFailed::chunkIndex)
        .containsExactly(0, 1);
    assertThat(o.ended().reason()).isEqualTo("error");
  }

  @Test
  @Timeout(60)
  void with_the_limit_at_0_missing_video_is_skipped_to_the_end() throws Exception {
    Outcome o = playWithoutVideo(0);

    assertThat(o.end().state()).isEqualTo(PlayerState.ENDED);
    assertThat(o.failures())
        .filteredOn(f -> f.stream().equals("video"))
        .extracting(SessionEvent.FragmentFailed::chunkIndex)
        .containsExactly(0, 1, 2, 3);
  }

  @Test
  @Timeout(60)
  void a_refused_connection_fails_the_session_with_the_cause_after_retrying() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    SessionRecorder log = new SessionRecorder();
    PlayerSnapshot end;
    try (PlaybackEngine engine =
        PlaybackEngine.open(
            EngineOptions.of("http://127.0.0.1:" + port + "/Manifest")
                .headless()
                .silent()
                .withSink(log))) {
      end = engine.awaitEnd(30_000);
    }
    assertThat(end.state()).isEqualTo(PlayerState.FAILED);
    assertThat(end.error())
        .get()
        .asString()
        .contains("cannot fetch the manifest")
        .contains("connect");
    assertThat(log.events())
        .filteredOn(SessionEvent.FragmentFailed.class::isInstance)
        .hasSize(PlaybackSettings.DEFAULTS.fragmentRetries());
    assertThat(log.events().get(log.events().size() - 1))
        .isInstanceOfSatisfying(
            SessionEvent.SessionEnded.class, e -> assertThat(e.reason()).isEqualTo("error"));
  }

  @ParameterizedTest(
      name =
          "a manifest that answers {0} every time fails after retries spaced as the server asked")
  @ValueSource(ints = {503, 429})
  @Timeout(60)
  void a_manifest_that_answers_a_retry_after_status_every_time_fails_after_retries_spaced_as_asked(
      int status) throws Exception {
    Outcome o = play("Manifest=" + status);
    assertThat(o.end().state()).isEqualTo(PlayerState.FAILED);
    assertThat(o.end().error())
        .get()
        .asString()
        .contains("cannot fetch the manifest")
        .contains(String.valueOf(status));
    List<SessionEvent.FragmentFailed> retries = o.failures();
    assertThat(retries).hasSize(PlaybackSettings.DEFAULTS.fragmentRetries());
    assertThat(retries).allSatisfy(f -> assertThat(f.stream()).isEqualTo("manifest"));
    assertThat(retries).allSatisfy(f -> assertThat(f.reason()).contains(String.valueOf(status)));
    assertThat(retries).extracting(SessionEvent.FragmentFailed::action).containsOnly("retry");
    // Retry-After: 1 on every answer: no attempt comes sooner than a second after the previous one.
    for (int i = 1; i < retries.size(); i++) {
      assertThat(retries.get(i).tMs() - retries.get(i - 1).tMs())
          .as("gap before attempt %d", i + 2)
          .isGreaterThanOrEqualTo(990);
    }
    assertThat(o.ended().reason()).isEqualTo("error");
  }

  @Test
  @Timeout(60)
  void a_manifest_that_answers_429_once_is_retried_and_the_session_plays_to_the_end()
      throws Exception {
    Outcome o = play("Manifest=429@1");
    playedToTheEnd(o);
    assertThat(o.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.stream()).isEqualTo("manifest");
              assertThat(f.reason()).contains("429");
              assertThat(f.action()).isEqualTo("retry");
            });
  }

  @Test
  @Timeout(60)
  void an_unknown_host_fails_the_session_naming_it_after_retrying() throws Exception {
    // RFC 6761 reserves .invalid: no resolver answers a name under it.
    String host = "smooth-player-test.invalid";
    SessionRecorder log = new SessionRecorder();
    PlayerSnapshot end;
    try (PlaybackEngine engine =
        PlaybackEngine.open(
            EngineOptions.of("http://" + host + "/Manifest").headless().silent().withSink(log))) {
      end = engine.awaitEnd(30_000);
    }
    assertThat(end.state()).isEqualTo(PlayerState.FAILED);
    assertThat(end.error())
        .get()
        .asString()
        .contains("cannot fetch the manifest")
        .contains("unknown host " + host + " (the name does not resolve)")
        .doesNotContain("Exception");
    assertThat(log.events())
        .filteredOn(SessionEvent.FragmentFailed.class::isInstance)
        .hasSize(PlaybackSettings.DEFAULTS.fragmentRetries());
    assertThat(log.events().get(log.events().size() - 1))
        .isInstanceOfSatisfying(
            SessionEvent.SessionEnded.class, e -> assertThat(e.reason()).isEqualTo("error"));
  }

  @Test
  @Timeout(90)
  void an_origin_restarted_mid_session_is_survived() throws Exception {
    Path ladder = Presentations.cached(PlaybackEngineTest.LADDER);
    PlayerConfig config =
        PlayerConfig.fromValues(
            Map.of(
                PlaybackSettings.VIDEO_TARGET_S.key(), 4.0,
                PlaybackSettings.AUDIO_TARGET_S.key(), 4.0),
            "default");
    SessionRecorder log = new SessionRecorder();
    LocalOrigin origin = LocalOrigin.builder(ladder).start();
    int port = origin.port();
    try (PlaybackEngine engine =
        PlaybackEngine.open(
            EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                .headless()
                .silent()
                .withConfig(config)
                .withSink(log))) {
      while (engine.snapshot().positionUs() < 5_000_000L) {
        Thread.sleep(20);
      }
      origin.close();
      Thread.sleep(1500);
      origin = LocalOrigin.builder(ladder).port(port).start();
      PlayerSnapshot end = engine.awaitEnd(40_000);
      assertThat(end.state()).as("error %s", end.error()).isEqualTo(PlayerState.ENDED);
    } finally {
      origin.close();
    }
    assertThat(log.events())
        .filteredOn(SessionEvent.SessionEnded.class::isInstance)
        .singleElement()
        .satisfies(
            e ->
                assertThat(((SessionEvent.SessionEnded) e).positionUs())
                    .isGreaterThan(19_500_000L));
  }

  @Test
  @Timeout(60)
  void a_fragment_that_would_arrive_after_the_buffer_runs_dry_is_abandoned_and_fetched_lower()
      throws Exception {
    Path ladder = Presentations.cached(PlaybackEngineTest.LADDER);
    PlayerConfig config =
        PlayerConfig.fromValues(
            Map.of(
                PlaybackSettings.VIDEO_TARGET_S.key(), 4.0,
                PlaybackSettings.AUDIO_TARGET_S.key(), 4.0),
            "default");
    // 8 Mbps, then a collapse to 0.3 Mbps: a top-level fragment (600 KB) would take 16 s.
    org.smoothplayer.assets.origin.LinkTrace collapse =
        org.smoothplayer.assets.origin.LinkTrace.parse("collapse", "0 8\n6 8\n6.01 0.3\n600 0.3\n");
    SessionRecorder log = new SessionRecorder();
    try (LocalOrigin origin = LocalOrigin.builder(ladder).linkTrace(collapse).start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                    .headless()
                    .silent()
                    .withConfig(config)
                    .withSink(log))) {
      long deadline = System.nanoTime() + 45_000_000_000L;
      while (System.nanoTime() < deadline && refetchedLower(log) == null) {
        Thread.sleep(50);
      }
    }
    SessionEvent.FragmentAbandoned abandoned =
        log.events().stream()
            .filter(SessionEvent.FragmentAbandoned.class::isInstance)
            .map(SessionEvent.FragmentAbandoned.class::cast)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no fragment was abandoned: " + log.events()));
    assertThat(abandoned.reason()).contains("projected").contains("refetching at level");
    SessionEvent.FragmentLoaded lower = refetchedLower(log);
    assertThat(lower).as("the same fragment loaded at a lower level").isNotNull();
    assertThat(lower.level()).isLessThan(abandoned.level());
  }

  private static SessionEvent.FragmentLoaded refetchedLower(SessionRecorder log) {
    List<SessionEvent> events = log.events();
    SessionEvent.FragmentAbandoned abandoned = null;
    for (SessionEvent e : events) {
      if (abandoned == null && e instanceof SessionEvent.FragmentAbandoned a) {
        abandoned = a;
      } else if (abandoned != null
          && e instanceof SessionEvent.FragmentLoaded l
          && l.stream().equals("video")
          && l.chunkIndex() == abandoned.chunkIndex()) {
        return l;
      }
    }
    return null;
  }

  @Test
  @Timeout(60)
  void a_transfer_above_level_0_that_keeps_flowing_past_its_deadline_is_refetched_at_level_0(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // A copy of tiny whose third video fragment at level 1 (400 kbps, nominal 50 KB) carries 390 KB
    // of padding in a trailing free box (under the size cap of 4 x nominal + 256 KB). On a 0.8 Mbps
    // link its bytes keep flowing (no stall) for about 4.5 s, past the deadline of max(3 x 1 s, the
    // <= 2 s buffered). Once past the nominal size the projection of the abandon rule sees nothing
    // left to fetch, so only the deadline can act.
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    Path fragment = copy.resolve("QualityLevels(400000)").resolve(THIRD_VIDEO);
    int padBytes = 390 * 1024;
    java.nio.ByteBuffer free = java.nio.ByteBuffer.allocate(padBytes);
    free.putInt(padBytes).put("free".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    java.nio.file.Files.write(fragment, free.array(), java.nio.file.StandardOpenOption.APPEND);
    Outcome o =
        EngineRun.play(
            LocalOrigin.builder(copy)
                .linkTrace(org.smoothplayer.assets.origin.LinkTrace.constant(0.8)),
            opts -> opts.withQuality(QualityChoice.level(1)),
            40_000);
    playedToTheEnd(o);
    // At the start, with nothing buffered, the abandon rule may drop the first fragment to level 0;
    // the padded one is given up once, by the deadline.
    List<SessionEvent.FragmentAbandoned> third =
        o.events(SessionEvent.FragmentAbandoned.class).stream()
            .filter(a -> a.stream().equals("video") && a.chunkIndex() == 2)
            .toList();
    assertThat(third)
        .as("abandoned: %s", o.events(SessionEvent.FragmentAbandoned.class))
        .hasSize(1);
    SessionEvent.FragmentAbandoned abandoned = third.get(0);
    assertThat(abandoned.level()).isEqualTo(1);
    assertThat(abandoned.reason())
        .matches("not complete within the deadline of \\d+\\.\\d s; refetching at level 0");
    SessionEvent.FragmentRequested refetch =
        o.events(SessionEvent.FragmentRequested.class).stream()
            .filter(r -> r.stream().equals("video") && r.chunkIndex() == 2)
            .filter(r -> r.tMs() >= abandoned.tMs())
            .findFirst()
            .orElseThrow();
    assertThat(refetch.level()).isZero();
    assertThat(o.events(SessionEvent.FragmentLoaded.class))
        .filteredOn(f -> f.stream().equals("video") && f.chunkIndex() == 2)
        .singleElement()
        .satisfies(f -> assertThat(f.level()).isZero());
  }

  @Test
  @Timeout(60)
  void a_fragment_far_larger_than_its_bitrate_allows_is_refused_before_it_is_buffered(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // A copy of tiny whose third video fragment is 8 MB at both levels (its bitrate allows ~50 KB).
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    for (String level : new String[] {"150000", "400000"}) {
      Path fragment = copy.resolve("QualityLevels(" + level + ")").resolve(THIRD_VIDEO);
      java.nio.file.Files.write(fragment, new byte[8 << 20]);
    }
    Outcome o = EngineRun.play(LocalOrigin.builder(copy), opts -> opts, 40_000);
    playedToTheEnd(o);
    assertThat(o.failures())
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.reason()).contains("BODY_TOO_LARGE").contains("cap"));
    assertThat(o.failures()).extracting(SessionEvent.FragmentFailed::action).endsWith("skip");
    assertThat(o.events(SessionEvent.DecoderError.class)).isEmpty();
  }
}
