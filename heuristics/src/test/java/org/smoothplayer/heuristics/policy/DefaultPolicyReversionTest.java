package org.smoothplayer.heuristics.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.TransferSample;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;

/** Later planning steps of the default revert from the recent prediction to the long-run mean. */
class DefaultPolicyReversionTest {
  private static final Ladder LADDER = PensieveLadder.LADDER;

  private static final String REVERSION = "heuristics.default.reversionPerStep";

  /** Nine transfers at {@code usualBps}, then two at {@code lastBps}; 4-s fragments of 1 MB. */
  private static AbrInput input(double usualBps, double lastBps, int previousLevel) {
    List<TransferSample> samples = new ArrayList<>();
    double t = 0;
    for (int i = 0; i < 11; i++) {
      double bps = i < 9 ? usualBps : lastBps;
      double ms = 1_000_000 * 8 / bps * 1000;
      t += ms / 1000;
      samples.add(new TransferSample(1_000_000, ms, t));
    }
    return AbrInput.builder(LADDER)
        .nowS(t)
        .bufferedS(12)
        .fragmentDurationS(4)
        .fragmentsRemaining(30)
        .previousLevel(previousLevel, 0)
        .samples(samples)
        .build();
  }

  private static int level(double reversion, AbrInput input) {
    return Policies.create(Policies.DEFAULT, HeuristicsSettings.DEFAULTS.with(REVERSION, reversion))
        .decide(input)
        .level();
  }

  @Test
  void a_short_burst_above_the_long_run_rate_is_not_planned_for_the_whole_horizon() {
    AbrInput burst = input(1_300_000, 6_000_000, 2);
    assertThat(level(0.3, burst)).isLessThan(level(0, burst));
  }

  @Test
  void a_short_dip_below_the_long_run_rate_does_not_drop_as_far() {
    AbrInput dip = input(3_500_000, 900_000, 4);
    assertThat(level(0.3, dip)).isGreaterThan(level(0, dip));
  }

  @Test
  void the_decision_reports_the_long_run_harmonic_mean_it_reverts_to() {
    AbrInput steady = input(2_000_000, 2_000_000, 3);
    double longRunBps =
        Policies.create(Policies.DEFAULT, HeuristicsSettings.DEFAULTS)
            .decide(steady)
            .numbers()
            .get("longRunBps");
    assertThat(longRunBps).isCloseTo(2_000_000, org.assertj.core.api.Assertions.within(1.0));
  }
}
