package org.smoothplayer.heuristics.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole settings tree of the heuristics. {@link #schema()} lists every tunable once (the
 * settings panel, persistence and docs are generated from it).
 *
 * @param defaultPolicy our default policy
 * @param caps caps on top of every policy
 * @param bufferBased BB baseline
 * @param rateBased RB baseline
 * @param mpc MPC and robustMPC baselines
 * @param bola BOLA-E baseline (also used by dash.js DYNAMIC)
 * @param dynamic dash.js DYNAMIC baseline
 * @param media3 Media3 baseline
 * @param festive FESTIVE baseline
 */
public record HeuristicsSettings(
    DefaultPolicySettings defaultPolicy,
    CapSettings caps,
    BufferBasedSettings bufferBased,
    RateBasedSettings rateBased,
    MpcSettings mpc,
    BolaSettings bola,
    DynamicSettings dynamic,
    Media3Settings media3,
    FestiveSettings festive) {

  /** Every default. */
  public static final HeuristicsSettings DEFAULTS = fromValues(Map.of());

  /** Every descriptor, grouped by record. */
  public static List<SettingDescriptor> schema() {
    List<SettingDescriptor> all = new ArrayList<>();
    all.addAll(DefaultPolicySettings.descriptors());
    all.addAll(CapSettings.descriptors());
    all.addAll(BufferBasedSettings.descriptors());
    all.addAll(RateBasedSettings.descriptors());
    all.addAll(MpcSettings.descriptors());
    all.addAll(BolaSettings.descriptors());
    all.addAll(DynamicSettings.descriptors());
    all.addAll(Media3Settings.descriptors());
    all.addAll(FestiveSettings.descriptors());
    return List.copyOf(all);
  }

  /**
   * Builds the tree from dotted keys; missing keys take defaults, unknown keys are rejected with
   * their name.
   */
  public static HeuristicsSettings fromValues(Map<String, Double> values) {
    for (String key : values.keySet()) {
      if (schema().stream().noneMatch(d -> d.key().equals(key))) {
        throw unknownKey(key);
      }
    }
    return new HeuristicsSettings(
        DefaultPolicySettings.from(values),
        CapSettings.from(values),
        BufferBasedSettings.from(values),
        RateBasedSettings.from(values),
        MpcSettings.from(values),
        BolaSettings.from(values),
        DynamicSettings.from(values),
        Media3Settings.from(values),
        FestiveSettings.from(values));
  }

  /** "KEY: not a heuristics setting", with the nearest known key when one is close. */
  static InvalidSettingException unknownKey(String key) {
    return closestKey(key)
        .map(
            k ->
                new InvalidSettingException(
                    key, "not a heuristics setting; did you mean " + k + "?"))
        .orElseGet(() -> new InvalidSettingException(key, "not a heuristics setting"));
  }

  /** The known heuristics key {@code key} was most likely meant to be (see {@link SettingKeys}). */
  private static Optional<String> closestKey(String key) {
    return SettingKeys.closest(key, schema().stream().map(SettingDescriptor::key).toList());
  }

  /** All values by dotted key, in schema order. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.putAll(defaultPolicy.values());
    m.putAll(caps.values());
    m.putAll(bufferBased.values());
    m.putAll(rateBased.values());
    m.putAll(mpc.values());
    m.putAll(bola.values());
    m.putAll(dynamic.values());
    m.putAll(media3.values());
    m.putAll(festive.values());
    return m;
  }

  /** A copy with one setting changed (validated). */
  public HeuristicsSettings with(String key, double value) {
    Map<String, Double> m = values();
    if (!m.containsKey(key)) {
      throw unknownKey(key);
    }
    m.put(key, value);
    return fromValues(m);
  }

  /** The values that differ from the defaults (for the session log). */
  public Map<String, Double> nonDefaults() {
    Map<String, Double> d = DEFAULTS.values();
    Map<String, Double> out = new LinkedHashMap<>();
    values()
        .forEach(
            (k, v) -> {
              if (!v.equals(d.get(k))) {
                out.put(k, v);
              }
            });
    return out;
  }
}
