package org.smoothplayer.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's settings folder: where it is, the stored settings and named profiles. */
class ConfigStoreTest {

  private static final Path HOME = Path.of("/home/qa");

  @Test
  void the_folder_is_the_override_else_an_absolute_xdg_config_home_else_dot_config() {
    assertThat(ConfigStore.userDir("/tmp/cfg", Map.of("XDG_CONFIG_HOME", "/xdg"), HOME))
        .isEqualTo(Path.of("/tmp/cfg"));
    assertThat(ConfigStore.userDir(null, Map.of("XDG_CONFIG_HOME", "/xdg"), HOME))
        .isEqualTo(Path.of("/xdg/smooth-player"));
    assertThat(ConfigStore.userDir(null, Map.of("XDG_CONFIG_HOME", "relative"), HOME))
        .isEqualTo(Path.of("/home/qa/.config/smooth-player"));
    assertThat(ConfigStore.userDir("", Map.of(), HOME))
        .isEqualTo(Path.of("/home/qa/.config/smooth-player"));
  }

  @Test
  void without_a_file_the_stored_settings_are_the_defaults(@TempDir Path dir) {
    SettingsFile.Loaded loaded = ConfigStore.at(dir).loadSettings();

    assertThat(loaded.settings()).isEqualTo(AppSettings.DEFAULTS);
    assertThat(loaded.problems()).isEmpty();
  }

  @Test
  void a_broken_settings_file_gives_the_defaults_and_the_reason_instead_of_a_crash(
      @TempDir Path dir) throws Exception {
    ConfigStore store = ConfigStore.at(dir);
    Files.writeString(store.settingsFile(), "{ not json");

    SettingsFile.Loaded loaded = store.loadSettings();

    assertThat(loaded.settings()).isEqualTo(AppSettings.DEFAULTS);
    assertThat(loaded.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(store.settingsFile() + ": expected a JSON object: ")
        .endsWith("; defaults used");
  }

  @Test
  void saved_settings_load_back(@TempDir Path dir) throws Exception {
    ConfigStore store = ConfigStore.at(dir.resolve("new"));
    AppSettings settings = AppSettings.fromValues(Map.of("network.fragmentRetries", 5.0), "rb");

    store.saveSettings(settings);

    assertThat(store.settingsFile()).isEqualTo(dir.resolve("new/settings.json"));
    assertThat(store.loadSettings().settings()).isEqualTo(settings);
  }

  @Test
  void profiles_are_saved_listed_loaded_and_deleted_by_name(@TempDir Path dir) throws Exception {
    ConfigStore store = ConfigStore.at(dir);
    AppSettings cellular = AppSettings.fromValues(Map.of("buffer.videoTargetS", 60.0), "bola");
    AppSettings lab = AppSettings.fromValues(Map.of(), "bb");

    assertThat(store.profiles()).isEmpty();
    assertThat(store.saveProfile("lab-throttled", lab))
        .isEqualTo(dir.resolve("profiles/lab-throttled.json"));
    store.saveProfile("cellular", cellular);

    assertThat(store.profiles()).containsExactly("cellular", "lab-throttled");
    assertThat(store.loadProfile("cellular").settings()).isEqualTo(cellular);
    assertThat(store.deleteProfile("cellular")).isTrue();
    assertThat(store.deleteProfile("cellular")).isFalse();
    assertThat(store.profiles()).containsExactly("lab-throttled");
  }

  @Test
  void a_profile_name_that_could_leave_the_folder_is_refused_with_what_a_name_may_hold(
      @TempDir Path dir) {
    ConfigStore store = ConfigStore.at(dir);

    for (String bad : new String[] {"../evil", "", ".hidden", "a/b", "x".repeat(65)}) {
      assertThatThrownBy(() -> store.saveProfile(bad, AppSettings.DEFAULTS))
          .isInstanceOf(InvalidProfileNameException.class)
          .hasMessage(
              "profile name: expected 1 to 64 letters, digits, '.', '_' or '-', starting with a"
                  + " letter or digit, but was '"
                  + bad
                  + "'");
    }
    assertThat(dir).isEmptyDirectory();
  }
}
