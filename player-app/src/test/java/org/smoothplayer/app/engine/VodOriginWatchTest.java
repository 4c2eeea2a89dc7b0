package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.net.FetchException;

/** The VOD outage rule alone, with the engine replaced by a recording host. */
class VodOriginWatchTest {
  private static final URI FRAGMENT = URI.create("http://127.0.0.1:1/QualityLevels(1)/F");
  private static final URI MANIFEST = URI.create("http://127.0.0.1:1/Manifest");
  private static final long S = 1_000_000_000L;
  private static final PlaybackSettings LIMIT_10_S =
      PlaybackSettings.from(Map.of(PlaybackSettings.OUTAGE_LIMIT_S.key(), 10.0));

  /** Records what the watch asks of the engine. */
  private static final class Host implements VodOriginWatch.Host {
    int probes;
    final List<String> notes = new ArrayList<>();
    final List<String> failures = new ArrayList<>();

    @Override
    public void probe() {
      probes++;
    }

    @Override
    public void note(String message) {
      notes.add(message);
    }

    @Override
    public void fail(String reason) {
      failures.add(reason);
    }
  }

  private static FetchException refused(URI uri) {
    return new FetchException(FetchException.Kind.IO, uri, 0, "connection refused", null);
  }

  private static FetchException status(int status) {
    return new FetchException(FetchException.Kind.HTTP_STATUS, FRAGMENT, status, "HTTP", null);
  }

  @Test
  void a_failure_without_an_answer_asks_the_manifest_url_once_while_that_request_is_in_flight() {
    Host host = new Host();
    VodOriginWatch watch = new VodOriginWatch(host);
    watch.onFailed(1 * S, 1 * S, refused(FRAGMENT));
    watch.onFailed(2 * S, 2 * S, refused(FRAGMENT));
    assertThat(host.probes).isEqualTo(1);
    watch.onProbed(1 * S, 3 * S, refused(MANIFEST));
    watch.onFailed(4 * S, 4 * S, refused(FRAGMENT));
    assertThat(host.probes).isEqualTo(2);
  }

  @Test
  void a_fragment_is_held_only_once_the_manifest_url_did_not_answer_either() {
    Host host = new Host();
    VodOriginWatch watch = new VodOriginWatch(host);
    watch.onFailed(1 * S, 1 * S, refused(FRAGMENT));
    assertThat(watch.holds(1 * S)).as("the probe has not answered yet").isFalse();
    watch.onProbed(1 * S, 2 * S, refused(MANIFEST));
    assertThat(watch.holds(1 * S)).isTrue();
    assertThat(watch.holds(0)).as("a fragment that failed before the silence began").isFalse();
  }

  @Test
  void a_manifest_url_that_answers_means_the_fragment_alone_fails_and_is_not_held() {
    Host host = new Host();
    VodOriginWatch watch = new VodOriginWatch(host);
    watch.onFailed(1 * S, 1 * S, status(503));
    watch.onProbed(1 * S, 2 * S, null);
    watch.onFailed(3 * S, 3 * S, status(503));
    assertThat(watch.holds(1 * S)).isFalse();
    // A status that answers (404) never starts a probe and never holds.
    watch.onProbed(3 * S, 4 * S, null);
    int probes = host.probes;
    watch.onFailed(5 * S, 5 * S, status(404));
    assertThat(host.probes).isEqualTo(probes);
    assertThat(watch.holds(5 * S)).isFalse();
  }

  @Test
  void
      the_viewer_is_told_once_the_origin_is_out_again_when_it_answers_and_the_session_fails_at_the_limit() {
    Host host = new Host();
    VodOriginWatch watch = new VodOriginWatch(host);
    watch.onFailed(10 * S, 10 * S, refused(FRAGMENT));
    watch.onProbed(10 * S, 11 * S, refused(MANIFEST));
    assertThat(watch.check(12 * S, LIMIT_10_S)).as("2 s of silence: not out yet").isFalse();
    assertThat(host.notes).isEmpty();
    assertThat(watch.check(13 * S, LIMIT_10_S)).isFalse();
    assertThat(watch.check(14 * S, LIMIT_10_S)).isFalse();
    assertThat(host.notes)
        .containsExactly(
            "the origin does not answer (IO http://127.0.0.1:1/Manifest: connection refused);"
                + " waiting for it for up to 10 s (network.outageLimitS)");
    watch.onLoaded(14 * S, 15 * S);
    assertThat(host.notes)
        .last()
        .isEqualTo("the origin answers again after 5.0 s; playback goes on");
    assertThat(watch.holds(10 * S)).isFalse();

    watch.onFailed(20 * S, 20 * S, refused(FRAGMENT));
    watch.onProbed(20 * S, 21 * S, refused(MANIFEST));
    assertThat(watch.check(29 * S, LIMIT_10_S)).isFalse();
    assertThat(watch.check(30 * S, LIMIT_10_S)).isTrue();
    assertThat(host.failures)
        .containsExactly(
            "the origin has not answered for 10 s (network.outageLimitS 10 s); the last failure:"
                + " IO http://127.0.0.1:1/Manifest: connection refused");
  }

  @Test
  void an_answer_to_a_request_sent_before_the_origin_fell_silent_does_not_end_the_outage() {
    // A transfer under way when the origin went down ends after the first failure: the origin
    // answered it, but perhaps before it fell silent, so the fragment that failed is still held.
    Host host = new Host();
    VodOriginWatch watch = new VodOriginWatch(host);
    watch.onFailed(10 * S, 10 * S, refused(FRAGMENT));
    watch.onProbed(10 * S, 11 * S, refused(MANIFEST));
    watch.onLoaded(8 * S, 12 * S);
    assertThat(watch.holds(10 * S)).isTrue();
    assertThat(watch.check(13 * S, LIMIT_10_S)).isFalse();
    assertThat(host.notes).singleElement().asString().startsWith("the origin does not answer (");
    // A request sent once the silence had begun, answered: the outage is over.
    watch.onLoaded(13 * S, 14 * S);
    assertThat(watch.holds(10 * S)).isFalse();
    assertThat(host.notes)
        .last()
        .isEqualTo("the origin answers again after 4.0 s; playback goes on");
  }
}
