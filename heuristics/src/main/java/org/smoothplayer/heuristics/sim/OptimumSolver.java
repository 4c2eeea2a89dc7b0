package org.smoothplayer.heuristics.sim;

import java.util.Arrays;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.qoe.QoeMetric;

/**
 * Offline optimum by forward dynamic programming over fragments with the whole trace known
 * (ABR-BENCHMARK §4, the "feasible beam" variant): every state is a real trajectory of the exact
 * simulator; per (last level, 0.1-s bucket of session time) only states not dominated in (buffer,
 * reward) are kept, and at most {@code beam} states per fragment (highest reward first). The result
 * is therefore a feasible lower bound of the true optimum, tight at this resolution. States are
 * kept in flat arrays (no per-state objects) so a trace takes seconds.
 *
 * <p>With a live configuration ({@link SimConfig#live()}) every fragment is asked for only once it
 * is published, exactly as in {@link ChunkEnv#awaitPublicationMs()}: the optimum of the live
 * stream, which still knows the whole trace and every size. The pruning stays exact there: at the
 * same session time the publication waits ahead are the same, and more buffer (a position further
 * behind the edge) only removes stalls.
 */
public final class OptimumSolver {
  /** Default time bucket, seconds. */
  public static final double BUCKET_S = 0.1;

  /** Default beam width, states per fragment. */
  public static final int BEAM = 30_000;

  private final double bucketS;
  private final int beam;

  /** Solver with the benchmark's resolution. */
  public OptimumSolver() {
    this(BUCKET_S, BEAM);
  }

  /** Solver with a custom resolution (coarser is faster and lower). */
  public OptimumSolver(double bucketS, int beam) {
    if (!(bucketS > 0) || beam < 1) {
      throw new SimulationDataException(
          "optimum: expected bucket > 0 s and beam >= 1, got " + bucketS + ", " + beam);
    }
    this.bucketS = bucketS;
    this.beam = beam;
  }

  /** Flat state arrays of one fragment's frontier. */
  private static final class Frontier {
    int size;
    int[] pointer;
    double[] lastTimeS;
    double[] bufferMs;
    double[] timeS;
    double[] reward;
    int[] level;
    int[] parent;

    Frontier(int capacity) {
      pointer = new int[capacity];
      lastTimeS = new double[capacity];
      bufferMs = new double[capacity];
      timeS = new double[capacity];
      reward = new double[capacity];
      level = new int[capacity];
      parent = new int[capacity];
    }

    void add(int ptr, double last, double buf, double t, double r, int lev, int par) {
      pointer[size] = ptr;
      lastTimeS[size] = last;
      bufferMs[size] = buf;
      timeS[size] = t;
      reward[size] = r;
      level[size] = lev;
      parent[size] = par;
      size++;
    }
  }

  /**
   * A solution: the level of every fragment and the QoE the solver computed for it (fragments 2
   * onwards under the metric), which replaying the levels in the simulator reproduces.
   */
  public record Solution(int[] levels, double qoe) {}

  /** The best level sequence found (fragment 1 at the configured first level). */
  public int[] solve(Trace trace, Video video, SimConfig config, QoeMetric metric) {
    return solution(trace, video, config, metric).levels();
  }

  /** The best level sequence found and its QoE as computed while searching. */
  public Solution solution(Trace trace, Video video, SimConfig config, QoeMetric metric) {
    Ladder ladder = video.ladder();
    int levels = ladder.size();
    int n = video.fragmentCount();
    double[] quality = new double[levels];
    for (int l = 0; l < levels; l++) {
      quality[l] = metric.quality(ladder, l);
    }
    ChunkEnv env0 = new ChunkEnv(trace, video, config);
    ChunkEnv.Step first = env0.fetch(config.firstLevel());
    LinkCursor cursor = env0.cursorCopy();
    Frontier current = new Frontier(1);
    current.add(
        cursor.pointer(),
        cursor.positionS(),
        env0.bufferMs(),
        (first.delayMs() + first.sleepMs()) / 1000.0,
        0,
        config.firstLevel(),
        -1);
    int[][] parents = new int[n][];
    int[][] chosen = new int[n][];
    parents[0] = new int[] {-1};
    chosen[0] = new int[] {config.firstLevel()};
    LinkCursor work = new LinkCursor(trace);
    double fragmentMs = video.fragmentDurationS() * 1000.0;
    for (int f = 1; f < n; f++) {
      Frontier next = new Frontier(current.size * levels);
      for (int p = 0; p < current.size; p++) {
        // Live: fragment f is asked for once published; meanwhile the buffer plays and the
        // link's time passes (ChunkEnv.awaitPublicationMs). Nothing to wait for on demand.
        double waitMs =
            config.live()
                ? Math.max(
                    0,
                    (f + 1 - config.liveJoinFragments()) * fragmentMs - current.timeS[p] * 1000.0)
                : 0;
        for (int level = 0; level < levels; level++) {
          work.moveTo(current.pointer[p], current.lastTimeS[p]);
          double buffer = current.bufferMs[p];
          if (waitMs > 0) {
            buffer = Math.max(0, buffer - waitMs);
            work.sleepMs(waitMs);
          }
          double delayMs =
              work.transferS(video.bytes()[level][f], config.payloadFactor()) * 1000.0
                  + config.rttMs();
          double rebufferMs = Math.max(delayMs - buffer, 0.0);
          buffer = Math.max(buffer - delayMs, 0.0) + fragmentMs;
          double sleepMs = 0;
          if (buffer > config.bufferCapMs()) {
            sleepMs =
                Math.ceil((buffer - config.bufferCapMs()) / config.drainStepMs())
                    * config.drainStepMs();
            buffer -= sleepMs;
            work.sleepMs(sleepMs);
          }
          double q = quality[level];
          double r =
              current.reward[p]
                  + q
                  - metric.stallPenaltyPerS() * (rebufferMs / 1000.0)
                  - Math.abs(q - quality[current.level[p]]);
          next.add(
              work.pointer(),
              work.positionS(),
              buffer,
              current.timeS[p] + (waitMs + delayMs + sleepMs) / 1000.0,
              r,
              level,
              p);
        }
      }
      current = prune(next);
      parents[f] = Arrays.copyOf(current.parent, current.size);
      chosen[f] = Arrays.copyOf(current.level, current.size);
    }
    int best = 0;
    for (int i = 1; i < current.size; i++) {
      if (current.reward[i] > current.reward[best]) {
        best = i;
      }
    }
    int[] out = new int[n];
    int idx = best;
    for (int f = n - 1; f >= 0; f--) {
      out[f] = chosen[f][idx];
      idx = parents[f][idx];
    }
    return new Solution(out, current.reward[best]);
  }

  private Frontier prune(Frontier all) {
    int size = all.size;
    long[] byGroup = new long[size];
    for (int i = 0; i < size; i++) {
      long group = (long) Math.floor(all.timeS[i] / bucketS) * 64 + all.level[i];
      byGroup[i] = (group << 22) | i;
    }
    Arrays.sort(byGroup);
    int[] idx = new int[size];
    for (int i = 0; i < size; i++) {
      idx[i] = (int) (byGroup[i] & ((1 << 22) - 1));
    }
    int[] keep = new int[size];
    int kept = 0;
    int from = 0;
    while (from < size) {
      long group = byGroup[from] >>> 22;
      int to = from + 1;
      while (to < size && (byGroup[to] >>> 22) == group) {
        to++;
      }
      sortByBufferDesc(idx, from, to - 1, all);
      double bestReward = Double.NEGATIVE_INFINITY;
      for (int k = from; k < to; k++) {
        int i = idx[k];
        if (all.reward[i] > bestReward) {
          keep[kept++] = i;
          bestReward = all.reward[i];
        }
      }
      from = to;
    }
    if (kept > beam) {
      double[] rewards = new double[kept];
      for (int k = 0; k < kept; k++) {
        rewards[k] = all.reward[keep[k]];
      }
      Arrays.sort(rewards);
      double threshold = rewards[kept - beam];
      int strictlyAbove = 0;
      for (int k = 0; k < kept; k++) {
        if (all.reward[keep[k]] > threshold) {
          strictlyAbove++;
        }
      }
      int tiesAllowed = beam - strictlyAbove;
      int n = 0;
      for (int k = 0; k < kept; k++) {
        double r = all.reward[keep[k]];
        if (r > threshold || (r == threshold && tiesAllowed-- > 0)) {
          keep[n++] = keep[k];
        }
      }
      kept = n;
    }
    Frontier out = new Frontier(kept);
    for (int k = 0; k < kept; k++) {
      int i = keep[k];
      out.add(
          all.pointer[i],
          all.lastTimeS[i],
          all.bufferMs[i],
          all.timeS[i],
          all.reward[i],
          all.level[i],
          all.parent[i]);
    }
    return out;
  }

  /** Sorts {@code idx[lo..hi]} by buffer descending, then reward descending, then index. */
  private static void sortByBufferDesc(int[] idx, int lo, int hi, Frontier all) {
    while (lo < hi) {
      if (hi - lo < 16) {
        for (int i = lo + 1; i <= hi; i++) {
          int v = idx[i];
          int j = i - 1;
          while (j >= lo && before(v, idx[j], all)) {
            idx[j + 1] = idx[j];
            j--;
          }
          idx[j + 1] = v;
        }
        return;
      }
      int pivot = idx[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (before(idx[i], pivot, all)) {
          i++;
        }
        while (before(pivot, idx[j], all)) {
          j--;
        }
        if (i <= j) {
          int t = idx[i];
          idx[i] = idx[j];
          idx[j] = t;
          i++;
          j--;
        }
      }
      if (j - lo < hi - i) {
        sortByBufferDesc(idx, lo, j, all);
        lo = i;
      } else {
        sortByBufferDesc(idx, i, hi, all);
        hi = j;
      }
    }
  }

  private static boolean before(int a, int b, Frontier all) {
    if (all.bufferMs[a] != all.bufferMs[b]) {
      return all.bufferMs[a] > all.bufferMs[b];
    }
    if (all.reward[a] != all.reward[b]) {
      return all.reward[a] > all.reward[b];
    }
    return a < b;
  }
}
