package org.smoothplayer.heuristics.caps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.FrameStats;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.Level;
import org.smoothplayer.heuristics.Viewport;
import org.smoothplayer.heuristics.settings.CapSettings;

class CapsTest {
  private static final Ladder LADDER =
      new Ladder(
          List.of(
              new Level(300_000, 320, 180),
              new Level(1_000_000, 640, 360),
              new Level(3_000_000, 1280, 720),
              new Level(6_000_000, 1920, 1080)));
  private static final CapSettings C = CapSettings.DEFAULTS;

  private static List<FrameStats> frames(int level, FrameStats f) {
    List<FrameStats> l = new ArrayList<>();
    for (int i = 0; i < LADDER.size(); i++) {
      l.add(i == level ? f : FrameStats.NONE);
    }
    return l;
  }

  @Test
  void a_level_dropping_frames_excludes_itself_and_everything_above_until_the_cool_down() {
    AbrInput in =
        AbrInput.builder(LADDER)
            .nowS(100)
            .framesPerLevel(frames(2, new FrameStats(30, 70, 95)))
            .build();
    assertThat(Caps.frameDropCeiling(in, C)).isEqualTo(1);
    AbrInput later = in.toBuilder().nowS(95 + C.frameDropCooldownS() + 1).build();
    assertThat(Caps.frameDropCeiling(later, C)).isEqualTo(3);
    AbrInput few = in.toBuilder().framesPerLevel(frames(2, new FrameStats(5, 0, 95))).build();
    assertThat(Caps.frameDropCeiling(few, C)).as("too few frames to judge").isEqualTo(3);
  }

  @Test
  void the_viewport_cap_keeps_levels_no_larger_than_the_slack_times_the_surface() {
    AbrInput in = AbrInput.builder(LADDER).viewport(new Viewport(640, 360)).build();
    assertThat(Caps.viewportCeiling(in, C)).isEqualTo(1);
    AbrInput tiny = AbrInput.builder(LADDER).viewport(new Viewport(16, 9)).build();
    assertThat(Caps.viewportCeiling(tiny, C)).isZero();
  }

  @Test
  void a_forced_level_wins_and_a_manual_cap_clamps_the_policy() {
    AbrInput in = AbrInput.builder(LADDER).manualCapLevel(1).build();
    CappedPolicy top = new CappedPolicy(input -> AbrDecision.of(input.ladder().top(), "greedy"), C);
    AbrDecision capped = top.decide(in);
    assertThat(capped.level()).isEqualTo(1);
    assertThat(capped.reason()).isEqualTo("greedy|cap:manual");
    assertThat(top.decide(in.toBuilder().forcedLevel(3).build()).level()).isEqualTo(3);
  }
}
