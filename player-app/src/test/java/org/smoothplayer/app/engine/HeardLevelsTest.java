package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeardLevelsTest {

  @Test
  void the_level_heard_is_that_of_the_last_fragment_starting_at_or_before_the_position() {
    HeardLevels heard = new HeardLevels();
    heard.add(2_000_000, 0);
    heard.add(4_000_000, 1);
    heard.add(6_000_000, 0);

    assertThat(heard.at(1_999_999)).as("before the first fragment").isEqualTo(-1);
    assertThat(heard.at(2_500_000)).isZero();
    assertThat(heard.at(4_000_000)).isEqualTo(1);
    assertThat(heard.at(9_000_000)).as("the last one plays on").isZero();
  }

  @Test
  void a_flush_forgets_every_fragment() {
    HeardLevels heard = new HeardLevels();
    heard.add(0, 1);
    heard.clear();

    assertThat(heard.at(1_000_000)).isEqualTo(-1);
  }
}
