package org.smoothplayer.assets.origin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LiveOptionsTest {
  @Test
  void defaults_are_a_one_minute_window_lookahead_two_ten_seconds_published_from_one_hour() {
    LiveOptions options = LiveOptions.defaults();

    assertThat(options.dvrWindowS()).isEqualTo(60);
    assertThat(options.lookaheadCount()).isEqualTo(2);
    assertThat(options.startOffsetS()).isEqualTo(10);
    assertThat(options.endless()).isFalse();
    assertThat(options.timestampOffsetS()).isEqualTo(3600);
    assertThat(options.describe())
        .isEqualTo(
            "DVR window 60 s, lookahead 2, start offset 10 s, one pass, timestamps from 3600 s");
    assertThat(options.withDvrWindowS(0).withEndless(true).withStartOffsetS(2.5).describe())
        .isEqualTo(
            "DVR window infinite, lookahead 2, start offset 2.5 s, endless loop, timestamps from"
                + " 3600 s");
  }

  @Test
  void out_of_range_values_are_refused_with_the_knob_and_the_range() {
    LiveOptions options = LiveOptions.defaults();

    assertThatThrownBy(() -> options.withDvrWindowS(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DVR window -1.0 s is out of range; expected 0..10000000 s (0 = infinite)");
    assertThatThrownBy(() -> options.withStartOffsetS(Double.NaN))
        .hasMessageStartingWith("start offset NaN s is out of range");
    assertThatThrownBy(() -> options.withTimestampOffsetS(Double.POSITIVE_INFINITY))
        .hasMessageStartingWith("timestamp offset Infinity s is out of range");
    assertThatThrownBy(() -> options.withLookaheadCount(256))
        .hasMessage(
            "lookahead count 256 is out of range; expected 0..255 (tfrf holds the count in one"
                + " byte)");
    assertThat(options.withLookaheadCount(0).lookaheadCount()).isZero();
  }

  @Test
  void seconds_become_ticks_rounded_to_the_nearest_tick() {
    assertThat(LiveOptions.ticks(0.1, 10_000_000)).isEqualTo(1_000_000);
    assertThat(LiveOptions.ticks(3600, 10_000_000)).isEqualTo(36_000_000_000L);
    assertThat(LiveOptions.ticks(1.00000005, 10_000_000)).isEqualTo(10_000_001);
  }

  @Test
  void audio_languages_are_distinct_language_tags_and_show_in_the_description() {
    LiveOptions options = LiveOptions.defaults().withAudioLanguages("en", "pt-BR");

    assertThat(options.audioLanguages()).containsExactly("en", "pt-BR");
    assertThat(options.describe()).endsWith("timestamps from 3600 s, audio in en, pt-BR");
    assertThat(LiveOptions.audioStreamName("pt-BR")).isEqualTo("audio_pt-BR");
    assertThat(options.withEndless(true).audioLanguages())
        .as("kept by the other knobs")
        .containsExactly("en", "pt-BR");
    assertThatThrownBy(() -> options.withAudioLanguages("en", "EN"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("audio language 'EN' is listed twice; expected distinct languages");
    assertThatThrownBy(() -> options.withAudioLanguages("fr\"/><x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("audio language 'fr\"/><x' is not a language tag");
    assertThatThrownBy(() -> options.withAudioLanguages(""))
        .hasMessageStartingWith("audio language '' is not a language tag");
  }
}
