package org.smoothplayer.heuristics.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.smoothplayer.heuristics.policy.Policies;
import org.smoothplayer.heuristics.qoe.QoeMetric;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;

/** Runs policies over trace sets in parallel (traces across threads) with deterministic output. */
public final class Benchmark {
  /** The offline optimum's name. */
  public static final String OPTIMUM = "optimum";

  /** MPC with perfect future bandwidth. */
  public static final String ORACLE = "mpc-oracle";

  /**
   * The offline optimum of the live stream (runs with {@code --live} only): the whole trace and
   * every size known, every fragment asked for once published.
   */
  public static final String LIVE_OPTIMUM = "live-optimum";

  private final Video video;
  private final SimConfig config;
  private final HeuristicsSettings settings;
  private final QoeMetric metric;
  private final int threads;

  /** Creates a benchmark; {@code metric} is what the optimum and the oracle optimise. */
  public Benchmark(
      Video video, SimConfig config, HeuristicsSettings settings, QoeMetric metric, int threads) {
    if (threads < 1) {
      throw new SimulationDataException("threads: expected >= 1 but was " + threads);
    }
    this.video = video;
    this.config = config;
    this.settings = settings;
    this.metric = metric;
    this.threads = threads;
  }

  /** True for names this benchmark can run. */
  public static boolean known(String policy) {
    return Policies.known(policy)
        || policy.equals(OPTIMUM)
        || policy.equals(ORACLE)
        || policy.equals(LIVE_OPTIMUM);
  }

  /** One session of {@code policy} on {@code trace}. */
  public SessionResult session(Trace trace, String policy, SessionListener listener) {
    Simulation.Decider decider;
    // The references plan every fragment's level themselves, on the reference simulator: the
    // abandon rule and the live stream apply to online policies only (live, the on-demand
    // optimum is what the policies are compared with; the live optimum is the live stream's).
    SimConfig run = config;
    if (policy.equals(OPTIMUM)) {
      run = config.withAbandonRule(false).withLiveJoin(0);
      int[] levels = new OptimumSolver().solve(trace, video, run, metric);
      decider = Simulation.fixed(levels, "offline-optimum");
    } else if (policy.equals(LIVE_OPTIMUM)) {
      if (!config.live()) {
        throw new SimulationDataException(
            LIVE_OPTIMUM + ": expected a live run (--live FRAGMENTS); on demand it is the optimum");
      }
      run = config.withAbandonRule(false);
      int[] levels = new OptimumSolver().solve(trace, video, run, metric);
      decider = Simulation.fixed(levels, "offline-optimum-live");
    } else if (policy.equals(ORACLE)) {
      run = config.withAbandonRule(false).withLiveJoin(0);
      decider = new OracleMpc(5, metric);
    } else {
      decider = Simulation.online(Policies.create(policy, settings));
    }
    return Simulation.run(trace, video, run, policy, decider, null, listener);
  }

  /** Results indexed {@code [policy][trace]}, in the given orders. */
  public SessionResult[][] run(List<Trace> traces, List<String> policies) {
    SessionResult[][] out = new SessionResult[policies.size()][traces.size()];
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(
              () ->
                  IntStream.range(0, traces.size() * policies.size())
                      .parallel()
                      .forEach(
                          k -> {
                            int p = k % policies.size();
                            int t = k / policies.size();
                            out[p][t] =
                                session(traces.get(t), policies.get(p), SessionListener.NONE);
                          }))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("benchmark interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      throw new IllegalStateException(c);
    } finally {
      pool.shutdown();
    }
    return out;
  }

  /** Summary of one policy on one set, against the optimum's per-trace QoE. */
  public record Summary(
      String policy,
      double meanQoe,
      double meanBitrateKbps,
      double meanStallS,
      double meanSwitchKbps,
      double ratioOfMeans,
      double medianRatio,
      double p10Ratio,
      double stallFreeShare,
      double meanDifferenceToOptimum,
      double meanQoeStrict) {}

  /** Summarises {@code results} (one per trace) against {@code optimum} under {@code m}. */
  public static Summary summarise(
      String policy, SessionResult[] results, SessionResult[] optimum, QoeMetric m) {
    int n = results.length;
    double q = 0;
    double br = 0;
    double st = 0;
    double sw = 0;
    double opt = 0;
    double diff = 0;
    int stallFree = 0;
    double strict = 0;
    double[] ratios = new double[n];
    for (int i = 0; i < n; i++) {
      double qi = results[i].qoe(m);
      double oi = optimum[i].qoe(m);
      q += qi;
      strict += results[i].qoeStrict(m);
      opt += oi;
      diff += qi - oi;
      br += results[i].meanBitrateKbps();
      st += results[i].stallS();
      sw += results[i].switchMagnitudeKbps();
      stallFree += results[i].stallS() == 0 ? 1 : 0;
      ratios[i] = oi == 0 ? (qi >= 0 ? 1 : 0) : qi / oi;
    }
    Arrays.sort(ratios);
    return new Summary(
        policy,
        q / n,
        br / n,
        st / n,
        sw / n,
        q / opt,
        quantile(ratios, 0.5),
        quantile(ratios, 0.1),
        (double) stallFree / n,
        diff / n,
        strict / n);
  }

  /** Linear-interpolation quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * Paired bootstrap 95 % interval of mean(a − b) over traces (percentile method, fixed seed).
   *
   * @return {mean difference, lower, upper}
   */
  public static double[] pairedBootstrap(double[] a, double[] b, int resamples, long seed) {
    int n = a.length;
    double[] d = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      d[i] = a[i] - b[i];
      mean += d[i];
    }
    mean /= n;
    double[] means =
        resampled(
            n,
            resamples,
            seed,
            draw -> {
              double s = 0;
              for (int t : draw) {
                s += d[t];
              }
              return s / n;
            });
    return new double[] {mean, quantile(means, 0.025), quantile(means, 0.975)};
  }

  /**
   * Paired bootstrap 95 % interval of mean(a) / mean(b) over traces (percentile method, fixed
   * seed): each resample draws the same traces for both, so what a and b share (the hard traces)
   * cancels. The targets are ratios of means (a share of the optimum's mean QoE, a gain
   * over robustMPC's), which the interval of the difference does not state directly.
   *
   * @return {ratio of means, lower, upper}; empty when mean(b) is not positive (no ratio is
   *     meaningful then); lower and upper are NaN when a resample's mean(b) is not positive
   */
  public static Optional<double[]> pairedRatioBootstrap(
      double[] a, double[] b, int resamples, long seed) {
    int n = a.length;
    double sumA = 0;
    double sumB = 0;
    for (int i = 0; i < n; i++) {
      sumA += a[i];
      sumB += b[i];
    }
    if (n == 0 || sumB <= 0) {
      return Optional.empty();
    }
    double[] ratios =
        resampled(
            n,
            resamples,
            seed,
            draw -> {
              double resampledA = 0;
              double resampledB = 0;
              for (int t : draw) {
                resampledA += a[t];
                resampledB += b[t];
              }
              return resampledB > 0 ? resampledA / resampledB : Double.NaN;
            });
    // Sorting puts NaN last: one resample without a positive mean(b) leaves no interval.
    if (Double.isNaN(ratios[resamples - 1])) {
      return Optional.of(new double[] {sumA / sumB, Double.NaN, Double.NaN});
    }
    return Optional.of(
        new double[] {sumA / sumB, quantile(ratios, 0.025), quantile(ratios, 0.975)});
  }

  /**
   * The statistic over {@code resamples} draws of n traces with replacement (the same seeded draws
   * for every statistic), sorted ascending.
   */
  private static double[] resampled(
      int n, int resamples, long seed, ToDoubleFunction<int[]> statistic) {
    Random random = new Random(seed);
    double[] values = new double[resamples];
    int[] draw = new int[n];
    for (int r = 0; r < resamples; r++) {
      for (int i = 0; i < n; i++) {
        draw[i] = random.nextInt(n);
      }
      values[r] = statistic.applyAsDouble(draw);
    }
    Arrays.sort(values);
    return values;
  }

  /** The metric the optimum optimises. */
  public QoeMetric metric() {
    return metric;
  }

  /** Per-trace QoE values of a result row. */
  public static double[] qoes(SessionResult[] row, QoeMetric m) {
    double[] out = new double[row.length];
    for (int i = 0; i < row.length; i++) {
      out[i] = row[i].qoe(m);
    }
    return out;
  }

  /** Every online policy then the oracle: the full benchmark list (optimum added separately). */
  public static List<String> allPolicies() {
    List<String> all = new ArrayList<>(Policies.NAMES);
    all.add(ORACLE);
    return all;
  }
}
