package org.smoothplayer.heuristics.sim;

import java.util.ArrayList;
import java.util.List;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.FrameStats;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.TransferSample;
import org.smoothplayer.heuristics.UpcomingSizes;

/**
 * Plays one trace with one decider: fragment 1 at the configured first level, then one decision per
 * fragment from an {@link AbrInput} built exactly from what the simulator exposes.
 */
public final class Simulation {
  private Simulation() {}

  /** Decides the next level; may look at a copy of the simulator state (oracles only). */
  @FunctionalInterface
  public interface Decider {
    /** The decision for the next fragment. */
    AbrDecision decide(AbrInput input, ChunkEnv state);
  }

  /** Wraps an online policy (it never sees the simulator state). */
  public static Decider online(AbrPolicy policy) {
    return (input, state) -> policy.decide(input);
  }

  /** Replays a fixed level sequence (index = fragment). */
  public static Decider fixed(int[] levels, String reason) {
    return (input, state) -> AbrDecision.of(levels[state.nextFragment()], reason);
  }

  /** Runs a session without decode limits or events. */
  public static SessionResult run(
      Trace trace, Video video, SimConfig config, String policyName, Decider decider) {
    return run(trace, video, config, policyName, decider, null, SessionListener.NONE);
  }

  /**
   * Runs a session.
   *
   * @param decode decode capacity model, or {@code null} for an unlimited machine
   * @param listener receives session events
   */
  public static SessionResult run(
      Trace trace,
      Video video,
      SimConfig config,
      String policyName,
      Decider decider,
      @org.jspecify.annotations.Nullable DecodeModel decode,
      SessionListener listener) {
    Ladder ladder = video.ladder();
    ChunkEnv env = new ChunkEnv(trace, video, config);
    int n = video.fragmentCount();
    double fragmentS = video.fragmentDurationS();
    List<ChunkEnv.Step> steps = new ArrayList<>();
    List<AbrDecision> decisions = new ArrayList<>();
    List<TransferSample> samples = new ArrayList<>();
    long[] dropped = new long[ladder.size()];
    long[] rendered = new long[ladder.size()];
    double[] lastDropAt = new double[ladder.size()];
    java.util.Arrays.fill(lastDropAt, Double.NEGATIVE_INFINITY);
    double playedMediaS = 0;
    double nowS = 0;
    int previous = config.firstLevel();
    double previousSinceS = 0;
    EventLog events =
        new EventLog(listener, trace, video, policyName, fragmentS, config.rttMs(), config.live());
    for (int f = 0; f < n; f++) {
      AbrDecision decision;
      if (f == 0) {
        decision = AbrDecision.of(config.firstLevel(), "first-fragment");
      } else {
        if (decode != null) {
          double playedNow = f * fragmentS - env.bufferMs() / 1000.0;
          for (int g = 0; g < f; g++) {
            double from = Math.max(playedMediaS, g * fragmentS);
            double to = Math.min(playedNow, (g + 1) * fragmentS);
            if (to > from) {
              int level = steps.get(g).level();
              double frames = (to - from) * decode.videoFps();
              long drop = Math.round(frames * decode.dropRatio(level));
              dropped[level] += drop;
              rendered[level] += Math.round(frames) - drop;
              if (drop > 0) {
                lastDropAt[level] = nowS;
              }
            }
          }
          playedMediaS = Math.max(playedMediaS, playedNow);
        }
        List<FrameStats> frames = new ArrayList<>();
        for (int l = 0; l < ladder.size(); l++) {
          frames.add(new FrameStats(dropped[l], rendered[l], lastDropAt[l]));
        }
        // Live: the next fragment is asked for once it is published; its size and the stream's
        // end are not known then, as in the player.
        nowS += env.awaitPublicationMs() / 1000.0;
        AbrInput.Builder b =
            AbrInput.builder(ladder)
                .nowS(nowS)
                .positionS(f * fragmentS)
                .bufferedS(env.bufferMs() / 1000.0)
                .fragmentDurationS(fragmentS)
                .previousLevel(previous, previousSinceS)
                .samples(samples)
                .framesPerLevel(frames);
        if (config.live()) {
          b.fragmentsRemaining(-1).liveLatencyS(env.liveLatencyS());
        } else {
          b.upcomingSizes(UpcomingSizes.of(video.bytes(), f, n - f)).fragmentsRemaining(n - f);
        }
        AbrInput input = b.build();
        decision = decider.decide(input, env.copy());
        if (decision.level() < 0 || decision.level() > ladder.top()) {
          throw new IllegalStateException(
              policyName + " chose level " + decision.level() + " outside 0.." + ladder.top());
        }
        events.decision(
            nowS,
            f,
            decision,
            ladder.bitrateBps(decision.level()),
            input.bufferedS(),
            previous,
            samples.get(samples.size() - 1).throughputBps());
      }
      double bufferBeforeS = env.bufferMs() / 1000.0;
      ChunkEnv.Step step = env.fetch(decision.level(), config.abandonRule());
      boolean stallToLog = f > 0 && step.rebufferMs() > 0;
      double stallFromS = nowS + bufferBeforeS;
      for (ChunkEnv.Attempt given : step.abandoned()) {
        // A transfer given up is not a sample of the link (AbandonRule): its refetch is.
        double endS = nowS + (given.startMs() + given.elapsedMs()) / 1000.0;
        if (stallToLog && stallFromS <= endS) {
          events.stallStarted(stallFromS, f);
          stallToLog = false;
        }
        events.abandoned(endS, f, given);
      }
      if (stallToLog) {
        events.stallStarted(stallFromS, f);
      }
      if (f > 0 && step.rebufferMs() > 0) {
        events.stallEnded(nowS + step.delayMs() / 1000.0, f, step.rebufferMs());
      }
      nowS += step.delayMs() / 1000.0;
      TransferSample sample = new TransferSample(step.bytes(), step.loadMs(), nowS);
      samples.add(sample);
      events.loaded(
          nowS,
          step,
          ladder.bitrateBps(step.level()),
          sample.throughputBps(),
          sum(rendered),
          sum(dropped));
      if (f > 0 && step.level() != previous) {
        previousSinceS = nowS;
      }
      nowS += step.sleepMs() / 1000.0;
      previous = step.level();
      steps.add(step);
      decisions.add(decision);
    }
    SessionResult result = new SessionResult(trace.name(), policyName, steps, decisions, ladder);
    events.end(nowS, result, sum(rendered), sum(dropped));
    return result;
  }

  private static long sum(long[] values) {
    long total = 0;
    for (long v : values) {
      total += v;
    }
    return total;
  }
}
