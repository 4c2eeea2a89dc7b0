package org.smoothplayer.heuristics.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;

/** The default's plan in a live stream cannot buffer past the edge. */
class DefaultPolicyLiveTest {
  private static final AbrPolicy DEFAULT =
      Policies.create(Policies.DEFAULT, HeuristicsSettings.DEFAULTS);

  private static AbrPolicy withPenalties(double switchPenalty, double liveSwitchPenalty) {
    return Policies.create(
        Policies.DEFAULT,
        HeuristicsSettings.DEFAULTS
            .with("heuristics.default.switchPenalty", switchPenalty)
            .with("heuristics.default.liveSwitchPenalty", liveSwitchPenalty));
  }

  @Test
  void close_to_the_edge_the_plan_does_not_give_up_bitrate_for_buffer_it_cannot_build() {
    // 4 s buffered, 8 s behind the edge: the buffer can never exceed 4 s at a request. The same
    // switch penalty live and on demand, so only the buffer's limit differs.
    AbrPolicy policy = withPenalties(2, 2);
    int unaware = policy.decide(SteadyLink.input(3_000_000, 4).build()).level();
    int live = policy.decide(SteadyLink.input(3_000_000, 4).liveLatencyS(8).build()).level();
    assertThat(unaware).isEqualTo(2);
    assertThat(live).isEqualTo(4);
  }

  @Test
  void a_live_plan_switches_at_the_live_switch_penalty_and_an_on_demand_plan_at_its_own() {
    // Inputs where a switch penalty of 1 goes one level higher than one of 2.
    AbrInput live = SteadyLink.input(4_000_000, 8).liveLatencyS(12).build();
    AbrInput onDemand = SteadyLink.input(5_000_000, 4).fragmentsRemaining(30).build();
    assertThat(withPenalties(2, 1).decide(live).level())
        .isEqualTo(withPenalties(1, 1).decide(live).level())
        .isEqualTo(withPenalties(2, 2).decide(live).level() + 1);
    assertThat(withPenalties(2, 1).decide(onDemand).level())
        .isEqualTo(withPenalties(2, 2).decide(onDemand).level())
        .isEqualTo(withPenalties(1, 1).decide(onDemand).level() - 1);
  }

  @Test
  void with_one_second_buffered_at_the_edge_the_plan_is_more_careful_because_it_cannot_grow() {
    int unaware = DEFAULT.decide(SteadyLink.input(4_000_000, 1).build()).level();
    int live = DEFAULT.decide(SteadyLink.input(4_000_000, 1).liveLatencyS(5).build()).level();
    assertThat(live).isLessThan(unaware);
  }

  @Test
  void far_behind_the_edge_a_live_plan_is_the_plan_of_an_endless_stream() {
    // The same switch penalty live and on demand, so only the buffer's limit could differ.
    AbrPolicy policy = withPenalties(2, 2);
    Random random = new Random(7);
    for (int i = 0; i < 60; i++) {
      double bps = 300_000 + random.nextDouble() * 6_000_000;
      double bufferedS = random.nextDouble() * 40;
      AbrInput.Builder input = SteadyLink.input(bps, bufferedS);
      int unaware = policy.decide(input.build()).level();
      int live = policy.decide(input.liveLatencyS(bufferedS + 600).build()).level();
      assertThat(live).as("%.0f bps, %.1f s buffered", bps, bufferedS).isEqualTo(unaware);
    }
  }
}
