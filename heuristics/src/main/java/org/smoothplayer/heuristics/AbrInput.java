package org.smoothplayer.heuristics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Everything a policy may know when choosing the next fragment's level. Immutable.
 *
 * @param nowS session time in seconds (caller's clock)
 * @param positionS media time of the fragment about to be requested, seconds
 * @param bufferedS media buffered ahead of the play head, seconds
 * @param ladder the levels
 * @param fragmentDurationS duration of one fragment, seconds
 * @param upcomingSizes sizes of the next fragments per level when known ({@link UpcomingSizes#NONE}
 *     otherwise)
 * @param fragmentsRemaining fragments left including the next one, or -1 when unknown (live)
 * @param previousLevel level of the previous fragment, empty at start
 * @param previousLevelSinceS session time the previous level was first chosen (the last switch)
 * @param samples completed transfers, oldest first (the caller bounds the history)
 * @param throughputEstimateBps the caller's own estimate, when it keeps one
 * @param framesPerLevel frame statistics per level (same size as the ladder)
 * @param viewport the surface size when known
 * @param manualCapLevel highest level the user allows, when set
 * @param forcedLevel level the user forces, when set
 * @param liveLatencyS distance from the position to the live edge, seconds, for live streams: the
 *     edge is the end of the media published so far (for a fragment asked for as soon as it is
 *     published, at least its end)
 * @param levelCeiling highest level a policy may choose (set by caps; the ladder top otherwise)
 */
public record AbrInput(
    double nowS,
    double positionS,
    double bufferedS,
    Ladder ladder,
    double fragmentDurationS,
    UpcomingSizes upcomingSizes,
    int fragmentsRemaining,
    OptionalInt previousLevel,
    double previousLevelSinceS,
    List<TransferSample> samples,
    OptionalDouble throughputEstimateBps,
    List<FrameStats> framesPerLevel,
    Optional<Viewport> viewport,
    OptionalInt manualCapLevel,
    OptionalInt forcedLevel,
    OptionalDouble liveLatencyS,
    int levelCeiling) {

  /** Validates every field and copies the lists. */
  public AbrInput {
    InvalidInputException.requireAtLeast("nowS", nowS, Double.NEGATIVE_INFINITY);
    InvalidInputException.requireAtLeast("positionS", positionS, 0);
    InvalidInputException.requireAtLeast("bufferedS", bufferedS, 0);
    InvalidInputException.requirePositive("fragmentDurationS", fragmentDurationS);
    samples = List.copyOf(samples);
    framesPerLevel = List.copyOf(framesPerLevel);
    if (framesPerLevel.size() != ladder.size()) {
      throw new InvalidInputException(
          "framesPerLevel", "one entry per level (" + ladder.size() + ")", framesPerLevel.size());
    }
    if (upcomingSizes.count() > 0 && upcomingSizes.levelCount() != ladder.size()) {
      throw new InvalidInputException(
          "upcomingSizes", "sizes for every level", "a different ladder");
    }
    if (fragmentsRemaining < -1) {
      throw new InvalidInputException("fragmentsRemaining", ">= -1", fragmentsRemaining);
    }
    checkLevel("previousLevel", previousLevel, ladder);
    checkLevel("manualCapLevel", manualCapLevel, ladder);
    checkLevel("forcedLevel", forcedLevel, ladder);
    if (levelCeiling < 0 || levelCeiling > ladder.top()) {
      throw new InvalidInputException("levelCeiling", "0.." + ladder.top(), levelCeiling);
    }
  }

  private static void checkLevel(String field, OptionalInt level, Ladder ladder) {
    if (level.isPresent() && (level.getAsInt() < 0 || level.getAsInt() > ladder.top())) {
      throw new InvalidInputException(field, "0.." + ladder.top(), level.getAsInt());
    }
  }

  /** A builder starting from an empty session on {@code ladder}. */
  public static Builder builder(Ladder ladder) {
    return new Builder(ladder);
  }

  /** A builder holding this input's values. */
  public Builder toBuilder() {
    Builder b = new Builder(ladder);
    b.nowS = nowS;
    b.positionS = positionS;
    b.bufferedS = bufferedS;
    b.fragmentDurationS = fragmentDurationS;
    b.upcomingSizes = upcomingSizes;
    b.fragmentsRemaining = fragmentsRemaining;
    b.previousLevel = previousLevel;
    b.previousLevelSinceS = previousLevelSinceS;
    b.samples = samples;
    b.throughputEstimateBps = throughputEstimateBps;
    b.framesPerLevel = framesPerLevel;
    b.viewport = viewport;
    b.manualCapLevel = manualCapLevel;
    b.forcedLevel = forcedLevel;
    b.liveLatencyS = liveLatencyS;
    b.levelCeiling = levelCeiling;
    return b;
  }

  /** The same input with a lower ceiling (never raises it). */
  public AbrInput withCeiling(int ceiling) {
    return toBuilder().levelCeiling(Math.min(levelCeiling, Math.max(0, ceiling))).build();
  }

  /**
   * Bits of the fragment {@code ahead} fragments from the next one (0 = next) at {@code level}: its
   * known size, or where sizes are not known (a Smooth Streaming manifest lists none; a live
   * stream), the level's bitrate times the fragment duration.
   */
  public double fragmentBits(int ahead, int level) {
    return ahead < upcomingSizes.count()
        ? upcomingSizes.bytes(ahead, level) * 8.0
        : ladder.bitrateBps(level) * fragmentDurationS;
  }

  /** Bitrate in kbps of the previous level, or of level 0 when there is none. */
  public double previousKbps() {
    return ladder.bitrateKbps(previousLevel.orElse(0));
  }

  /** Mutable builder for {@link AbrInput}; defaults describe a VOD session start. */
  public static final class Builder {
    private final Ladder ladder;
    private double nowS;
    private double positionS;
    private double bufferedS;
    private double fragmentDurationS = 2.0;
    private UpcomingSizes upcomingSizes = UpcomingSizes.NONE;
    private int fragmentsRemaining = -1;
    private OptionalInt previousLevel = OptionalInt.empty();
    private double previousLevelSinceS;
    private List<TransferSample> samples = List.of();
    private OptionalDouble throughputEstimateBps = OptionalDouble.empty();
    private List<FrameStats> framesPerLevel;
    private Optional<Viewport> viewport = Optional.empty();
    private OptionalInt manualCapLevel = OptionalInt.empty();
    private OptionalInt forcedLevel = OptionalInt.empty();
    private OptionalDouble liveLatencyS = OptionalDouble.empty();
    private int levelCeiling;

    private Builder(Ladder ladder) {
      this.ladder = ladder;
      List<FrameStats> none = new ArrayList<>();
      for (int i = 0; i < ladder.size(); i++) {
        none.add(FrameStats.NONE);
      }
      this.framesPerLevel = none;
      this.levelCeiling = ladder.top();
    }

    /** Session time, seconds. */
    public Builder nowS(double v) {
      nowS = v;
      return this;
    }

    /** Media position of the next fragment, seconds. */
    public Builder positionS(double v) {
      positionS = v;
      return this;
    }

    /** Buffered media, seconds. */
    public Builder bufferedS(double v) {
      bufferedS = v;
      return this;
    }

    /** Fragment duration, seconds. */
    public Builder fragmentDurationS(double v) {
      fragmentDurationS = v;
      return this;
    }

    /** Upcoming fragment sizes. */
    public Builder upcomingSizes(UpcomingSizes v) {
      upcomingSizes = v;
      return this;
    }

    /** Fragments left including the next, -1 when unknown. */
    public Builder fragmentsRemaining(int v) {
      fragmentsRemaining = v;
      return this;
    }

    /** Previous level and the time it was chosen. */
    public Builder previousLevel(int level, double sinceS) {
      previousLevel = OptionalInt.of(level);
      previousLevelSinceS = sinceS;
      return this;
    }

    /** Transfer samples, oldest first. */
    public Builder samples(List<TransferSample> v) {
      samples = v;
      return this;
    }

    /** The caller's throughput estimate. */
    public Builder throughputEstimateBps(double v) {
      throughputEstimateBps = OptionalDouble.of(v);
      return this;
    }

    /** Frame statistics, one per level. */
    public Builder framesPerLevel(List<FrameStats> v) {
      framesPerLevel = v;
      return this;
    }

    /** Surface size. */
    public Builder viewport(Viewport v) {
      viewport = Optional.of(v);
      return this;
    }

    /** Highest level the user allows. */
    public Builder manualCapLevel(int v) {
      manualCapLevel = OptionalInt.of(v);
      return this;
    }

    /** Level the user forces. */
    public Builder forcedLevel(int v) {
      forcedLevel = OptionalInt.of(v);
      return this;
    }

    /** Distance to the live edge, seconds. */
    public Builder liveLatencyS(double v) {
      liveLatencyS = OptionalDouble.of(v);
      return this;
    }

    /** Highest level a policy may choose. */
    public Builder levelCeiling(int v) {
      levelCeiling = v;
      return this;
    }

    /** Builds and validates. */
    public AbrInput build() {
      return new AbrInput(
          nowS,
          positionS,
          bufferedS,
          ladder,
          fragmentDurationS,
          upcomingSizes,
          fragmentsRemaining,
          previousLevel,
          previousLevelSinceS,
          samples,
          throughputEstimateBps,
          framesPerLevel,
          viewport,
          manualCapLevel,
          forcedLevel,
          liveLatencyS,
          levelCeiling);
    }
  }
}
