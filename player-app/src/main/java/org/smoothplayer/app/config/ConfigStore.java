package org.smoothplayer.app.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where the user's settings live: a folder holding {@value #SETTINGS_FILE} (the settings in force,
 * loaded at start and saved by the settings panel) and {@value #PROFILES_DIR}{@code /NAME.json}
 * (named profiles). The user's folder is the system property {@value #DIR_PROPERTY} when set, else
 * {@code $XDG_CONFIG_HOME/smooth-player}, else {@code ~/.config/smooth-player}.
 *
 * <p>All files are in the {@link SettingsFile} format. Thread-safe: it holds no mutable state.
 */
public final class ConfigStore {

  /** System property naming the settings folder (tests and portable installs). */
  public static final String DIR_PROPERTY = "smoothplayer.configDir";

  /** The application's folder name under the user's configuration and data folders. */
  public static final String APP_DIR = "smooth-player";

  /** The settings in force. */
  public static final String SETTINGS_FILE = "settings.json";

  /** The folder of named profiles. */
  public static final String PROFILES_DIR = "profiles";

  /** Extension of profile files. */
  public static final String PROFILE_SUFFIX = ".json";

  /** Longest profile name, in characters. */
  public static final int MAX_PROFILE_NAME_CHARS = 64;

  private static final Pattern PROFILE_NAME =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_PROFILE_NAME_CHARS - 1) + "}");

  private final Path dir;

  private ConfigStore(Path dir) {
    this.dir = dir;
  }

  /** A store in {@code dir} (created when something is first saved). */
  public static ConfigStore at(Path dir) {
    return new ConfigStore(Objects.requireNonNull(dir, "dir").toAbsolutePath());
  }

  /** The user's store (see the class comment for how its folder is found). */
  public static ConfigStore user() {
    return at(
        userDir(
            System.getProperty(DIR_PROPERTY),
            System.getenv(),
            Path.of(System.getProperty("user.home"))));
  }

  /**
   * The user's settings folder: {@code override} when set, else {@code XDG_CONFIG_HOME} (when it is
   * an absolute path, as the XDG rules ask) + {@value #APP_DIR}, else {@code
   * home/.config/smooth-player}.
   */
  static Path userDir(@Nullable String override, Map<String, String> env, Path home) {
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    return xdgHome(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve(APP_DIR);
  }

  /** The folder an XDG variable names when it holds an absolute path, else {@code fallback}. */
  static Path xdgHome(Map<String, String> env, String variable, Path fallback) {
    String value = env.get(variable);
    if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
      return Path.of(value);
    }
    return fallback;
  }

  /** The store's folder. */
  public Path dir() {
    return dir;
  }

  /** The file of the settings in force. */
  public Path settingsFile() {
    return dir.resolve(SETTINGS_FILE);
  }

  /**
   * The stored settings; never throws: without a file they are the defaults, and a file that cannot
   * be read gives the defaults with the reason as a problem.
   */
  public SettingsFile.Loaded loadSettings() {
    Path file = settingsFile();
    if (!Files.exists(file)) {
      return new SettingsFile.Loaded(AppSettings.DEFAULTS, List.of());
    }
    try {
      return SettingsFile.read(file);
    } catch (ConfigFileException e) {
      return new SettingsFile.Loaded(
          AppSettings.DEFAULTS, List.of(e.getMessage() + "; defaults used"));
    }
  }

  /** Saves the settings in force. */
  public void saveSettings(AppSettings settings) throws IOException {
    SettingsFile.write(settingsFile(), settings);
  }

  /** The names of the stored profiles, sorted; empty when there are none. */
  public List<String> profiles() throws IOException {
    Path folder = dir.resolve(PROFILES_DIR);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + PROFILE_SUFFIX)) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - PROFILE_SUFFIX.length());
        if (PROFILE_NAME.matcher(name).matches() && Files.isRegularFile(file)) {
          names.add(name);
        }
      }
    }
    Collections.sort(names);
    return List.copyOf(names);
  }

  /**
   * The file of profile {@code name}.
   *
   * @throws InvalidProfileNameException when the name could not be a file name of ours
   */
  public Path profileFile(String name) {
    return dir.resolve(PROFILES_DIR).resolve(checkProfileName(name) + PROFILE_SUFFIX);
  }

  /**
   * Reads profile {@code name}.
   *
   * @throws InvalidProfileNameException for a malformed name
   * @throws ConfigFileException when there is no such profile or its file is not a JSON object
   */
  public SettingsFile.Loaded loadProfile(String name) throws ConfigFileException {
    return SettingsFile.read(profileFile(name));
  }

  /**
   * Saves {@code settings} as profile {@code name}, replacing one of that name.
   *
   * @return the profile's file
   * @throws InvalidProfileNameException for a malformed name
   */
  public Path saveProfile(String name, AppSettings settings) throws IOException {
    Path file = profileFile(name);
    SettingsFile.write(file, settings);
    return file;
  }

  /**
   * Deletes profile {@code name}.
   *
   * @return false when there was no such profile
   * @throws InvalidProfileNameException for a malformed name
   */
  public boolean deleteProfile(String name) throws IOException {
    try {
      Files.delete(profileFile(name));
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /**
   * Returns {@code name} when it is a valid profile name: 1 to {@value #MAX_PROFILE_NAME_CHARS}
   * ASCII letters, digits, '.', '_' or '-', starting with a letter or digit.
   *
   * @throws InvalidProfileNameException otherwise
   */
  public static String checkProfileName(String name) {
    if (!PROFILE_NAME.matcher(name).matches()) {
      throw new InvalidProfileNameException(name);
    }
    return name;
  }

  @Override
  public String toString() {
    return "ConfigStore[" + dir + "]";
  }
}
