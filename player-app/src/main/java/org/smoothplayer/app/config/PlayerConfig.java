package org.smoothplayer.app.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smoothplayer.heuristics.policy.Policies;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;
import org.smoothplayer.heuristics.settings.SettingDescriptor;

/**
 * The whole configuration of a playback session: playback (buffer, network, decoder) settings, the
 * heuristics settings and the ABR policy's name.
 *
 * @param playback buffering, network and decoder settings
 * @param heuristics every tunable of the heuristics
 * @param policy name of the ABR policy (one of {@link Policies#NAMES})
 */
public record PlayerConfig(
    PlaybackSettings playback, HeuristicsSettings heuristics, String policy) {

  /** Key of the policy choice in files and logs. */
  public static final String POLICY_KEY = "heuristics.policy";

  /** Every default. */
  public static final PlayerConfig DEFAULTS =
      new PlayerConfig(PlaybackSettings.DEFAULTS, HeuristicsSettings.DEFAULTS, Policies.DEFAULT);

  /** Checks the policy name. */
  public PlayerConfig {
    if (!Policies.known(policy)) {
      throw new IllegalArgumentException(
          POLICY_KEY + ": expected one of " + Policies.NAMES + " but was '" + policy + "'");
    }
  }

  /** Every numeric setting of the tree, playback first. */
  public static List<SettingDescriptor> schema() {
    List<SettingDescriptor> all = new ArrayList<>(PlaybackSettings.descriptors());
    all.addAll(HeuristicsSettings.schema());
    return List.copyOf(all);
  }

  /** A configuration from numeric values by key (missing keys take their default). */
  public static PlayerConfig fromValues(Map<String, Double> values, String policy) {
    Map<String, Double> heuristics = new LinkedHashMap<>();
    Map<String, Double> playback = new LinkedHashMap<>();
    java.util.Set<String> heuristicsKeys = new java.util.HashSet<>();
    HeuristicsSettings.schema().forEach(d -> heuristicsKeys.add(d.key()));
    values.forEach(
        (k, v) -> {
          if (heuristicsKeys.contains(k)) {
            heuristics.put(k, v);
          } else {
            playback.put(k, v);
          }
        });
    Map<String, Double> known = new LinkedHashMap<>();
    PlaybackSettings.descriptors().forEach(d -> known.put(d.key(), 0.0));
    for (String k : playback.keySet()) {
      if (!known.containsKey(k)) {
        throw new IllegalArgumentException("unknown setting '" + k + "'");
      }
    }
    return new PlayerConfig(
        PlaybackSettings.from(playback), HeuristicsSettings.fromValues(heuristics), policy);
  }

  /** Every numeric value by key. */
  public Map<String, Double> values() {
    Map<String, Double> all = new LinkedHashMap<>(playback.values());
    all.putAll(heuristics.values());
    return all;
  }

  /** Every setting that differs from its default, as text by key (the policy included). */
  public Map<String, String> nonDefaults() {
    Map<String, String> out = new LinkedHashMap<>();
    if (!policy.equals(DEFAULTS.policy)) {
      out.put(POLICY_KEY, policy);
    }
    Map<String, Double> defaults = DEFAULTS.values();
    values()
        .forEach(
            (k, v) -> {
              if (!v.equals(defaults.get(k))) {
                out.put(k, formatValue(v));
              }
            });
    return out;
  }

  /** The differences from {@code before} to this, as "old -> new" by key. */
  public Map<String, String> diffFrom(PlayerConfig before) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!policy.equals(before.policy)) {
      out.put(POLICY_KEY, before.policy + " -> " + policy);
    }
    Map<String, Double> old = before.values();
    values()
        .forEach(
            (k, v) -> {
              if (!v.equals(old.get(k))) {
                out.put(k, formatValue(old.get(k)) + " -> " + formatValue(v));
              }
            });
    return out;
  }

  private static String formatValue(Double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : v.toString();
  }
}
