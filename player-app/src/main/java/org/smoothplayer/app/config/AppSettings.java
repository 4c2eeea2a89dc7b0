package org.smoothplayer.app.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.smoothplayer.heuristics.settings.SettingDescriptor;

/**
 * Everything a user can set and keep: the playback session's {@link PlayerConfig} and the retention
 * of the session-log folder. This is what the settings panel edits, what {@code settings.json},
 * profiles and {@code --config} files hold ({@link SettingsFile}).
 *
 * @param player the configuration a playback session runs with
 * @param logging retention of the session-log folder
 */
public record AppSettings(PlayerConfig player, LogSettings logging) {

  /** Every default. */
  public static final AppSettings DEFAULTS =
      new AppSettings(PlayerConfig.DEFAULTS, LogSettings.DEFAULTS);

  private static final Set<String> LOGGING_KEYS =
      LogSettings.descriptors().stream().map(SettingDescriptor::key).collect(Collectors.toSet());

  /** Every numeric setting: the player's schema, then logging. */
  public static List<SettingDescriptor> schema() {
    List<SettingDescriptor> all = new ArrayList<>(PlayerConfig.schema());
    all.addAll(LogSettings.descriptors());
    return List.copyOf(all);
  }

  /** True when {@code key} is one of the logging settings. */
  public static boolean isLoggingKey(String key) {
    return LOGGING_KEYS.contains(key);
  }

  /**
   * Settings from numeric values by key (missing keys take their default) and a policy name.
   *
   * @throws IllegalArgumentException naming the key for an unknown key, a value out of range or a
   *     combination the settings records refuse
   */
  public static AppSettings fromValues(Map<String, Double> values, String policy) {
    Map<String, Double> player = new LinkedHashMap<>();
    Map<String, Double> logging = new LinkedHashMap<>();
    values.forEach((k, v) -> (isLoggingKey(k) ? logging : player).put(k, v));
    return new AppSettings(PlayerConfig.fromValues(player, policy), LogSettings.from(logging));
  }

  /** The ABR policy's name. */
  public String policy() {
    return player.policy();
  }

  /** Every numeric value by key, in {@link #schema()} order. */
  public Map<String, Double> values() {
    Map<String, Double> all = new LinkedHashMap<>(player.values());
    all.putAll(logging.values());
    return all;
  }

  /** The numeric values that differ from their default, in {@link #schema()} order. */
  public Map<String, Double> nonDefaultValues() {
    Map<String, Double> defaults = DEFAULTS.values();
    Map<String, Double> out = new LinkedHashMap<>();
    values()
        .forEach(
            (k, v) -> {
              if (!v.equals(defaults.get(k))) {
                out.put(k, v);
              }
            });
    return out;
  }

  /** A copy with another player configuration. */
  public AppSettings withPlayer(PlayerConfig newPlayer) {
    return new AppSettings(newPlayer, logging);
  }

  /** The differences from {@code before} to this, as "old -> new" by key (policy included). */
  public Map<String, String> diffFrom(AppSettings before) {
    Map<String, String> out = new LinkedHashMap<>(player.diffFrom(before.player));
    logging
        .values()
        .forEach(
            (k, v) -> {
              Double old = before.logging.values().get(k);
              if (!v.equals(old)) {
                out.put(k, SettingsFile.formatNumber(old) + " -> " + SettingsFile.formatNumber(v));
              }
            });
    return out;
  }
}
