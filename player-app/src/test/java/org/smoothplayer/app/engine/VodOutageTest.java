package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smoothplayer.app.engine.LiveSession.events;
import static org.smoothplayer.app.engine.LiveSession.noticeMessages;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.origin.FaultKind;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * An on-demand session whose origin stops answering (every request, the manifest URL's included,
 * refused with a 503 or its connection reset): an outage, waited for where playback is, up to
 * {@code network.outageLimitS}, and never skipped through; against a single fragment the origin
 * cannot serve while it answers everything else, which is still skipped after its retries.
 */
class VodOutageTest {

  /** The longest silence of the origin the snapshots published during {@link #outage}. */
  private long longestSilenceMs;

  /** Level 0 of the 20-s ladder, with 2-s buffer targets: the outage meets fragment requests. */
  private static PlayerConfig smallBuffers(Map<String, Double> more) {
    Map<String, Double> values =
        new HashMap<>(
            Map.of(
                PlaybackSettings.VIDEO_TARGET_S.key(), 2.0,
                PlaybackSettings.AUDIO_TARGET_S.key(), 2.0));
    values.putAll(more);
    return PlayerConfig.fromValues(values, "default");
  }

  private static PlaybackEngine open(LocalOrigin origin, PlayerConfig config, SessionRecorder log) {
    return PlaybackEngine.open(
        EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
            .headless()
            .silent()
            .withQuality(QualityChoice.level(0))
            .withConfig(config)
            .withSink(log));
  }

  private static void awaitPosition(PlaybackEngine engine, long positionUs) throws Exception {
    LiveSession.await(
        engine, p -> p.state() == PlayerState.PLAYING && p.positionUs() >= positionUs, 20_000);
  }

  /**
   * Every request to {@code origin} gets {@code fault} for {@code ms}; returns the states {@code
   * engine} was seen in meanwhile.
   */
  private Set<PlayerState> outage(
      LocalOrigin origin, PlaybackEngine engine, FaultKind fault, long ms) throws Exception {
    Set<PlayerState> seen = EnumSet.noneOf(PlayerState.class);
    origin.setFaults(List.of(FaultRule.always("/", fault)));
    long endNs = System.nanoTime() + ms * 1_000_000L;
    while (System.nanoTime() < endNs) {
      PlayerSnapshot p = engine.snapshot();
      seen.add(p.state());
      longestSilenceMs = Math.max(longestSilenceMs, p.originSilentMs());
      Thread.sleep(20);
    }
    origin.setFaults(List.of());
    return seen;
  }

  @Test
  @Timeout(90)
  void an_outage_is_waited_for_and_playback_goes_on_from_where_it_was_without_skipping()
      throws Exception {
    // With 2 s of skipped video allowed, skipping through a 6-s outage would fail the session.
    PlayerConfig config = smallBuffers(Map.of(PlaybackSettings.VIDEO_SKIP_LIMIT_S.key(), 2.0));
    SessionRecorder log = new SessionRecorder();
    Set<PlayerState> during;
    PlayerSnapshot end;
    try (LocalOrigin origin =
            LocalOrigin.builder(Presentations.cached(PlaybackEngineTest.LADDER)).start();
        PlaybackEngine engine = open(origin, config, log)) {
      awaitPosition(engine, 3_000_000);
      during = outage(origin, engine, new FaultKind.Status(503), 6_000);
      end = engine.awaitEnd(40_000);
    }
    List<SessionEvent> events = log.events();
    assertThat(during).contains(PlayerState.BUFFERING).doesNotContain(PlayerState.FAILED);
    assertThat(end.state()).isEqualTo(PlayerState.ENDED);
    assertThat(end.positionUs()).isGreaterThan(19_500_000L);
    // Every fragment of the 20 s was loaded: none skipped, every failure retried.
    assertThat(events(events, SessionEvent.FragmentLoaded.class))
        .filteredOn(f -> f.stream().equals("video"))
        .extracting(SessionEvent.FragmentLoaded::chunkIndex)
        .containsAll(IntStream.range(0, 10).boxed().toList());
    assertThat(events(events, SessionEvent.FragmentFailed.class))
        .filteredOn(f -> !f.stream().equals("manifest"))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.action()).isEqualTo("retry"));
    assertThat(noticeMessages(events, "the origin does not answer ("))
        .singleElement()
        .satisfies(
            m -> assertThat(m).contains("HTTP 503").contains("up to 120 s (network.outageLimitS)"));
    assertThat(noticeMessages(events, "the origin answers again after ")).hasSize(1);
    // The picture said so while it lasted (the 6-s outage counts from its first failure).
    assertThat(longestSilenceMs).isBetween(3_000L, 6_500L);
    assertThat(end.originSilentMs()).isZero();
  }

  @Test
  @Timeout(90)
  void a_transfer_under_way_when_the_origin_goes_down_does_not_end_the_outage_when_it_ends()
      throws Exception {
    // The next audio fragment pauses half-way for 2.5 s (below the 3-s stalled-transfer limit),
    // and the origin goes down while it is under way. Audio is asked for 2 s ahead and video 3 s,
    // so the next video request comes about a second of playback later, while the audio transfer
    // is still under way: the video fragment fails first, then the audio transfer ends. The origin
    // answered that request before it fell silent, so the outage goes on; taken for an answer, it
    // would make the video fragment a missing one, skipped after its 1 retry, and 2 s of skipped
    // video fail the session.
    PlayerConfig config =
        smallBuffers(
            Map.of(
                PlaybackSettings.VIDEO_TARGET_S.key(), 3.0,
                PlaybackSettings.VIDEO_SKIP_LIMIT_S.key(), 2.0,
                PlaybackSettings.FRAGMENT_RETRIES.key(), 1.0));
    SessionRecorder log = new SessionRecorder();
    Set<PlayerState> during;
    int stalledChunk;
    try (LocalOrigin origin =
            LocalOrigin.builder(Presentations.cached(PlaybackEngineTest.LADDER)).start();
        PlaybackEngine engine = open(origin, config, log)) {
      awaitPosition(engine, 3_000_000);
      long audioRequests = audioRequests(log);
      origin.setFaults(List.of(FaultRule.firstN("Fragments(audio", new FaultKind.Stall(2_500), 1)));
      long deadlineNs = System.nanoTime() + 10_000_000_000L;
      while (audioRequests(log) == audioRequests && System.nanoTime() < deadlineNs) {
        Thread.sleep(5);
      }
      stalledChunk =
          events(log.events(), SessionEvent.FragmentRequested.class).stream()
              .filter(r -> r.stream().equals("audio"))
              .reduce((a, b) -> b)
              .orElseThrow()
              .chunkIndex();
      // The request reaches the origin, which sends half the fragment and pauses.
      Thread.sleep(150);
      during = outage(origin, engine, new FaultKind.Status(503), 6_000);
      long stoppedUs = engine.snapshot().positionUs();
      awaitPosition(engine, stoppedUs + 2_000_000);
    }
    List<SessionEvent> events = log.events();
    double firstVideoFailureMs =
        events(events, SessionEvent.FragmentFailed.class).stream()
            .filter(f -> f.stream().equals("video"))
            .mapToDouble(SessionEvent.FragmentFailed::tMs)
            .min()
            .orElseThrow();
    // The audio transfer under way when the origin went down ended after the first video failure.
    assertThat(events(events, SessionEvent.FragmentLoaded.class))
        .filteredOn(l -> l.stream().equals("audio") && l.chunkIndex() == stalledChunk)
        .singleElement()
        .satisfies(l -> assertThat(l.tMs()).isGreaterThan(firstVideoFailureMs));
    assertThat(events(events, SessionEvent.FragmentFailed.class))
        .noneMatch(f -> f.stream().equals("audio") && f.chunkIndex() == stalledChunk);
    assertThat(during).contains(PlayerState.BUFFERING).doesNotContain(PlayerState.FAILED);
    assertThat(events(events, SessionEvent.FragmentFailed.class))
        .filteredOn(f -> !f.stream().equals("manifest"))
        .allSatisfy(f -> assertThat(f.action()).isEqualTo("retry"));
    assertThat(noticeMessages(events, "the origin answers again after ")).hasSize(1);
  }

  private static long audioRequests(SessionRecorder log) {
    return events(log.events(), SessionEvent.FragmentRequested.class).stream()
        .filter(r -> r.stream().equals("audio"))
        .count();
  }

  @Test
  @Timeout(90)
  void an_origin_that_accepts_connections_but_sends_nothing_is_an_outage_too() throws Exception {
    // Every request is accepted and then left without a byte: each fragment transfer is abandoned
    // as stalled after 3 s, and the probe of the manifest URL times out after the 3.5-s read
    // time-out, before the third abandoned attempt (2 retries) would skip the fragment.
    PlayerConfig config =
        smallBuffers(
            Map.of(
                PlaybackSettings.VIDEO_SKIP_LIMIT_S.key(), 2.0,
                PlaybackSettings.FRAGMENT_RETRIES.key(), 2.0,
                PlaybackSettings.READ_TIMEOUT_S.key(), 3.5));
    SessionRecorder log = new SessionRecorder();
    Set<PlayerState> during;
    try (LocalOrigin origin =
            LocalOrigin.builder(Presentations.cached(PlaybackEngineTest.LADDER)).start();
        PlaybackEngine engine = open(origin, config, log)) {
      awaitPosition(engine, 3_000_000);
      during = outage(origin, engine, new FaultKind.Slow(30_000), 11_000);
      long stoppedUs = engine.snapshot().positionUs();
      awaitPosition(engine, stoppedUs + 2_000_000);
    }
    List<SessionEvent> events = log.events();
    assertThat(during).contains(PlayerState.BUFFERING).doesNotContain(PlayerState.FAILED);
    assertThat(events(events, SessionEvent.FragmentAbandoned.class))
        .filteredOn(a -> a.stream().equals("video"))
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(a -> assertThat(a.reason()).contains("(stalled transfer)"));
    assertThat(events(events, SessionEvent.FragmentFailed.class))
        .noneMatch(f -> f.action().equals("skip"));
    assertThat(noticeMessages(events, "the origin does not answer (")).hasSize(1);
    assertThat(noticeMessages(events, "the origin answers again after ")).hasSize(1);
  }

  @Test
  @Timeout(60)
  void an_origin_silent_for_network_outage_limit_s_fails_the_session_naming_the_last_failure()
      throws Exception {
    PlayerConfig config = smallBuffers(Map.of(PlaybackSettings.OUTAGE_LIMIT_S.key(), 4.0));
    SessionRecorder log = new SessionRecorder();
    PlayerSnapshot end;
    try (LocalOrigin origin =
            LocalOrigin.builder(Presentations.cached(PlaybackEngineTest.LADDER)).start();
        PlaybackEngine engine = open(origin, config, log)) {
      awaitPosition(engine, 1_000_000);
      origin.setFaults(List.of(FaultRule.always("/", new FaultKind.Reset())));
      long faultsNs = System.nanoTime();
      end = engine.awaitEnd(30_000);
      // The limit counts from the first failure, which comes after the faults are set.
      assertThat((System.nanoTime() - faultsNs) / 1e9).isGreaterThanOrEqualTo(4.0);
    }
    assertThat(end.state()).isEqualTo(PlayerState.FAILED);
    assertThat(end.error().orElseThrow())
        .startsWith("the origin has not answered for ")
        .contains("(network.outageLimitS 4 s); the last failure: ")
        .containsIgnoringCase("reset");
    assertThat(events(log.events(), SessionEvent.FragmentFailed.class))
        .noneMatch(f -> f.action().equals("skip"));
  }

  @Test
  @Timeout(60)
  void fragments_refused_with_503_while_the_manifest_answers_are_skipped_and_fail_the_session()
      throws Exception {
    // Every fragment is refused, but the manifest URL answers: the origin is up and its fragments
    // are the problem, so they are skipped after their retries (no waiting for an outage to end)
    // and the session fails on network.videoSkipLimitS (10 s of the 20).
    EngineRun.Outcome o =
        EngineRun.play(
            LocalOrigin.builder(Presentations.cached(PlaybackEngineTest.LADDER))
                .fault(FaultRule.parse("Fragments(=503")),
            opts -> opts.withQuality(QualityChoice.level(0)),
            40_000);
    assertThat(o.end().state()).isEqualTo(PlayerState.FAILED);
    assertThat(o.end().error().orElseThrow())
        .startsWith("video fragments cannot be loaded: ")
        .contains("HTTP 503");
    assertThat(o.failures()).anyMatch(f -> f.action().equals("skip"));
    assertThat(noticeMessages(o.log().events(), "the origin does not answer")).isEmpty();
  }
}
