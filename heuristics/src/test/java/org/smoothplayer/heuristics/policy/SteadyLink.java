package org.smoothplayer.heuristics.policy;

import java.util.ArrayList;
import java.util.List;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.TransferSample;

/** Decision inputs after a steady link: the same transfer again and again. */
final class SteadyLink {
  private SteadyLink() {}

  /**
   * Ten 1-MB transfers at {@code bps} on the Pensieve ladder, 4-s fragments of an endless stream,
   * {@code bufferedS} buffered, previous level 2.
   */
  static AbrInput.Builder input(double bps, double bufferedS) {
    List<TransferSample> samples = new ArrayList<>();
    double t = 0;
    for (int i = 0; i < 10; i++) {
      double ms = 1_000_000 * 8 / bps * 1000;
      t += ms / 1000;
      samples.add(new TransferSample(1_000_000, ms, t));
    }
    return AbrInput.builder(PensieveLadder.LADDER)
        .nowS(t)
        .bufferedS(bufferedS)
        .fragmentDurationS(4)
        .fragmentsRemaining(-1)
        .previousLevel(2, 0)
        .samples(samples);
  }
}
