package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a buffering session has media enough to play again. */
class ResumeRuleTest {
  private static final long NEED_US = 4_000_000;

  @Test
  void a_stalled_session_resumes_with_the_resume_buffer_or_with_everything_fetched() {
    assertThat(PlaybackEngine.enoughToResume(3_900_000, NEED_US, false, false)).isFalse();
    assertThat(PlaybackEngine.enoughToResume(4_000_000, NEED_US, false, false)).isTrue();
    assertThat(PlaybackEngine.enoughToResume(100_000, NEED_US, true, false)).isTrue();
  }

  @Test
  void
      at_the_live_edge_it_resumes_with_less_than_the_resume_buffer_since_nothing_more_is_published() {
    assertThat(PlaybackEngine.enoughToResume(2_000_000, NEED_US, false, true)).isTrue();
  }

  @Test
  void at_the_live_edge_it_waits_while_no_more_than_the_stall_margin_is_left() {
    // It stalls at 60 ms ahead; resuming with 60 ms or less would stall again at the next tick,
    // a stall in the log for every 10 ms played.
    assertThat(PlaybackEngine.enoughToResume(10_000, NEED_US, false, true)).isFalse();
    assertThat(PlaybackEngine.enoughToResume(60_000, NEED_US, false, true)).isFalse();
    assertThat(PlaybackEngine.enoughToResume(61_000, NEED_US, false, true)).isTrue();
  }
}
