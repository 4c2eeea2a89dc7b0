package org.smoothplayer.heuristics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

class AbandonRuleTest {
  /** The Envivio ladder of the Pensieve benchmark, lowest first. */
  private static final long[] LADDER_BPS = {
    300_000, 750_000, 1_200_000, 1_850_000, 2_850_000, 4_300_000
  };

  private static final IntToLongFunction BITRATE = l -> LADDER_BPS[l];

  private static AbandonRule.InFlight video(
      int level, double elapsedS, long bytes, double recentBps, double bufferS) {
    return new AbandonRule.InFlight(
        true, level, elapsedS, 0, 2, bytes, recentBps, bufferS, bufferS);
  }

  private static AbandonRule.InFlight silent(double silentS, double fragmentS) {
    return new AbandonRule.InFlight(false, 0, silentS, silentS, fragmentS, 0, -1, 10, 10);
  }

  private static AbandonRule.InFlight audio(int level, double elapsedS, double bufferAtRequestS) {
    return new AbandonRule.InFlight(
        false, level, elapsedS, 0, 2, 1000, 1_000_000, bufferAtRequestS, bufferAtRequestS);
  }

  @Test
  void a_transfer_without_a_new_byte_for_3_s_is_given_up_and_left_to_the_retry_policy() {
    assertThat(AbandonRule.judge(silent(2.9, 2), BITRATE)).isEmpty();
    assertThat(AbandonRule.judge(silent(3.1, 2), BITRATE))
        .contains(new AbandonRule.Verdict("no data for 3.1 s (stalled transfer)", -1));
  }

  @Test
  void the_silence_allowed_grows_to_one_fragment_duration_for_long_fragments() {
    assertThat(AbandonRule.judge(silent(5.9, 6), BITRATE)).isEmpty();
    assertThat(AbandonRule.judge(silent(6.5, 6), BITRATE)).isPresent();
  }

  @Test
  void
      a_transfer_above_level_0_past_three_fragments_or_its_starting_buffer_is_refetched_at_level_0() {
    assertThat(AbandonRule.judge(audio(2, 5.9, 4), BITRATE)).isEmpty();
    assertThat(AbandonRule.judge(audio(2, 6.1, 4), BITRATE))
        .contains(
            new AbandonRule.Verdict(
                "not complete within the deadline of 6.0 s; refetching at level 0", 0));
    assertThat(AbandonRule.judge(audio(2, 9.9, 10), BITRATE)).isEmpty();
    assertThat(AbandonRule.judge(audio(2, 10.1, 10), BITRATE))
        .map(AbandonRule.Verdict::reason)
        .contains("not complete within the deadline of 10.0 s; refetching at level 0");
  }

  @Test
  void a_level_0_transfer_is_never_given_up_while_bytes_arrive() {
    assertThat(AbandonRule.judge(audio(0, 60, 4), BITRATE)).isEmpty();
    assertThat(AbandonRule.judge(video(0, 60, 10_000, 1_000, 0.5), BITRATE)).isEmpty();
  }

  @Test
  void
      a_video_transfer_projected_to_end_after_the_buffer_runs_dry_is_refetched_at_the_highest_level_that_fits() {
    // Level 3 (1.85 Mbps × 2 s = 462 500 bytes), 62 500 received, 400 kbps: 8 s left, 4 s buffered.
    // Level 2 would take 6 s at 400 kbps, level 1 3.75 s: level 1 is the highest that fits.
    assertThat(AbandonRule.judge(video(3, 1, 62_500, 400_000, 4), BITRATE))
        .contains(
            new AbandonRule.Verdict(
                "projected 8.0 s to finish at 400 kbps with 4.0 s buffered; refetching at level 1",
                1));
  }

  @Test
  void a_projected_end_within_half_a_fragment_of_the_buffer_lets_the_transfer_go_on() {
    assertThat(AbandonRule.judge(video(3, 1, 62_500, 400_000, 7.0), BITRATE)).isEmpty();
    assertThat(AbandonRule.judge(video(3, 1, 62_500, 400_000, 6.9), BITRATE)).isPresent();
  }

  @Test
  void when_no_lower_level_fits_in_the_buffer_the_refetch_is_at_level_0() {
    assertThat(AbandonRule.judge(video(3, 1, 62_500, 400_000, 1), BITRATE))
        .map(AbandonRule.Verdict::fallbackLevel)
        .contains(0);
  }

  @Test
  void without_a_recent_rate_the_average_since_the_request_is_projected() {
    // 100 000 bytes in 2 s = 400 kbps; 362 500 bytes left: 7.25 s.
    assertThat(AbandonRule.judge(video(3, 2, 100_000, -1, 4), BITRATE))
        .contains(
            new AbandonRule.Verdict(
                "projected 7.3 s to finish at 400 kbps with 4.0 s buffered; refetching at level 1",
                1));
  }

  @Test
  void a_transfer_with_no_byte_yet_is_projected_to_never_end_and_refetched_at_level_0() {
    assertThat(AbandonRule.judge(video(3, 1, 0, 0, 4), BITRATE))
        .contains(
            new AbandonRule.Verdict(
                "projected Infinity s to finish at 0 kbps with 4.0 s buffered; refetching at level 0",
                0));
  }

  @Test
  void the_projection_waits_half_a_second_and_never_judges_audio() {
    assertThat(AbandonRule.judge(video(3, 0.4, 1_000, 20_000, 1), BITRATE)).isEmpty();
    AbandonRule.InFlight audio = new AbandonRule.InFlight(false, 3, 1, 0, 2, 62_500, 400_000, 1, 4);
    assertThat(AbandonRule.judge(audio, BITRATE)).isEmpty();
  }
}
