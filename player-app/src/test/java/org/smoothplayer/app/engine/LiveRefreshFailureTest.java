package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smoothplayer.app.engine.LiveSession.await;
import static org.smoothplayer.app.engine.LiveSession.events;
import static org.smoothplayer.app.engine.LiveSession.manifestFailures;
import static org.smoothplayer.app.engine.LiveSession.manifestRequests;
import static org.smoothplayer.app.engine.LiveSession.noticeMessages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.config.PlaybackSettings;
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

  /**
   * A live session on {@code tiny} with {@code live}, joined {@code joinFragments} behind the edge,
   * the manifest refreshed every 2 s as a fallback.
   */
  private static LiveSession refreshEvery2s(Path dir, double joinFragments, LiveOptions live)
      throws IOException {
    return LiveSession.open(
        tiny,
        dir,
        live,
        Map.of(
            PlaybackSettings.LIVE_JOIN_OFFSET_FRAGMENTS.key(),
            joinFragments,
            PlaybackSettings.LIVE_REFRESH_INTERVAL_S.key(),
            2.0),
        o -> o);
  }

  @Test
  @Timeout(60)
  void live_manifest_refreshes_failing_for_10_s_do_not_stop_playback_while_tfrf_look_ahead_lasts(
      @TempDir Path dir) throws Exception {
    // Three fragments behind the edge, and every fragment's tfrf announces the next one: the
    // timeline grows without the manifest. Refreshes fall back to every 2 s, so several fail.
    SessionRecorder log;
    Path requests;
    try (LiveSession session =
        refreshEvery2s(dir, 3.0, LiveOptions.defaults().withEndless(true).withStartOffsetS(40))) {
      log = session.log();
      requests = session.requests();
      LocalOrigin origin = session.origin();
      PlaybackEngine engine = session.engine();
      session.playing(1_000_000L);
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
          () ->
              manifestRequests(requests).stream()
                  .skip(manifestRequestsUnderFaults)
                  .anyMatch(l -> l.contains("\"status\":200")),
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

  private static final Pattern LOGGED_REQUEST =
      Pattern.compile("\"path\":\"([^\"]*)\".*\"status\":([0-9]+)");

  /** The origin's request-log lines of fragment requests, in order. */
  private static List<String> fragmentRequests(Path requestLog) throws IOException {
    return Files.readAllLines(requestLog).stream().filter(l -> l.contains("/Fragments(")).toList();
  }

  @Test
  @Timeout(60)
  void with_empty_tfrf_and_every_manifest_request_failing_playback_advances_by_extrapolated_probes(
      @TempDir Path dir) throws Exception {
    // One fragment behind the edge: the newest fragment is fetched as soon as it is known, before
    // the next one is published, so its tfrf is empty and only the manifest (failing from the
    // faults on) or probes of extrapolated fragments can grow the timeline.
    SessionRecorder log;
    Path requests;
    try (LiveSession session =
        refreshEvery2s(dir, 1.0, LiveOptions.defaults().withEndless(true).withStartOffsetS(40))) {
      log = session.log();
      requests = session.requests();
      LocalOrigin origin = session.origin();
      PlaybackEngine engine = session.engine();
      session.playing(1_000_000L);
      assertThat(manifestFailures(log.events())).as("no failure before the faults").isEmpty();

      // From now on every manifest request fails, for 8 s.
      origin.setFaults(List.of(FaultRule.parse("Manifest=500")));
      int requestsBeforeFaults = Files.readAllLines(requests).size();
      int eventsBeforeFaults = log.events().size();
      PlayerSnapshot faultsFrom = engine.snapshot();
      long faultsEndNs = System.nanoTime() + 8_000_000_000L;
      await(
          "6 s played under faults",
          () -> engine.snapshot().positionUs() >= faultsFrom.positionUs() + 6_000_000L,
          8_000,
          () ->
              "from "
                  + faultsFrom
                  + " to "
                  + engine.snapshot()
                  + "; notices "
                  + noticeMessages(log.events(), ""));
      await("the 8 s of faults passed", () -> System.nanoTime() >= faultsEndNs, 8_000);
      PlayerSnapshot faultsTo = engine.snapshot();
      List<SessionEvent> underFaults = log.events();
      List<String> requestsUnderFaults =
          Files.readAllLines(requests).stream().skip(requestsBeforeFaults).toList();
      origin.setFaults(List.of());

      assertThat(faultsTo.state()).isNotEqualTo(PlayerState.FAILED);
      assertThat(requestsUnderFaults.stream().filter(l -> l.contains("/Manifest")))
          .as("manifest requests under faults")
          .isNotEmpty()
          .allSatisfy(l -> assertThat(l).contains("\"status\":500"));
      // The timeline grew only from fragments the origin served: extrapolated probes confirmed.
      assertThat(faultsTo.seekableEndUs() - faultsFrom.seekableEndUs())
          .as("timeline growth under faults")
          .isGreaterThanOrEqualTo(6_000_000L);
      List<SessionEvent> sinceFaults = underFaults.subList(eventsBeforeFaults, underFaults.size());
      assertThat(noticeMessages(sinceFaults, "probing the next fragments by extrapolation"))
          .hasSize(1);
      List<String> confirmed = noticeMessages(sinceFaults, "confirmed by its tfxd");
      assertThat(confirmed.stream().filter(m -> m.startsWith("extrapolated video ")))
          .as("confirmed video probes: %s", confirmed)
          .hasSizeGreaterThanOrEqualTo(3);
      assertThat(confirmed.stream().filter(m -> m.startsWith("extrapolated audio ")))
          .as("confirmed audio probes: %s", confirmed)
          .hasSizeGreaterThanOrEqualTo(3);
      // A probe the origin answered 404 (not published yet) is tried again and then served.
      List<Matcher> fragments =
          requestsUnderFaults.stream()
              .filter(l -> l.contains("/Fragments("))
              .map(LOGGED_REQUEST::matcher)
              .filter(Matcher::find)
              .toList();
      for (int i = 0; i < fragments.size(); i++) {
        if (fragments.get(i).group(2).equals("404")) {
          String path = fragments.get(i).group(1);
          assertThat(fragments.subList(i + 1, fragments.size()))
              .as("a later request of %s answered 200", path)
              .anySatisfy(
                  m -> {
                    assertThat(m.group(1)).isEqualTo(path);
                    assertThat(m.group(2)).isEqualTo("200");
                  });
          assertThat(noticeMessages(sinceFaults, "not available (probe")).isNotEmpty();
        }
      }

      // Once the manifest answers again, extrapolation stops and playback goes on.
      await(
          "extrapolation stopped after the faults",
          () -> !noticeMessages(log.events(), "extrapolation stopped").isEmpty(),
          10_000);
      long afterUs = engine.snapshot().positionUs();
      await(
          "2 s more played", () -> engine.snapshot().positionUs() >= afterUs + 2_000_000L, 10_000);
    }
    List<SessionEvent> all = log.events();
    assertThat(events(all, SessionEvent.FragmentFailed.class))
        .as("failed probes are not failed fragments")
        .allSatisfy(f -> assertThat(f.stream()).isEqualTo("manifest"));
    assertThat(events(all, SessionEvent.StateChanged.class))
        .noneSatisfy(c -> assertThat(c.to()).isEqualTo("FAILED"));
  }

  @Test
  @Timeout(60)
  void a_probe_answered_404_before_publication_is_tried_again_half_a_fragment_later(
      @TempDir Path dir) throws Exception {
    // As above, and from the faults on the origin's live clock runs at 4/5 speed: fragments are
    // published later than the player's live clock says, so probes meet "not published yet" 404s.
    AtomicLong slowFromNs = new AtomicLong(Long.MAX_VALUE);
    LongSupplier originClock =
        () -> {
          long now = System.nanoTime();
          long from = slowFromNs.get();
          return now <= from ? now : from + (now - from) / 5 * 4;
        };
    List<SessionEvent> underFaults;
    SessionRecorder log;
    Path requests;
    int fragmentRequestsUnderFaults;
    try (LiveSession session =
        refreshEvery2s(
            dir,
            1.0,
            LiveOptions.defaults().withEndless(true).withStartOffsetS(40).withClock(originClock))) {
      log = session.log();
      requests = session.requests();
      LocalOrigin origin = session.origin();
      PlaybackEngine engine = session.engine();
      session.playing(1_000_000L);

      origin.setFaults(List.of(FaultRule.parse("Manifest=500")));
      slowFromNs.set(System.nanoTime());
      PlayerSnapshot faultsFrom = engine.snapshot();
      await(
          "3 s of timeline grown under faults",
          () -> engine.snapshot().seekableEndUs() >= faultsFrom.seekableEndUs() + 3_000_000L,
          10_000,
          () -> "notices " + noticeMessages(log.events(), "extrapolated"));
      underFaults = log.events();
      origin.setFaults(List.of());
      fragmentRequestsUnderFaults = fragmentRequests(requests).size();
      await(
          "extrapolation stopped after the faults",
          () -> !noticeMessages(log.events(), "extrapolation stopped").isEmpty(),
          10_000);
      long afterUs = engine.snapshot().positionUs();
      await(
          "1 s more played", () -> engine.snapshot().positionUs() >= afterUs + 1_000_000L, 10_000);
    }
    List<SessionEvent> all = log.events();
    List<String> failedProbes = noticeMessages(all, "not available (probe");
    assertThat(failedProbes)
        .as("probes before publication")
        .isNotEmpty()
        .allSatisfy(
            m ->
                assertThat(m)
                    .contains("HTTP 404")
                    .containsPattern("probing again in (4[5-9]|5[0-4])[0-9] ms"));
    // Every fragment answered 404 under the faults is served later, and no fragment failed for the
    // player. (The origin's clock stays slow afterwards, so probes at the edge may still meet a 404
    // that the end of the session cuts short.)
    List<Matcher> fragments =
        fragmentRequests(requests).stream()
            .map(LOGGED_REQUEST::matcher)
            .filter(Matcher::find)
            .toList();
    assertThat(fragments.subList(0, fragmentRequestsUnderFaults))
        .anySatisfy(m -> assertThat(m.group(2)).isEqualTo("404"));
    for (int i = 0; i < fragmentRequestsUnderFaults; i++) {
      if (fragments.get(i).group(2).equals("404")) {
        String path = fragments.get(i).group(1);
        assertThat(fragments.subList(i + 1, fragments.size()))
            .as("a later request of %s answered 200", path)
            .anySatisfy(
                m -> {
                  assertThat(m.group(1)).isEqualTo(path);
                  assertThat(m.group(2)).isEqualTo("200");
                });
      }
    }
    assertThat(events(all, SessionEvent.FragmentFailed.class))
        .as("failed probes are not failed fragments")
        .allSatisfy(f -> assertThat(f.stream()).isEqualTo("manifest"));
    // At most about twice per fragment duration: probes of one fragment >= 0.4 s apart.
    Map<String, List<SessionEvent.FragmentRequested>> byFragment =
        events(underFaults, SessionEvent.FragmentRequested.class).stream()
            .collect(Collectors.groupingBy(r -> r.stream() + "@" + r.startUs()));
    byFragment.forEach(
        (fragment, tries) -> {
          for (int i = 1; i < tries.size(); i++) {
            assertThat(tries.get(i).tMs() - tries.get(i - 1).tMs())
                .as("requests of %s", fragment)
                .isGreaterThanOrEqualTo(400.0);
          }
        });
    assertThat(byFragment.values()).anySatisfy(tries -> assertThat(tries).hasSizeGreaterThan(1));
  }
}
