package org.smoothplayer.heuristics.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.TransferSample;

/** Decision inputs after 1-MB transfers: the same one again and again, or given rates. */
final class SteadyLink {
  private SteadyLink() {}

  /**
   * Ten 1-MB transfers at {@code bps} on the Pensieve ladder, 4-s fragments of an endless stream,
   * {@code bufferedS} buffered, previous level 2.
   */
  static AbrInput.Builder input(double bps, double bufferedS) {
    double[] rates = new double[10];
    Arrays.fill(rates, bps);
    return afterTransfers(bufferedS, rates);
  }

  /**
   * One 1-MB transfer at each of {@code bps}, oldest first, back to back, on the Pensieve ladder;
   * 4-s fragments of an endless stream, {@code bufferedS} buffered, previous level 2.
   */
  static AbrInput.Builder afterTransfers(double bufferedS, double... bps) {
    List<TransferSample> samples = new ArrayList<>();
    double t = 0;
    for (double rate : bps) {
      double ms = 1_000_000 * 8 / rate * 1000;
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
