package org.smoothplayer.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.heuristics.policy.Policies;
import org.smoothplayer.heuristics.settings.InvalidSettingException;
import org.smoothplayer.heuristics.settings.SettingDescriptor;
import org.smoothplayer.heuristics.settings.SettingKeys;

/**
 * Reads a configuration file: one JSON object whose keys are the dotted setting keys, written flat
 * ({@code "buffer.startupS": 1.5}) or nested ({@code "buffer": {"startupS": 1.5}}), plus {@value
 * PlayerConfig#POLICY_KEY} as a string. Unknown keys and invalid values are reported by path and
 * ignored (the default stays), so a stale or hand-edited file never stops the player.
 */
public final class ConfigFile {

  /** Largest configuration file read, in bytes. */
  public static final long MAX_BYTES = 1 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigFile() {}

  /**
   * A configuration and what was wrong in its file.
   *
   * @param config the configuration (defaults where the file had nothing valid)
   * @param problems one readable line per key ignored, naming its path and what was expected
   */
  public record Loaded(PlayerConfig config, List<String> problems) {
    public Loaded {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Reads {@code file}.
   *
   * @throws ConfigFileException when the file cannot be read or is not a JSON object
   */
  public static Loaded read(Path file) throws ConfigFileException {
    return parse(readText(file, "configuration file"), file.toString());
  }

  /**
   * The text of a settings file of at most {@link #MAX_BYTES}; {@code what} names the kind of file
   * in the message when it is too large.
   *
   * @throws ConfigFileException when the file is missing, unreadable or too large
   */
  static String readText(Path file, String what) throws ConfigFileException {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ConfigFileException(
            file + ": expected a " + what + " of at most " + MAX_BYTES + " bytes", null);
      }
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigFileException(file + ": no such file", e);
    } catch (IOException e) {
      throw new ConfigFileException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Parses configuration text; {@code source} names it in messages. */
  public static Loaded parse(String text, String source) throws ConfigFileException {
    return fromFlat(flatObject(text, source), source);
  }

  /**
   * The settings of a JSON object by dotted key (nested objects flattened), in file order.
   *
   * @throws ConfigFileException when the text is not a JSON object
   */
  static Map<String, JsonNode> flatObject(String text, String source) throws ConfigFileException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigFileException(
          source + ": expected a JSON object: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ConfigFileException(source + ": expected a JSON object of settings", null);
    }
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    flatten("", root, flat);
    return flat;
  }

  /** The player configuration from flattened settings; every key ignored becomes a problem. */
  static Loaded fromFlat(Map<String, JsonNode> flat, String source) {
    Map<String, SettingDescriptor> known = new HashMap<>();
    for (SettingDescriptor d : PlayerConfig.schema()) {
      known.put(d.key(), d);
    }
    List<String> problems = new ArrayList<>();
    Map<String, Double> values = new LinkedHashMap<>();
    String policy = PlayerConfig.DEFAULTS.policy();
    for (Map.Entry<String, JsonNode> e : flat.entrySet()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (key.equals(PlayerConfig.POLICY_KEY)) {
        Optional<String> named = v.isTextual() ? Policies.canonical(v.asText()) : Optional.empty();
        if (named.isPresent()) {
          policy = named.get();
        } else {
          problems.add(
              source + ": " + key + ": expected one of " + Policies.NAMES + " but was " + v);
        }
        continue;
      }
      checkedNumber(key, v, known.get(key), source, problems).ifPresent(x -> values.put(key, x));
    }
    PlayerConfig config;
    try {
      config = PlayerConfig.fromValues(values, policy);
    } catch (RuntimeException ex) {
      // Cross-field rules of a settings record: keep the defaults, say why.
      problems.add(source + ": " + ex.getMessage() + "; defaults used");
      config = PlayerConfig.DEFAULTS;
    }
    return new Loaded(config, problems);
  }

  /**
   * The value of setting {@code key} when it is a number inside {@code d}'s range; otherwise empty,
   * with the problem (unknown key, not a number, out of range) added to {@code problems}.
   */
  static Optional<Double> checkedNumber(
      String key,
      JsonNode value,
      @Nullable SettingDescriptor d,
      String source,
      List<String> problems) {
    if (d == null) {
      String meant =
          SettingKeys.closest(
                  key, PlayerConfig.schema().stream().map(SettingDescriptor::key).toList())
              .map(k -> " (did you mean " + k + "?)")
              .orElse("");
      problems.add(source + ": " + key + ": unknown setting, ignored" + meant);
      return Optional.empty();
    }
    if (!value.isNumber()) {
      problems.add(source + ": " + key + ": expected a number (" + d.unit() + ") but was " + value);
      return Optional.empty();
    }
    // -0 reads as 0: a setting written back must read the same.
    double number = value.asDouble() == 0 ? 0 : value.asDouble();
    try {
      return Optional.of(d.check(number));
    } catch (InvalidSettingException ex) {
      problems.add(source + ": " + ex.getMessage()); // the message names the key
      return Optional.empty();
    } catch (RuntimeException ex) {
      problems.add(source + ": " + key + ": " + ex.getMessage());
      return Optional.empty();
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isObject()) {
        flatten(key, e.getValue(), out);
      } else {
        out.put(key, e.getValue());
      }
    }
  }
}
