package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  private static final long MS = 1_000_000L;

  @Test
  void the_back_off_doubles_from_200_ms_per_attempt_up_to_2_s_at_the_middle_of_the_jitter() {
    assertThat(RetryBackoff.delayNs(1, 0.5, -1)).isEqualTo(200 * MS);
    assertThat(RetryBackoff.delayNs(2, 0.5, -1)).isEqualTo(400 * MS);
    assertThat(RetryBackoff.delayNs(3, 0.5, -1)).isEqualTo(800 * MS);
    assertThat(RetryBackoff.delayNs(4, 0.5, -1)).isEqualTo(1600 * MS);
    assertThat(RetryBackoff.delayNs(5, 0.5, -1)).isEqualTo(2000 * MS);
    assertThat(RetryBackoff.delayNs(20, 0.5, -1)).isEqualTo(2000 * MS);
    assertThat(RetryBackoff.delayNs(Integer.MAX_VALUE, 0.5, -1)).isEqualTo(2000 * MS);
  }

  @Test
  void the_jitter_spreads_each_delay_over_plus_or_minus_a_quarter() {
    assertThat(RetryBackoff.delayNs(1, 0.0, -1)).isEqualTo(150 * MS);
    assertThat(RetryBackoff.delayNs(1, 0.999_999, -1)).isBetween(249 * MS, 250 * MS);
    assertThat(RetryBackoff.delayNs(5, 0.0, -1)).isEqualTo(1500 * MS);
    assertThat(RetryBackoff.delayNs(5, 0.999_999, -1)).isBetween(2499 * MS, 2500 * MS);
  }

  @Test
  void a_retry_never_comes_sooner_than_the_server_asked_but_a_short_ask_does_not_shorten_it() {
    assertThat(RetryBackoff.delayNs(1, 0.0, 1000)).isEqualTo(1000 * MS);
    assertThat(RetryBackoff.delayNs(1, 0.999_999, 30_000)).isEqualTo(30_000 * MS);
    assertThat(RetryBackoff.delayNs(3, 0.5, 100)).isEqualTo(800 * MS);
    assertThat(RetryBackoff.delayNs(3, 0.5, 0)).isEqualTo(800 * MS);
  }

  @Test
  void an_attempt_below_one_or_a_draw_outside_zero_to_one_is_refused_naming_what_was_expected() {
    assertThatThrownBy(() -> RetryBackoff.delayNs(0, 0.5, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attempt >= 1");
    assertThatThrownBy(() -> RetryBackoff.delayNs(1, 1.0, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> RetryBackoff.delayNs(1, Double.NaN, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
