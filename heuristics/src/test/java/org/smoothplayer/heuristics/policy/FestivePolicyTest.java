package org.smoothplayer.heuristics.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.TransferSample;
import org.smoothplayer.heuristics.settings.FestiveSettings;

/** FESTIVE's gradual switching and delayed update, decision by decision. */
class FestivePolicyTest {
  private static final Ladder LADDER = PensieveLadder.LADDER;

  /** Plays a session on a link of constant {@code bps}, feeding back each decision. */
  private static List<AbrDecision> session(
      FestivePolicy policy, double bps, int startLevel, int n) {
    List<TransferSample> samples = new ArrayList<>();
    List<AbrDecision> out = new ArrayList<>();
    int level = startLevel;
    double t = 0;
    for (int i = 0; i < n; i++) {
      double bytes = LADDER.bitrateBps(level) * 4 / 8.0;
      double ms = bytes * 8 / bps * 1000;
      t += ms / 1000;
      samples.add(new TransferSample((long) bytes, ms, t));
      AbrInput input =
          AbrInput.builder(LADDER)
              .nowS(t)
              .bufferedS(20)
              .fragmentDurationS(4)
              .fragmentsRemaining(100)
              .previousLevel(level, 0)
              .samples(samples)
              .build();
      AbrDecision d = policy.decide(input);
      out.add(d);
      level = d.level();
    }
    return out;
  }

  @Test
  void on_a_fast_link_it_climbs_one_level_at_a_time_and_waits_longer_at_higher_levels() {
    List<AbrDecision> d = session(new FestivePolicy(FestiveSettings.DEFAULTS), 10e6, 0, 30);
    List<Integer> levels = d.stream().map(AbrDecision::level).toList();
    for (int i = 1; i < levels.size(); i++) {
      assertThat(levels.get(i) - levels.get(i - 1)).as("step %d of %s", i, levels).isBetween(0, 1);
    }
    assertThat(levels.get(levels.size() - 1)).isEqualTo(5);
    // It leaves level k only after more than k decisions that wanted up, so the time spent at a
    // level grows with the level.
    long atLevel1 = levels.stream().filter(l -> l == 1).count();
    long atLevel4 = levels.stream().filter(l -> l == 4).count();
    assertThat(atLevel4).isGreaterThan(atLevel1);
  }

  @Test
  void when_the_target_falls_below_the_current_level_it_steps_down_one_level_per_decision() {
    FestivePolicy policy = new FestivePolicy(FestiveSettings.DEFAULTS);
    List<AbrDecision> d = session(policy, 400_000, 5, 12);
    List<Integer> levels = d.stream().map(AbrDecision::level).toList();
    for (int i = 1; i < levels.size(); i++) {
      assertThat(levels.get(i - 1) - levels.get(i)).as("%s", levels).isBetween(0, 1);
    }
    assertThat(levels.get(levels.size() - 1)).isEqualTo(0);
    assertThat(d.get(0).numbers().get("targetLevel")).isEqualTo(0.0);
  }

  @Test
  void recent_switches_make_a_small_gain_wait_in_the_delayed_update() {
    // With many recent switches the stability cost of one more switch (2^(n+1) − 2^n) exceeds
    // the efficiency gain of a one-level move, so the current level is kept.
    FestivePolicy policy = new FestivePolicy(new FestiveSettings(20, 0.85, 1, 20));
    List<AbrDecision> d = session(policy, 400_000, 5, 8);
    assertThat(d).anySatisfy(x -> assertThat(x.reason()).isEqualTo("festive:delayed"));
    FestivePolicy eager = new FestivePolicy(new FestiveSettings(20, 0.85, 100, 20));
    List<AbrDecision> e = session(eager, 400_000, 5, 8);
    assertThat(e).noneSatisfy(x -> assertThat(x.reason()).isEqualTo("festive:delayed"));
  }
}
