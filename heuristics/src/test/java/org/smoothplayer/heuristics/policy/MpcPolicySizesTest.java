package org.smoothplayer.heuristics.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.UpcomingSizes;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;

/** MPC and robustMPC where fragment sizes are not known, as in the player. */
class MpcPolicySizesTest {
  private static final Ladder LADDER = PensieveLadder.LADDER;

  /** Every level's fragments at exactly its bitrate times 4 s. */
  private static UpcomingSizes nominal(int count) {
    long[][] bytes = new long[LADDER.size()][count];
    for (int l = 0; l < LADDER.size(); l++) {
      for (int f = 0; f < count; f++) {
        bytes[l][f] = LADDER.bitrateBps(l) * 4 / 8;
      }
    }
    return UpcomingSizes.of(bytes, 0, count);
  }

  /** 3 Mbit/s, 8 s buffered, 30 fragments left whose sizes are given, at their nominal sizes. */
  private static AbrInput knownNominalSizes() {
    return SteadyLink.input(3_000_000, 8).fragmentsRemaining(30).upcomingSizes(nominal(30)).build();
  }

  @Test
  void without_sizes_robust_mpc_plans_with_each_levels_nominal_size_instead_of_the_lowest_level() {
    for (String name : List.of("mpc", "robustmpc")) {
      AbrPolicy mpc = Policies.create(name, HeuristicsSettings.DEFAULTS);
      AbrDecision unknown =
          mpc.decide(SteadyLink.input(3_000_000, 8).fragmentsRemaining(30).build());
      AbrDecision given = mpc.decide(knownNominalSizes());

      assertThat(unknown.reason()).as(name).isNotEqualTo("no-samples");
      assertThat(unknown.level()).as(name).isGreaterThan(0).isEqualTo(given.level());
    }
  }

  @Test
  void in_a_live_stream_without_sizes_or_an_end_it_plans_its_whole_horizon() {
    AbrPolicy robust = Policies.create("robustmpc", HeuristicsSettings.DEFAULTS);
    AbrDecision live =
        robust.decide(
            SteadyLink.input(3_000_000, 8).fragmentsRemaining(-1).liveLatencyS(12).build());
    AbrDecision known = robust.decide(knownNominalSizes());

    assertThat(live.level()).isEqualTo(known.level()).isGreaterThan(0);
  }
}
