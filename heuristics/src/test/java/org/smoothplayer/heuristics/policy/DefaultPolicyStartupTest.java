package org.smoothplayer.heuristics.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;

/** At start-up, one or two early prediction errors are not evidence of a faster link. */
class DefaultPolicyStartupTest {
  private static AbrPolicy withMinErrors(int minErrors) {
    return Policies.create(
        Policies.DEFAULT,
        HeuristicsSettings.DEFAULTS.with("heuristics.default.optimismMinErrors", minErrors));
  }

  /** 1-MB transfers at the given rates, oldest first, previous level 1. */
  private static AbrInput afterTransfers(double bufferedS, double... bps) {
    return SteadyLink.afterTransfers(bufferedS, bps).previousLevel(1, 0).build();
  }

  @Test
  void a_second_and_third_transfer_faster_than_the_first_do_not_lift_the_plan_above_the_link() {
    // Two error ratios, both above 1 (1.75 and 1.25): every scenario would be faster than the
    // prediction of about 3.2 Mbit/s.
    AbrInput input = afterTransfers(8, 2_000_000, 3_500_000, 3_500_000);
    AbrDecision careful = withMinErrors(3).decide(input);
    AbrDecision eager = withMinErrors(0).decide(input);
    assertThat(eager.numbers().get("lowScenarioBps"))
        .isGreaterThan(eager.numbers().get("predictionBps"));
    assertThat(careful.numbers().get("highScenarioBps"))
        .isLessThanOrEqualTo(careful.numbers().get("predictionBps"));
    assertThat(careful.level()).isLessThan(eager.level());
  }

  @Test
  void once_enough_errors_are_known_the_scenarios_follow_them_above_the_prediction() {
    AbrInput input = afterTransfers(8, 2_000_000, 3_500_000, 3_500_000, 3_500_000);
    AbrDecision decision = withMinErrors(3).decide(input);
    assertThat(decision.numbers().get("lowScenarioBps"))
        .isGreaterThan(decision.numbers().get("predictionBps"));
    assertThat(decision.level()).isEqualTo(withMinErrors(0).decide(input).level());
  }
}
