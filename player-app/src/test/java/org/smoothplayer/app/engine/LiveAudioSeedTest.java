package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When one audio track's fragment times may stand in for another's after a live switch ({@link
 * LiveAudioSeed#commonFragments}, {@link LiveAudioSeed#seedAt}): only when every fragment both know
 * is alike.
 */
class LiveAudioSeedTest {
  private static final long SCALE = 10_000_000L; // 100-ns ticks
  private static final long T0 = 3_600 * SCALE;

  /**
   * Fragments {@code from} to {@code from + count - 1} of an AAC-like track (1.0026667 s, 1.0026666
   * s, 0.992 s, repeated) that starts at {@code T0}.
   */
  private static TrackTimeline audio(int from, int count) {
    TrackTimeline t = new TrackTimeline(SCALE);
    long[] pattern = {10_026_667, 10_026_666, 9_920_000};
    long start = T0;
    for (int i = 0; i < from + count; i++) {
      long d = pattern[i % 3];
      if (i >= from) {
        t.add(start, d);
      }
      start += d;
    }
    return t;
  }

  @Test
  void a_lagging_track_with_the_same_times_is_seeded_with_the_fragment_holding_the_position() {
    TrackTimeline playing = audio(0, 20);
    TrackTimeline lagging = audio(0, 8);
    long positionUs = playing.fragment(15).startUs() + 300_000;

    assertThat(LiveAudioSeed.commonFragments(playing, lagging)).isEqualTo(8);
    FragmentRef seed = LiveAudioSeed.seedAt(playing, lagging, positionUs);
    assertThat(seed).isNotNull();
    assertThat(seed.index()).as("just past the lagging timeline").isEqualTo(8);
    assertThat(seed.startTicks()).isEqualTo(playing.fragment(15).startTicks());
    assertThat(seed.durationTicks()).isEqualTo(playing.fragment(15).durationTicks());
    assertThat(lagging.count()).as("a seed is not in the timeline").isEqualTo(8);
  }

  @Test
  void fragments_outside_what_the_playing_track_knows_are_not_compared() {
    // The playing track joined later (a refresh window that moved on): only the overlap counts.
    assertThat(LiveAudioSeed.commonFragments(audio(5, 15), audio(0, 8))).isEqualTo(3);
    assertThat(LiveAudioSeed.commonFragments(audio(10, 10), audio(0, 8))).isZero();
  }

  @Test
  void other_boundaries_another_duration_or_another_time_scale_are_not_alike() {
    TrackTimeline playing = audio(0, 20);
    TrackTimeline twoSecond = new TrackTimeline(SCALE);
    twoSecond.add(T0, 2 * SCALE);
    twoSecond.add(T0 + 2 * SCALE, 2 * SCALE);
    assertThat(LiveAudioSeed.commonFragments(playing, twoSecond)).isEqualTo(-1);

    TrackTimeline longer = audio(0, 3);
    TrackTimeline sameStartsOtherDuration = new TrackTimeline(SCALE);
    sameStartsOtherDuration.add(longer.fragment(0).startTicks(), 10_000_000);
    assertThat(LiveAudioSeed.commonFragments(longer, sameStartsOtherDuration)).isEqualTo(-1);

    TrackTimeline otherScale = new TrackTimeline(44_100);
    otherScale.add(3_600 * 44_100L, 44_100);
    assertThat(LiveAudioSeed.commonFragments(playing, otherScale)).isEqualTo(-1);
  }

  @Test
  void no_seed_past_what_the_playing_track_knows_or_where_the_lagging_track_knows_it_already() {
    TrackTimeline playing = audio(0, 10);
    assertThat(LiveAudioSeed.seedAt(playing, audio(0, 4), playing.endUs() + 5_000_000))
        .as("past the playing track's end")
        .isNull();
    assertThat(LiveAudioSeed.seedAt(playing, audio(0, 8), playing.fragment(6).startUs()))
        .as("the lagging track knows that fragment already")
        .isNull();
    assertThat(LiveAudioSeed.seedAt(new TrackTimeline(SCALE), audio(0, 4), playing.startUs()))
        .isNull();
  }

  @Test
  void index_of_start_finds_only_exact_fragment_starts() {
    TrackTimeline t = audio(0, 6);
    assertThat(t.indexOfStart(t.fragment(4).startTicks())).isEqualTo(4);
    assertThat(t.indexOfStart(t.fragment(4).startTicks() + 1)).isEqualTo(-1);
    assertThat(t.indexOfStart(0)).isEqualTo(-1);
  }
}
