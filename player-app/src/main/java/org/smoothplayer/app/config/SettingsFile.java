package org.smoothplayer.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smoothplayer.heuristics.settings.SettingDescriptor;

/**
 * Reads and writes {@link AppSettings} as one JSON object of dotted keys: the stored {@code
 * settings.json}, named profiles, exported files and {@code --config FILE} all use it. The player's
 * keys are read by {@link ConfigFile} (flat or nested, {@value PlayerConfig#POLICY_KEY} as a
 * string), the {@code logging.*} keys here; unknown keys and invalid values are reported by path
 * and ignored, so a stale or hand-edited file never stops the player.
 *
 * <p>Written files hold only the settings that differ from their default (flat keys, schema order,
 * the policy first), so a profile says what it changes and follows the defaults of later versions
 * everywhere else.
 */
public final class SettingsFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SettingsFile() {}

  /**
   * Settings and what was wrong in their file.
   *
   * @param settings the settings (defaults where the file had nothing valid)
   * @param problems one readable line per key ignored, naming the file, the key and what was
   *     expected
   */
  public record Loaded(AppSettings settings, List<String> problems) {
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
    return parse(ConfigFile.readText(file, "settings file"), file.toString());
  }

  /**
   * Parses settings text; {@code source} names it in messages.
   *
   * @throws ConfigFileException when the text is not a JSON object
   */
  public static Loaded parse(String text, String source) throws ConfigFileException {
    Map<String, JsonNode> playerKeys = new LinkedHashMap<>();
    Map<String, JsonNode> loggingKeys = new LinkedHashMap<>();
    ConfigFile.flatObject(text, source)
        .forEach(
            (key, value) ->
                (key.startsWith("logging.") ? loggingKeys : playerKeys).put(key, value));
    ConfigFile.Loaded player = ConfigFile.fromFlat(playerKeys, source);
    List<String> problems = new ArrayList<>(player.problems());
    Map<String, SettingDescriptor> known = new HashMap<>();
    LogSettings.descriptors().forEach(d -> known.put(d.key(), d));
    Map<String, Double> logging = new LinkedHashMap<>();
    loggingKeys.forEach(
        (key, value) ->
            ConfigFile.checkedNumber(key, value, known.get(key), source, problems)
                .ifPresent(v -> logging.put(key, v)));
    return new Loaded(new AppSettings(player.config(), LogSettings.from(logging)), problems);
  }

  /** The settings that differ from their default, as a pretty-printed JSON object. */
  public static String toJson(AppSettings settings) {
    ObjectNode root = JSON.createObjectNode();
    if (!settings.policy().equals(PlayerConfig.DEFAULTS.policy())) {
      root.put(PlayerConfig.POLICY_KEY, settings.policy());
    }
    Map<String, SettingDescriptor> byKey = new HashMap<>();
    AppSettings.schema().forEach(d -> byKey.put(d.key(), d));
    settings
        .nonDefaultValues()
        .forEach(
            (key, value) -> {
              SettingDescriptor d = byKey.get(key);
              if (d != null && d.integral()) {
                root.put(key, value.longValue());
              } else {
                root.put(key, value);
              }
            });
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode settings as JSON", e);
    }
  }

  /**
   * Writes {@link #toJson} to {@code file}, creating its folder; the file is replaced in one step
   * (written beside it, then moved), so a crash never leaves half a file.
   *
   * @throws IOException when the folder or the file cannot be written
   */
  public static void write(Path file, AppSettings settings) throws IOException {
    replaceFile(file, toJson(settings));
  }

  /**
   * Writes {@code text} (UTF-8) to {@code file}, creating its folder; the file is replaced in one
   * step (written beside it, then moved), so a crash never leaves half a file.
   *
   * @throws IOException when the folder or the file cannot be written
   */
  static void replaceFile(Path file, String text) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (Files.isDirectory(absolute)) {
      throw new FileSystemException(absolute.toString(), null, "is a folder, not a file");
    }
    Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp); // only there when the write or the move failed
    }
  }

  /** A setting value as text: whole numbers without a decimal point, others as short as exact. */
  public static String formatNumber(Double value) {
    if (value.isNaN() || value.isInfinite()) {
      return value.toString();
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString(value.longValue());
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
