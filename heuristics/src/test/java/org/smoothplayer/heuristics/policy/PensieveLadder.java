package org.smoothplayer.heuristics.policy;

import java.util.List;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.Level;

/** The EnvivioDash3 ladder of the Pensieve benchmark (300 to 4300 kbps), for policy tests. */
final class PensieveLadder {
  static final Ladder LADDER =
      new Ladder(
          List.of(
              new Level(300_000, 640, 360),
              new Level(750_000, 640, 360),
              new Level(1_200_000, 640, 360),
              new Level(1_850_000, 640, 360),
              new Level(2_850_000, 640, 360),
              new Level(4_300_000, 640, 360)));

  private PensieveLadder() {}
}
