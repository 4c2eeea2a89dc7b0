package org.smoothplayer.heuristics.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.caps.CappedPolicy;
import org.smoothplayer.heuristics.policy.Policies;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;

/** A simulated machine that cannot decode the top levels (ABR-BENCHMARK §6, frame-drop cap). */
class SlowMachineTest {
  private static final double FPS = 25;

  private static Trace fastLink() {
    double[] t = new double[400];
    double[] bw = new double[400];
    for (int i = 0; i < t.length; i++) {
      t[i] = i;
      bw[i] = 12.0;
    }
    return new Trace("constant-12mbps", t, bw);
  }

  @Test
  void default_never_stays_on_an_undecodable_level_after_drops_are_observed() {
    Video video = SharedData.pensieveVideo();
    // levels 4 and 5 decode at 15 and 8 frames/s on a 25 frames/s video
    DecodeModel decode = new DecodeModel(FPS, new double[] {1000, 1000, 1000, 1000, 15, 8});
    HeuristicsSettings s = HeuristicsSettings.DEFAULTS;
    List<AbrInput> inputs = new ArrayList<>();
    CappedPolicy policy = new CappedPolicy(Policies.create("default", s), s.caps());
    Simulation.Decider recording =
        (input, state) -> {
          inputs.add(input);
          return policy.decide(input);
        };
    SessionResult r =
        Simulation.run(
            fastLink(),
            video,
            SimConfig.PENSIEVE,
            "default",
            recording,
            decode,
            SessionListener.NONE);

    for (int level = 4; level <= 5; level++) {
      int firstObserved = -1;
      for (int i = 0; i < inputs.size() && firstObserved < 0; i++) {
        if (inputs.get(i).framesPerLevel().get(level).droppedFrames() > 0) {
          firstObserved = i;
        }
      }
      assertThat(firstObserved)
          .as("the fast link pushes the policy to undecodable level " + level)
          .isPositive();
      int keptAfter = 0;
      for (int i = firstObserved; i < inputs.size(); i++) {
        // decision i chooses fragment i + 1
        if (r.steps().get(i + 1).level() >= level) {
          keptAfter++;
        }
      }
      assertThat(keptAfter)
          .as("fragments at level >= " + level + " chosen after its drops were seen")
          .isLessThanOrEqualTo(1);
    }
    assertThat(r.steps().get(r.steps().size() - 1).level()).isEqualTo(3);
  }

  @Test
  void an_unlimited_machine_keeps_the_top_level_on_the_same_link() {
    Video video = SharedData.pensieveVideo();
    HeuristicsSettings s = HeuristicsSettings.DEFAULTS;
    CappedPolicy policy = new CappedPolicy(Policies.create("default", s), s.caps());
    SessionResult r =
        Simulation.run(
            fastLink(),
            video,
            SimConfig.PENSIEVE,
            "default",
            Simulation.online(policy),
            DecodeModel.unlimited(6, FPS),
            SessionListener.NONE);
    assertThat(r.steps().get(r.steps().size() - 1).level()).isEqualTo(5);
  }
}
