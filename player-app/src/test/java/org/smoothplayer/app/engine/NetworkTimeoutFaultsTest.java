package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smoothplayer.app.engine.LiveSession.await;
import static org.smoothplayer.app.engine.LiveSession.events;
import static org.smoothplayer.app.engine.LiveSession.manifestFailures;
import static org.smoothplayer.app.engine.LiveSession.manifestRequests;
import static org.smoothplayer.app.engine.LiveSession.noticeMessages;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.engine.EngineRun.Outcome;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * Network time-outs and a damaged live refresh in real sessions on {@code tiny} (1-s fragments, 4
 * s): audio fragments on a port whose connections never complete (the connect time-out), live
 * manifest refreshes slower than the read time-out, and live refreshes that lost the video stream.
 */
class NetworkTimeoutFaultsTest {
  private static Path tiny;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  // ------------------------------------------------------------------ connect time-out

  /**
   * A loopback port whose connections never complete: a listening socket with a backlog of 1 that
   * never accepts, its accept queue filled by raw client connections. Linux then drops further
   * SYNs, so a connect hangs until the client's connect time-out.
   */
  private static final class UnansweredPort implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> queued = new ArrayList<>();

    UnansweredPort() throws IOException {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      try {
        // Fill the accept queue until a connect hangs: that proves the trick works here.
        for (int i = 0; ; i++) {
          if (i == 8) {
            throw new AssertionError("8 connects to a port that never accepts all completed");
          }
          Socket s = new Socket();
          try {
            s.connect(server.getLocalSocketAddress(), 300);
            queued.add(s);
          } catch (SocketTimeoutException e) {
            s.close();
            break;
          }
        }
      } catch (IOException | RuntimeException | Error e) {
        close();
        throw e;
      }
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      for (Socket s : queued) {
        s.close();
      }
      server.close();
    }
  }

  @Test
  @Timeout(60)
  void
      audio_fragments_whose_connect_never_completes_are_skipped_and_the_video_plays_without_waiting(
          @TempDir Path dir) throws Exception {
    // Connect time-out 0.5 s, 2 retries. The first audio fragment is tried 3 times, then skipped;
    // from then on audio counts as failing and each fragment is tried once. From the second skip
    // in a row, the fragments the clock would reach before the next attempt ends are played as
    // silence without a request, so the video never waits for the dead audio host once started.
    int retries = 2;
    Outcome o;
    int port;
    try (UnansweredPort unanswered = new UnansweredPort()) {
      port = unanswered.port();
      o =
          EngineRun.play(
              LocalOrigin.builder(
                  PresentationCopies.tinyWithAudioOn(tiny, dir, "127.0.0.1:" + port)),
              opts ->
                  opts.withConfig(
                      PlayerConfig.fromValues(
                          Map.of(
                              PlaybackSettings.CONNECT_TIMEOUT_S.key(),
                              0.5,
                              PlaybackSettings.FRAGMENT_RETRIES.key(),
                              (double) retries),
                          "default")),
              40_000);
    }
    o.playedToTheEnd(3_800_000L);
    assertThat(o.loadedChunks("video")).containsExactly(0, 1, 2, 3);
    assertThat(o.loadedChunks("audio")).isEmpty();
    List<SessionEvent.FragmentRequested> audioRequests =
        o.events(SessionEvent.FragmentRequested.class).stream()
            .filter(r -> r.stream().equals("audio"))
            .toList();
    assertThat(audioRequests)
        .allSatisfy(r -> assertThat(r.url()).startsWith("http://127.0.0.1:" + port + "/"));

    List<SessionEvent.FragmentFailed> failures = o.failures();
    assertThat(failures)
        .hasSize(audioRequests.size())
        .allSatisfy(
            f -> {
              assertThat(f.stream()).isEqualTo("audio");
              assertThat(f.reason())
                  .startsWith("TIMEOUT http://127.0.0.1:" + port + "/")
                  .containsIgnoringCase("connect timed out");
            });
    // Audio fragments are fetched one at a time: the i-th failure ends the i-th attempt. Each
    // attempt waited for the 0.5-s connect time-out, far less than the 5-s default.
    for (int i = 0; i < failures.size(); i++) {
      double waitedMs = failures.get(i).tMs() - audioRequests.get(i).tMs();
      assertThat(failures.get(i).chunkIndex()).isEqualTo(audioRequests.get(i).chunkIndex());
      assertThat(waitedMs).as("attempt %d waited", i).isBetween(450.0, 4_500.0);
    }
    Map<Integer, List<String>> actionsByChunk =
        failures.stream()
            .collect(
                Collectors.groupingBy(
                    SessionEvent.FragmentFailed::chunkIndex,
                    Collectors.mapping(SessionEvent.FragmentFailed::action, Collectors.toList())));
    assertThat(actionsByChunk.get(0)).as("audio chunk 0").containsExactly("retry", "retry", "skip");
    actionsByChunk.forEach(
        (chunk, actions) -> {
          if (chunk > 0) {
            assertThat(actions).as("audio chunk %d, tried once", chunk).containsExactly("skip");
          }
        });
    List<String> notices =
        o.events(SessionEvent.Notice.class).stream().map(SessionEvent.Notice::message).toList();
    assertThat(notices)
        .filteredOn(m -> m.startsWith("audio fragments are failing ("))
        .singleElement()
        .asString()
        .contains("Connect timed out");
    // Chunks 0 and 1 failed near position 0; the lead covers at least the 2-s start-up buffer.
    assertThat(notices)
        .filteredOn(m -> m.contains("not requested while audio fails"))
        .first()
        .asString()
        .startsWith("audio fragments 2-");
    assertThat(o.events(SessionEvent.StallStarted.class))
        .as("the video never waits for audio once playing")
        .isEmpty();
    assertThat(o.events(SessionEvent.StateChanged.class))
        .noneSatisfy(c -> assertThat(c.to()).isEqualTo("FAILED"));
  }

  // ------------------------------------------------------------------ live refreshes

  @Test
  @Timeout(60)
  void live_manifest_refreshes_slower_than_the_read_timeout_are_retried_and_playback_goes_on(
      @TempDir Path dir) throws Exception {
    // Read time-out 1 s; three fragments behind the edge, so tfrf look-ahead keeps the timeline
    // growing; refreshes every second as a fallback.
    try (LiveSession session =
        LiveSession.openEndless(
            tiny, dir, 3, 1, Map.of(PlaybackSettings.READ_TIMEOUT_S.key(), 1.0), opts -> opts)) {
      PlaybackEngine engine = session.engine();
      session.playing(1_000_000L);
      assertThat(manifestFailures(session.log().events())).as("before the fault").isEmpty();

      // Every manifest request now waits 4 s for its first byte.
      session.origin().setFaults(List.of(FaultRule.parse("Manifest=slow:4000")));
      PlayerSnapshot faultFrom = engine.snapshot();
      await(
          "2 refreshes timed out and 3 s played",
          () ->
              manifestFailures(session.log().events()).size() >= 2
                  && engine.snapshot().positionUs() >= faultFrom.positionUs() + 3_000_000L,
          15_000,
          () -> "last snapshot " + engine.snapshot() + "; events " + session.log().events());
      session.origin().setFaults(List.of());
      PlayerSnapshot faultTo = engine.snapshot();
      int failuresUnderFault = manifestFailures(session.log().events()).size();
      int manifestRequestsUnderFault = manifestRequests(session.requests()).size();
      assertThat(faultTo.state()).isEqualTo(PlayerState.PLAYING);
      assertThat(manifestFailures(session.log().events()))
          .allSatisfy(
              f -> {
                assertThat(f.level()).isEqualTo(-1);
                assertThat(f.chunkIndex()).isEqualTo(-1);
                assertThat(f.action()).isEqualTo("retry");
                assertThat(f.reason()).startsWith("TIMEOUT ").contains("/Manifest: timed out");
              });

      // Without the fault the refreshes are answered again, and playback and the timeline go on.
      await(
          "a manifest request answered without a fault",
          () ->
              manifestRequests(session.requests()).stream()
                  .skip(manifestRequestsUnderFault)
                  .anyMatch(l -> l.contains("\"status\":200") && !l.contains("\"fault\"")),
          10_000);
      session.playsOnFrom(faultTo, 2_000_000L);
      assertThat(engine.snapshot().state()).isEqualTo(PlayerState.PLAYING);
      List<SessionEvent> all = session.log().events();
      assertThat(manifestFailures(all).size() - failuresUnderFault)
          .as("refreshes failing after the fault ended (one may have been in flight)")
          .isLessThanOrEqualTo(1);
      assertThat(events(all, SessionEvent.FragmentFailed.class))
          .as("only manifest requests failed")
          .allSatisfy(f -> assertThat(f.stream()).isEqualTo("manifest"));
      assertThat(events(all, SessionEvent.StallStarted.class)).as("stalls").isEmpty();
      assertThat(events(all, SessionEvent.StateChanged.class))
          .noneSatisfy(c -> assertThat(c.to()).isEqualTo("FAILED"));
    }
  }

  @Test
  @Timeout(60)
  void live_refreshes_that_lost_the_video_stream_are_refused_and_the_known_video_timeline_plays_on(
      @TempDir Path dir) throws Exception {
    // One fragment behind the edge: tfrf announces nothing ahead, so while refreshes are refused
    // only probes of extrapolated fragments grow the timeline, and only an accepted refresh stops
    // the extrapolation.
    try (ManifestRelay relay =
            new ManifestRelay(
                manifest -> new ManifestRelay.Answer("text/xml", withoutVideoStream(manifest)));
        LiveSession session = LiveSession.openEndless(tiny, dir, 1, 1, Map.of(), relay::route)) {
      PlaybackEngine engine = session.engine();
      session.playing(1_000_000L);
      assertThat(manifestFailures(session.log().events())).as("before the fault").isEmpty();

      // The next 4 refreshes are answered with the manifest minus its video StreamIndex.
      PlayerSnapshot faultFrom = engine.snapshot();
      int eventsBefore = session.log().events().size();
      relay.rewriteNext(4);
      await(
          "4 stripped manifests refused",
          () -> manifestFailures(session.log().events()).size() >= 4,
          15_000,
          () -> "events " + session.log().events());
      PlayerSnapshot faultTo = engine.snapshot();
      List<SessionEvent> underFault = session.log().events();
      assertThat(relay.rewritten()).isEqualTo(4);
      assertThat(manifestFailures(underFault))
          .hasSize(4)
          .allSatisfy(
              f -> {
                assertThat(f.level()).isEqualTo(-1);
                assertThat(f.chunkIndex()).isEqualTo(-1);
                assertThat(f.action()).isEqualTo("retry");
                assertThat(f.reason())
                    .isEqualTo("the refreshed manifest lost the video stream video");
              });
      // One fragment behind the edge a short rebuffer is allowed; playback must go on.
      assertThat(faultTo.state()).isNotEqualTo(PlayerState.FAILED);
      assertThat(faultTo.seekableEndUs())
          .as("the known video timeline is kept")
          .isGreaterThanOrEqualTo(faultFrom.seekableEndUs());
      assertThat(faultTo.positionUs()).isGreaterThan(faultFrom.positionUs());

      // Good refreshes again: accepted, so extrapolation stops, and playback goes on.
      int relayedAtFaultEnd = relay.relayedUnchanged();
      await(
          "2 good manifests relayed",
          () -> relay.relayedUnchanged() >= relayedAtFaultEnd + 2,
          10_000);
      session.playsOnFrom(faultTo, 2_000_000L);
      assertThat(engine.snapshot().state()).isNotEqualTo(PlayerState.FAILED);
      List<SessionEvent> all = session.log().events();
      List<SessionEvent> sinceFault = all.subList(eventsBefore, all.size());
      // Refused refreshes leave the timeline to probes; the first good refresh is merged and
      // stops the extrapolation (a refused one never does).
      List<SessionEvent.Notice> extrapolation =
          events(sinceFault, SessionEvent.Notice.class).stream()
              .filter(n -> n.message().contains("extrapolation"))
              .toList();
      assertThat(extrapolation)
          .extracting(SessionEvent.Notice::message)
          .containsExactly(
              "the live manifest cannot be refreshed; probing the next fragments by extrapolation",
              "the live manifest is refreshed again; extrapolation stopped");
      assertThat(extrapolation.get(1).tMs())
          .as("extrapolation stopped after the last refused refresh")
          .isGreaterThan(manifestFailures(underFault).get(3).tMs());
      assertThat(manifestFailures(all)).as("the good refreshes are not refused").hasSize(4);
      assertThat(events(all, SessionEvent.FragmentFailed.class))
          .as("only manifest refreshes failed")
          .allSatisfy(f -> assertThat(f.stream()).isEqualTo("manifest"));
      assertThat(noticeMessages(all, "restarted")).as("no resynchronization").isEmpty();
      assertThat(events(all, SessionEvent.StateChanged.class))
          .noneSatisfy(c -> assertThat(c.to()).isEqualTo("FAILED"));
    }
  }

  private static final Pattern VIDEO_STREAM =
      Pattern.compile(
          "\\s*<StreamIndex\\b[^>]*\\bType=\"video\"[^>]*>.*?</StreamIndex>", Pattern.DOTALL);

  /** The manifest without its video {@code StreamIndex}. */
  private static byte[] withoutVideoStream(byte[] manifest) {
    Matcher video = VIDEO_STREAM.matcher(new String(manifest, StandardCharsets.UTF_8));
    if (!video.find()) {
      throw new IllegalStateException("no video StreamIndex in the origin's manifest");
    }
    return video.replaceFirst("").getBytes(StandardCharsets.UTF_8);
  }
}
