package org.smoothplayer.heuristics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The recent rate of a transfer in flight, as the abandon rule is given it. */
class RecentRateTest {
  private static final long MS = 1_000_000L;

  @Test
  void before_half_a_second_of_progress_the_rate_is_unknown() {
    RecentRate r = new RecentRate();
    assertThat(r.observe(0, 0)).isEqualTo(-1);
    assertThat(r.observe(250 * MS, 10_000)).isEqualTo(-1);
    assertThat(r.observe(499 * MS, 20_000)).isEqualTo(-1);
    assertThat(r.observe(500 * MS, 25_000)).isCloseTo(25_000 * 8 / 0.5, within(1e-6));
  }

  @Test
  void the_rate_covers_the_last_two_seconds_only() {
    RecentRate r = new RecentRate();
    // 1 MB in the first second, then nothing for 3 s: a stalled transfer reads as 0
    r.observe(0, 0);
    for (long t = 250; t <= 1000; t += 250) {
      r.observe(t * MS, 1_000_000);
    }
    double rate = 0;
    for (long t = 1250; t <= 4000; t += 250) {
      rate = r.observe(t * MS, 1_000_000);
    }
    assertThat(rate).isZero();
  }

  @Test
  void points_closer_than_a_quarter_second_do_not_push_older_ones_out() {
    RecentRate r = new RecentRate();
    r.observe(0, 0);
    // many looks within 250 ms keep the first point, so the rate still spans from 0
    for (long t = 10; t < 250; t += 10) {
      r.observe(t * MS, t * 100);
    }
    assertThat(r.observe(600 * MS, 60_000)).isCloseTo(60_000 * 8 / 0.6, within(1e-6));
  }

  @Test
  void clearing_starts_a_new_transfer() {
    RecentRate r = new RecentRate();
    r.observe(0, 0);
    r.observe(1000 * MS, 100_000);
    r.clear();
    assertThat(r.observe(1100 * MS, 0)).isEqualTo(-1);
  }
}
