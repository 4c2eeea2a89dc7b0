package org.smoothplayer.heuristics.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of our default policy: a stochastic lookahead over throughput scenarios learnt from its
 * own prediction errors.
 *
 * @param horizon see {@link #HORIZON}
 * @param planningStepS see {@link #PLANNING_STEP_S}
 * @param throughputWindow see {@link #THROUGHPUT_WINDOW}
 * @param errorWindow see {@link #ERROR_WINDOW}
 * @param scenarios see {@link #SCENARIOS}
 * @param scenarioMaxQuantile see {@link #SCENARIO_MAX_QUANTILE}
 * @param startupSafety see {@link #STARTUP_SAFETY}
 * @param optimismMinErrors see {@link #OPTIMISM_MIN_ERRORS}
 * @param stallPenaltyPerS see {@link #STALL_PENALTY_PER_S}
 * @param switchPenalty see {@link #SWITCH_PENALTY}
 * @param terminalBufferValue see {@link #TERMINAL_BUFFER_VALUE}
 * @param terminalBufferCapS see {@link #TERMINAL_BUFFER_CAP_S}
 * @param minTransferBytes see {@link #MIN_TRANSFER_BYTES}
 * @param bandwidthGridPerOctave see {@link #BANDWIDTH_GRID_PER_OCTAVE}
 * @param recencyDecay see {@link #RECENCY_DECAY}
 * @param longRunWindow see {@link #LONG_RUN_WINDOW}
 * @param reversionPerStep see {@link #REVERSION_PER_STEP}
 * @param endStretch see {@link #END_STRETCH}
 * @param endReserveS see {@link #END_RESERVE_S}
 * @param liveSwitchPenalty see {@link #LIVE_SWITCH_PENALTY}
 */
public record DefaultPolicySettings(
    int horizon,
    double planningStepS,
    int throughputWindow,
    int errorWindow,
    int scenarios,
    double scenarioMaxQuantile,
    double startupSafety,
    int optimismMinErrors,
    double stallPenaltyPerS,
    double switchPenalty,
    double terminalBufferValue,
    double terminalBufferCapS,
    int minTransferBytes,
    int bandwidthGridPerOctave,
    double recencyDecay,
    int longRunWindow,
    double reversionPerStep,
    double endStretch,
    double endReserveS,
    double liveSwitchPenalty) {
  /** Planning steps looked ahead at each decision. */
  public static final SettingDescriptor HORIZON =
      new SettingDescriptor(
          "heuristics.default.horizon",
          "Horizon",
          "Planning steps looked ahead at each decision.",
          "steps",
          1.0,
          8.0,
          1.0,
          7.0);

  /** Media time one planning step covers: short fragments are planned in blocks of this length. */
  public static final SettingDescriptor PLANNING_STEP_S =
      new SettingDescriptor(
          "heuristics.default.planningStepS",
          "Planning step",
          "Media time one planning step covers: short fragments are planned in blocks of this length.",
          "s",
          0.5,
          20.0,
          0.5,
          4.0);

  /** Recent transfers in the harmonic-mean throughput prediction. */
  public static final SettingDescriptor THROUGHPUT_WINDOW =
      new SettingDescriptor(
          "heuristics.default.throughputWindow",
          "Throughput samples",
          "Recent transfers in the harmonic-mean throughput prediction.",
          "transfers",
          1.0,
          50.0,
          1.0,
          5.0);

  /** Recent prediction outcomes (actual / predicted) that form the throughput scenarios. */
  public static final SettingDescriptor ERROR_WINDOW =
      new SettingDescriptor(
          "heuristics.default.errorWindow",
          "Error memory",
          "Recent prediction outcomes (actual / predicted) that form the throughput scenarios.",
          "transfers",
          1.0,
          100.0,
          1.0,
          10.0);

  /** Number of throughput scenarios (evenly spaced quantiles of the recent outcome ratios). */
  public static final SettingDescriptor SCENARIOS =
      new SettingDescriptor(
          "heuristics.default.scenarios",
          "Scenarios",
          "Number of equally likely throughput scenarios planned against at once.",
          "scenarios",
          1.0,
          15.0,
          1.0,
          5.0);

  /**
   * Scenarios are the quantiles of recent actual / predicted ratios spread evenly below this
   * quantile.
   */
  public static final SettingDescriptor SCENARIO_MAX_QUANTILE =
      new SettingDescriptor(
          "heuristics.default.scenarioMaxQuantile",
          "Optimism",
          "Scenarios are the quantiles of recent actual / predicted ratios spread evenly below this quantile.",
          "quantile",
          0.05,
          1.0,
          0.05,
          0.5);

  /** Share of the prediction assumed while no prediction error has been observed yet. */
  public static final SettingDescriptor STARTUP_SAFETY =
      new SettingDescriptor(
          "heuristics.default.startupSafety",
          "Start-up safety",
          "Share of the prediction assumed while no prediction error has been observed yet.",
          "×",
          0.1,
          1.0,
          0.05,
          0.8);

  /**
   * While fewer prediction errors than this are known, no scenario is planned above the prediction:
   * one or two early ratios above 1 (a second transfer faster than the first) are not evidence that
   * the link is faster than measured. 0 turns it off.
   */
  public static final SettingDescriptor OPTIMISM_MIN_ERRORS =
      new SettingDescriptor(
          "heuristics.default.optimismMinErrors",
          "Errors before optimism",
          "While fewer prediction errors than this are known, no scenario is planned above the prediction (0: off).",
          "errors",
          0.0,
          10.0,
          1.0,
          3.0);

  /** Planning cost of one second of stall, in Mbps-equivalents (4.3 is the QoE_lin weight). */
  public static final SettingDescriptor STALL_PENALTY_PER_S =
      new SettingDescriptor(
          "heuristics.default.stallPenaltyPerS",
          "Stall penalty",
          "Planning cost of one second of stall, in Mbps-equivalents (4.3 is the QoE_lin weight).",
          "1/s",
          0.0,
          50.0,
          0.1,
          4.3);

  /** Planning cost per Mbps of bitrate change between consecutive fragments. */
  public static final SettingDescriptor SWITCH_PENALTY =
      new SettingDescriptor(
          "heuristics.default.switchPenalty",
          "Switch penalty",
          "Planning cost per Mbps of bitrate change between consecutive fragments.",
          "×",
          0.0,
          5.0,
          0.05,
          2.0);

  /**
   * Planning value of each second of buffer left at the horizon end (when the stream goes on), in
   * Mbps-equivalents.
   */
  public static final SettingDescriptor TERMINAL_BUFFER_VALUE =
      new SettingDescriptor(
          "heuristics.default.terminalBufferValue",
          "Buffer value",
          "Planning value of each second of buffer left at the horizon end (when the stream goes on), in Mbps-equivalents.",
          "1/s",
          0.0,
          5.0,
          0.05,
          1.0);

  /** Buffer beyond which extra seconds left at the horizon end have no value. */
  public static final SettingDescriptor TERMINAL_BUFFER_CAP_S =
      new SettingDescriptor(
          "heuristics.default.terminalBufferCapS",
          "Buffer value cap",
          "Buffer beyond which extra seconds left at the horizon end have no value.",
          "s",
          0.0,
          120.0,
          1.0,
          20.0);

  /** Transfers smaller than this are ignored by the throughput prediction. */
  public static final SettingDescriptor MIN_TRANSFER_BYTES =
      new SettingDescriptor(
          "heuristics.default.minTransferBytes",
          "Smallest useful transfer",
          "Transfers smaller than this are ignored by the throughput prediction.",
          "bytes",
          0.0,
          10000000.0,
          1000.0,
          10000.0);

  /**
   * Resolution of the bandwidth grid the lookahead is planned on; the decision is the highest level
   * planned at any grid bandwidth not above the prediction, which makes it monotone in bandwidth.
   */
  public static final SettingDescriptor BANDWIDTH_GRID_PER_OCTAVE =
      new SettingDescriptor(
          "heuristics.default.bandwidthGridPerOctave",
          "Bandwidth grid",
          "Planning bandwidths per doubling of the prediction (0: plan at the prediction itself,"
              + " not monotone).",
          "steps/octave",
          0.0,
          64.0,
          1.0,
          8.0);

  /** Weight of each older transfer relative to the next newer one in the prediction. */
  public static final SettingDescriptor RECENCY_DECAY =
      new SettingDescriptor(
          "heuristics.default.recencyDecay",
          "Recency weighting",
          "Weight of each older transfer relative to the next newer one in the harmonic-mean"
              + " prediction (1: plain harmonic mean).",
          "×",
          0.05,
          1.0,
          0.05,
          0.5);

  /** Recent transfers in the long-run harmonic mean that later planning steps revert to. */
  public static final SettingDescriptor LONG_RUN_WINDOW =
      new SettingDescriptor(
          "heuristics.default.longRunWindow",
          "Long-run samples",
          "Recent transfers in the plain harmonic mean that the planned throughput reverts to over"
              + " the horizon.",
          "transfers",
          1.0,
          100.0,
          1.0,
          10.0);

  /**
   * Share of the remaining (logarithmic) gap between the recent prediction and the long-run mean
   * closed at each planning step after the first.
   */
  public static final SettingDescriptor REVERSION_PER_STEP =
      new SettingDescriptor(
          "heuristics.default.reversionPerStep",
          "Reversion",
          "Share of the remaining gap between the recent prediction and the long-run mean closed per"
              + " planning step after the first (0: every step plans at the recent prediction).",
          "×",
          0.0,
          1.0,
          0.05,
          0.3);

  /**
   * How close to the end of a VOD stream (in multiples of the plan's span) the plan is stretched to
   * end exactly at the stream's end.
   */
  public static final SettingDescriptor END_STRETCH =
      new SettingDescriptor(
          "heuristics.default.endStretch",
          "End stretch",
          "When the rest of a VOD stream is at most this many times the plan's span, the planning"
              + " steps after the first are lengthened so the plan ends at the stream's end (0: off).",
          "×",
          0.0,
          4.0,
          0.25,
          0.0);

  /** Buffer at the stream's end that a plan reaching the end still values. */
  public static final SettingDescriptor END_RESERVE_S =
      new SettingDescriptor(
          "heuristics.default.endReserveS",
          "End reserve",
          "Buffer left at the stream's end that a plan reaching the end still values (at the buffer"
              + " value per second): a cushion against a drop during the last fragments.",
          "s",
          0.0,
          60.0,
          1.0,
          0.0);

  /**
   * The switch penalty of a live stream, used there instead of {@link #SWITCH_PENALTY}: close to
   * the edge the plan cannot lean on buffer, so a level has to follow the link sooner.
   */
  public static final SettingDescriptor LIVE_SWITCH_PENALTY =
      new SettingDescriptor(
          "heuristics.default.liveSwitchPenalty",
          "Live switch penalty",
          "Planning cost per Mbps of bitrate change in a live stream, used there instead of the"
              + " switch penalty: the buffer cannot grow past the live edge, so the level has to"
              + " follow the link sooner.",
          "×",
          0.0,
          5.0,
          0.05,
          1.0);

  /** All defaults. */
  public static final DefaultPolicySettings DEFAULTS =
      new DefaultPolicySettings(
          HORIZON.defaultInt(),
          PLANNING_STEP_S.defaultValue(),
          THROUGHPUT_WINDOW.defaultInt(),
          ERROR_WINDOW.defaultInt(),
          SCENARIOS.defaultInt(),
          SCENARIO_MAX_QUANTILE.defaultValue(),
          STARTUP_SAFETY.defaultValue(),
          OPTIMISM_MIN_ERRORS.defaultInt(),
          STALL_PENALTY_PER_S.defaultValue(),
          SWITCH_PENALTY.defaultValue(),
          TERMINAL_BUFFER_VALUE.defaultValue(),
          TERMINAL_BUFFER_CAP_S.defaultValue(),
          MIN_TRANSFER_BYTES.defaultInt(),
          BANDWIDTH_GRID_PER_OCTAVE.defaultInt(),
          RECENCY_DECAY.defaultValue(),
          LONG_RUN_WINDOW.defaultInt(),
          REVERSION_PER_STEP.defaultValue(),
          END_STRETCH.defaultValue(),
          END_RESERVE_S.defaultValue(),
          LIVE_SWITCH_PENALTY.defaultValue());

  /** Validates every value against its descriptor. */
  public DefaultPolicySettings {
    HORIZON.check(horizon);
    PLANNING_STEP_S.check(planningStepS);
    THROUGHPUT_WINDOW.check(throughputWindow);
    ERROR_WINDOW.check(errorWindow);
    SCENARIOS.check(scenarios);
    SCENARIO_MAX_QUANTILE.check(scenarioMaxQuantile);
    STARTUP_SAFETY.check(startupSafety);
    OPTIMISM_MIN_ERRORS.check(optimismMinErrors);
    STALL_PENALTY_PER_S.check(stallPenaltyPerS);
    SWITCH_PENALTY.check(switchPenalty);
    TERMINAL_BUFFER_VALUE.check(terminalBufferValue);
    TERMINAL_BUFFER_CAP_S.check(terminalBufferCapS);
    MIN_TRANSFER_BYTES.check(minTransferBytes);
    BANDWIDTH_GRID_PER_OCTAVE.check(bandwidthGridPerOctave);
    RECENCY_DECAY.check(recencyDecay);
    LONG_RUN_WINDOW.check(longRunWindow);
    REVERSION_PER_STEP.check(reversionPerStep);
    END_STRETCH.check(endStretch);
    END_RESERVE_S.check(endReserveS);
    LIVE_SWITCH_PENALTY.check(liveSwitchPenalty);
  }

  /** The descriptors of this record, in declaration order. */
  public static List<SettingDescriptor> descriptors() {
    return List.of(
        HORIZON,
        PLANNING_STEP_S,
        THROUGHPUT_WINDOW,
        ERROR_WINDOW,
        SCENARIOS,
        SCENARIO_MAX_QUANTILE,
        STARTUP_SAFETY,
        OPTIMISM_MIN_ERRORS,
        STALL_PENALTY_PER_S,
        SWITCH_PENALTY,
        TERMINAL_BUFFER_VALUE,
        TERMINAL_BUFFER_CAP_S,
        MIN_TRANSFER_BYTES,
        BANDWIDTH_GRID_PER_OCTAVE,
        RECENCY_DECAY,
        LONG_RUN_WINDOW,
        REVERSION_PER_STEP,
        END_STRETCH,
        END_RESERVE_S,
        LIVE_SWITCH_PENALTY);
  }

  /** Values from a key map; missing keys take their default. */
  public static DefaultPolicySettings from(Map<String, Double> values) {
    SettingValues v = new SettingValues(values);
    return new DefaultPolicySettings(
        v.getInt(HORIZON),
        v.get(PLANNING_STEP_S),
        v.getInt(THROUGHPUT_WINDOW),
        v.getInt(ERROR_WINDOW),
        v.getInt(SCENARIOS),
        v.get(SCENARIO_MAX_QUANTILE),
        v.get(STARTUP_SAFETY),
        v.getInt(OPTIMISM_MIN_ERRORS),
        v.get(STALL_PENALTY_PER_S),
        v.get(SWITCH_PENALTY),
        v.get(TERMINAL_BUFFER_VALUE),
        v.get(TERMINAL_BUFFER_CAP_S),
        v.getInt(MIN_TRANSFER_BYTES),
        v.getInt(BANDWIDTH_GRID_PER_OCTAVE),
        v.get(RECENCY_DECAY),
        v.getInt(LONG_RUN_WINDOW),
        v.get(REVERSION_PER_STEP),
        v.get(END_STRETCH),
        v.get(END_RESERVE_S),
        v.get(LIVE_SWITCH_PENALTY));
  }

  /** The values keyed by dotted key. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(HORIZON.key(), (double) horizon);
    m.put(PLANNING_STEP_S.key(), planningStepS);
    m.put(THROUGHPUT_WINDOW.key(), (double) throughputWindow);
    m.put(ERROR_WINDOW.key(), (double) errorWindow);
    m.put(SCENARIOS.key(), (double) scenarios);
    m.put(SCENARIO_MAX_QUANTILE.key(), scenarioMaxQuantile);
    m.put(STARTUP_SAFETY.key(), startupSafety);
    m.put(OPTIMISM_MIN_ERRORS.key(), (double) optimismMinErrors);
    m.put(STALL_PENALTY_PER_S.key(), stallPenaltyPerS);
    m.put(SWITCH_PENALTY.key(), switchPenalty);
    m.put(TERMINAL_BUFFER_VALUE.key(), terminalBufferValue);
    m.put(TERMINAL_BUFFER_CAP_S.key(), terminalBufferCapS);
    m.put(MIN_TRANSFER_BYTES.key(), (double) minTransferBytes);
    m.put(BANDWIDTH_GRID_PER_OCTAVE.key(), (double) bandwidthGridPerOctave);
    m.put(RECENCY_DECAY.key(), recencyDecay);
    m.put(LONG_RUN_WINDOW.key(), (double) longRunWindow);
    m.put(REVERSION_PER_STEP.key(), reversionPerStep);
    m.put(END_STRETCH.key(), endStretch);
    m.put(END_RESERVE_S.key(), endReserveS);
    m.put(LIVE_SWITCH_PENALTY.key(), liveSwitchPenalty);
    return m;
  }
}
