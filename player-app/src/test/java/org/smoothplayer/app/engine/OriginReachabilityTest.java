package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.net.FetchException;

class OriginReachabilityTest {
  private static final URI URL = URI.create("http://127.0.0.1:1/Manifest");
  private static final long S = 1_000_000_000L;

  private static FetchException failure(FetchException.Kind kind, int status) {
    return new FetchException(kind, URL, status, "detail", null);
  }

  @Test
  void no_connection_a_time_out_a_5xx_408_and_429_are_no_answer_other_statuses_and_bodies_are() {
    assertThat(OriginReachability.isNoAnswer(failure(FetchException.Kind.IO, 0))).isTrue();
    assertThat(OriginReachability.isNoAnswer(failure(FetchException.Kind.TIMEOUT, 0))).isTrue();
    for (int status : new int[] {500, 502, 503, 504, 408, 429}) {
      assertThat(OriginReachability.isNoAnswer(failure(FetchException.Kind.HTTP_STATUS, status)))
          .as("HTTP %d", status)
          .isTrue();
    }
    for (int status : new int[] {404, 410, 412, 403}) {
      assertThat(OriginReachability.isNoAnswer(failure(FetchException.Kind.HTTP_STATUS, status)))
          .as("HTTP %d", status)
          .isFalse();
    }
    assertThat(OriginReachability.isNoAnswer(failure(FetchException.Kind.BODY_TOO_LARGE, 200)))
        .isFalse();
    assertThat(OriginReachability.isNoAnswer(failure(FetchException.Kind.CANCELLED, 0))).isFalse();
  }

  @Test
  void the_origin_is_out_only_after_two_failures_and_three_seconds_without_an_answer() {
    OriginReachability r = new OriginReachability();
    assertThat(r.silent()).isFalse();
    r.failed(10 * S, "first");
    assertThat(r.silent()).isTrue();
    assertThat(r.out(20 * S)).as("one failure, however long ago").isFalse();
    r.failed(11 * S, "second");
    assertThat(r.out(12 * S)).as("two failures, 2 s of silence").isFalse();
    assertThat(r.out(13 * S)).isTrue();
    assertThat(r.silentForNs(13 * S)).isEqualTo(3 * S);
    assertThat(r.lastFailure()).isEqualTo("second");
  }

  @Test
  void an_answer_ends_the_silence_and_says_how_long_it_lasted_from_the_first_failure() {
    OriginReachability r = new OriginReachability();
    assertThat(r.answered(5 * S)).as("no silence before").isZero();
    r.failed(10 * S, "a");
    r.failed(12 * S, "b");
    assertThat(r.answered(17 * S)).isEqualTo(7 * S);
    assertThat(r.silent()).isFalse();
    assertThat(r.silentForNs(30 * S)).isZero();
    assertThat(r.lastFailure()).isEmpty();
    assertThat(r.answered(18 * S)).isZero();
  }

  @Test
  void a_silent_origin_spaces_requests_by_a_quarter_of_its_silence_up_to_two_seconds() {
    OriginReachability r = new OriginReachability();
    assertThat(r.backoffNs(0)).isZero();
    r.failed(0, "x");
    assertThat(r.backoffNs(4 * S)).isEqualTo(S);
    assertThat(r.backoffNs(60 * S)).isEqualTo(OriginReachability.MAX_BACKOFF_NS).isEqualTo(2 * S);
    r.answered(61 * S);
    assertThat(r.backoffNs(62 * S)).isZero();
  }

  @Test
  void an_answer_ends_the_silence_only_for_a_request_sent_after_the_silence_began() {
    OriginReachability r = new OriginReachability();
    assertThat(r.answerEndsSilence(0)).as("no silence to end").isTrue();
    r.failed(10 * S, "a");
    assertThat(r.answerEndsSilence(9 * S)).as("sent before the first failure").isFalse();
    assertThat(r.answerEndsSilence(10 * S)).isTrue();
    assertThat(r.answerEndsSilence(12 * S)).isTrue();
  }
}
