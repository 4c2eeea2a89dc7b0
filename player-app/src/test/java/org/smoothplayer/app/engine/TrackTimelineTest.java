package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrackTimelineTest {
  private static final long SCALE = 10_000_000L; // 100-ns ticks
  private static final long TWO_S = 2 * SCALE;

  @Test
  void fragments_announced_by_look_ahead_are_appended_in_order_and_keep_their_indices() {
    TrackTimeline t = new TrackTimeline(SCALE);
    assertThat(t.add(3_600 * SCALE, TWO_S)).isTrue();
    assertThat(t.add(3_600 * SCALE + TWO_S, TWO_S)).isTrue();
    assertThat(t.add(3_600 * SCALE + 2 * TWO_S, TWO_S)).isTrue();
    assertThat(t.count()).isEqualTo(3);
    assertThat(t.fragment(1).startUs()).isEqualTo(3_602_000_000L);
    assertThat(t.fragment(2).endUs()).isEqualTo(3_606_000_000L);
    assertThat(t.endUs()).isEqualTo(3_606_000_000L);
  }

  @Test
  void a_fragment_announced_twice_or_overlapping_a_known_one_is_ignored() {
    TrackTimeline t = new TrackTimeline(SCALE);
    t.add(0, TWO_S);
    t.add(TWO_S, TWO_S);
    assertThat(t.add(TWO_S, TWO_S)).isFalse();
    assertThat(t.add(TWO_S + 1, TWO_S)).isFalse();
    assertThat(t.add(0, TWO_S)).isFalse();
    assertThat(t.count()).isEqualTo(2);
  }

  @Test
  void an_unknown_duration_is_learned_from_the_next_start_or_from_the_fragments_own_tfxd() {
    TrackTimeline t = new TrackTimeline(SCALE);
    t.add(0, 0);
    assertThat(t.fragment(0).endUs()).isEqualTo(TrackTimeline.UNKNOWN_DURATION_FALLBACK_US);
    t.add(0, 3 * SCALE);
    assertThat(t.fragment(0).endUs()).isEqualTo(3_000_000L);
    t.add(5 * SCALE, 0);
    t.add(9 * SCALE, SCALE);
    assertThat(t.fragment(1).durationTicks()).isEqualTo(4 * SCALE);
  }

  @Test
  void index_of_finds_the_fragment_holding_a_time_and_the_first_for_earlier_times() {
    TrackTimeline t = new TrackTimeline(SCALE);
    for (int i = 0; i < 10; i++) {
      t.add(100 * SCALE + i * TWO_S, TWO_S);
    }
    assertThat(t.indexOf(100_000_000L)).isZero();
    assertThat(t.indexOf(101_999_999L)).isZero();
    assertThat(t.indexOf(102_000_000L)).isEqualTo(1);
    assertThat(t.indexOf(119_500_000L)).isEqualTo(9);
    assertThat(t.indexOf(500_000_000L)).isEqualTo(9);
    assertThat(t.indexOf(0)).isZero();
  }

  @Test
  void a_non_positive_time_scale_is_refused_with_what_was_expected() {
    assertThatThrownBy(() -> new TrackTimeline(0)).hasMessageContaining("expected > 0");
  }
}
