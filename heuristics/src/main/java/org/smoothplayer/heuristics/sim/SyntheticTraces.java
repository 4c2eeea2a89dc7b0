package org.smoothplayer.heuristics.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Synthetic network traces for checking that a policy generalises beyond the trace sets it was
 * tuned on. A hidden-Markov model after the one of Pensieve's synthetic traces (Mao et al., SIGCOMM
 * 2017): ten capacity states from 0.2 to 4.3 Mbit/s, a state kept for a geometric time with a given
 * mean, then a jump to another state, and Gaussian noise around the state's capacity that is
 * redrawn every few seconds. The jump rule below and the families' parameters are ours.
 *
 * <p>One sample per second: line {@code i} is the capacity during {@code (i - 1, i]} seconds, the
 * format of the other trace folders. The noise has a standard deviation of {@code noiseCv} times
 * the state's capacity and is redrawn every {@code noiseHoldS} seconds and at every state change;
 * the capacity never falls below {@link #FLOOR_MBPS}. A jump goes 1 to the farthest possible number
 * of states away, every distance equally likely, up or down with equal odds where both exist.
 * Everything comes from one seeded {@link Random}, so a (family, seed, index) gives the same trace
 * on every machine.
 */
public final class SyntheticTraces {
  /** Lowest and highest state capacity, Mbit/s (Pensieve's). */
  static final double MIN_STATE_MBPS = 0.2;

  static final double MAX_STATE_MBPS = 4.3;

  /** Number of capacity states, evenly spaced from the lowest to the highest. */
  static final int STATES = 10;

  /** The capacity never drawn below this, Mbit/s (Pensieve's generator: 0.1). */
  static final double FLOOR_MBPS = 0.1;

  /**
   * One kind of link.
   *
   * @param name folder and file-name prefix
   * @param meanDwellS mean time a capacity state lasts, seconds (≥ 1)
   * @param noiseHoldS seconds between two draws of the noise (≥ 1)
   * @param noiseCv standard deviation of the noise as a share of the state's capacity (≥ 0)
   */
  public record Family(String name, double meanDwellS, int noiseHoldS, double noiseCv) {
    /** Validates the parameters. */
    public Family {
      if (meanDwellS < 1 || noiseHoldS < 1 || noiseCv < 0 || !Double.isFinite(noiseCv)) {
        throw new SimulationDataException(
            "family "
                + name
                + ": expected mean dwell >= 1 s, noise hold >= 1 s and noise cv >= 0, got "
                + meanDwellS
                + ", "
                + noiseHoldS
                + ", "
                + noiseCv);
      }
    }
  }

  /** The three families of docs/BENCHMARKS.md: from long calm states to short noisy ones. */
  public static final List<Family> FAMILIES =
      List.of(
          new Family("synthetic-steady", 100, 5, 0.05),
          new Family("synthetic-moderate", 30, 2, 0.2),
          new Family("synthetic-volatile", 10, 1, 0.5));

  /**
   * A generated trace with its hidden states.
   *
   * @param mbps capacity of each second, index 0 unused by the simulator (time 0)
   * @param states hidden state of each second
   */
  public record Generated(double[] mbps, int[] states) {}

  private SyntheticTraces() {}

  /** Capacity of state {@code s}, Mbit/s. */
  static double stateMbps(int s) {
    return MIN_STATE_MBPS + s * (MAX_STATE_MBPS - MIN_STATE_MBPS) / (STATES - 1);
  }

  /** Generates {@code lengthS + 1} one-second samples (times 0 … lengthS) from {@code seed}. */
  public static Generated generate(Family family, int lengthS, long seed) {
    if (lengthS < 1) {
      throw new SimulationDataException("length: expected >= 1 s but was " + lengthS);
    }
    Random random = new Random(seed);
    double stay = 1 - 1 / family.meanDwellS();
    int state = random.nextInt(STATES);
    double noise = 0;
    int hold = 0;
    double[] mbps = new double[lengthS + 1];
    int[] states = new int[lengthS + 1];
    for (int t = 0; t <= lengthS; t++) {
      if (hold <= 0) {
        noise = random.nextGaussian() * family.noiseCv() * stateMbps(state);
        hold = family.noiseHoldS();
      }
      hold--;
      mbps[t] = Math.max(FLOOR_MBPS, stateMbps(state) + noise);
      states[t] = state;
      if (random.nextDouble() >= stay) {
        state = jump(state, random);
        hold = 0;
      }
    }
    return new Generated(mbps, states);
  }

  private static int jump(int state, Random random) {
    int farthest = Math.max(state, STATES - 1 - state);
    int distance = 1 + random.nextInt(farthest);
    boolean up = state + distance <= STATES - 1;
    boolean down = state - distance >= 0;
    if (up && down) {
      return random.nextBoolean() ? state + distance : state - distance;
    }
    return up ? state + distance : state - distance;
  }

  /**
   * The seed of trace {@code index}. java.util.Random's first draws from neighbouring seeds follow
   * a pattern (the first state would step through the states by a fixed stride from one index to
   * the next), so the (seed, family, index) key goes through SplittableRandom's 64-bit mix first.
   */
  static long traceSeed(long seed, Family family, int index) {
    long key = seed * 1_000_003L + family.name().hashCode() * 31L + index;
    return new SplittableRandom(key).nextLong();
  }

  /** Writes {@code count} traces of a family into {@code dir/<family>/<family>_<i>}. */
  public static List<Path> write(Path dir, Family family, int count, int lengthS, long seed)
      throws IOException {
    Path folder = dir.resolve(family.name());
    Files.createDirectories(folder);
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Generated g = generate(family, lengthS, traceSeed(seed, family, i));
      StringBuilder text = new StringBuilder(lengthS * 12);
      for (int t = 0; t < g.mbps().length; t++) {
        text.append(t).append('\t').append(String.format(Locale.ROOT, "%.6f", g.mbps()[t]));
        text.append('\n');
      }
      Path file = folder.resolve(family.name() + "_" + i);
      Files.writeString(file, text, StandardCharsets.UTF_8);
      written.add(file);
    }
    return written;
  }

  /**
   * {@code --out DIR [--family NAME ...] [--count N] [--length-s S] [--seed S]}: writes every (or
   * each named) family's folder under DIR. Exit code 0 ok, 2 usage error, 1 I/O error.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String usage =
        "usage: SyntheticTraces --out DIR [--family NAME ...] [--count N (100)]"
            + " [--length-s S (320)] [--seed S (1)]\nfamilies: "
            + String.join(" ", FAMILIES.stream().map(Family::name).toList());
    Path outDir = null;
    List<Family> families = new ArrayList<>();
    int count = 100;
    int lengthS = 320;
    long seed = 1;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("-h") || a.equals("--help")) {
          out.println(usage);
          return 0;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + ": expected a value after it");
        }
        String v = args[++i];
        switch (a) {
          case "--out" -> outDir = Path.of(v);
          case "--family" -> families.add(family(v));
          case "--count" -> count = TraceToolOptions.positive(a, v);
          case "--length-s" -> lengthS = TraceToolOptions.positive(a, v);
          case "--seed" -> seed = TraceToolOptions.wholeNumber(a, v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (outDir == null) {
        throw new IllegalArgumentException("--out: expected an output folder");
      }
    } catch (IllegalArgumentException e) {
      err.println("SyntheticTraces: " + e.getMessage());
      err.println(usage);
      return 2;
    }
    try {
      for (Family f : families.isEmpty() ? FAMILIES : families) {
        List<Path> files = write(outDir, f, count, lengthS, seed);
        out.printf(
            Locale.ROOT,
            "%s: %d traces of %d s in %s%n",
            f.name(),
            files.size(),
            lengthS,
            outDir.resolve(f.name()));
      }
    } catch (IOException e) {
      err.println("SyntheticTraces: I/O error: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  private static Family family(String name) {
    for (Family f : FAMILIES) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "--family: expected one of "
            + String.join(", ", FAMILIES.stream().map(Family::name).toList())
            + " but was "
            + name);
  }

  /** Command-line entry point. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }
}
