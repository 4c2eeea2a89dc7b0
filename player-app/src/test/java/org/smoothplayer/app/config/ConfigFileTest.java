package org.smoothplayer.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @Test
  void flat_and_nested_keys_set_the_same_settings_and_the_policy() throws Exception {
    ConfigFile.Loaded loaded =
        ConfigFile.parse(
            "{\"buffer\":{\"startupS\":1.5},\"network.readTimeoutS\":4,"
                + "\"heuristics.policy\":\"bola\"}",
            "a.json");
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.config().playback().startupS()).isEqualTo(1.5);
    assertThat(loaded.config().playback().readTimeoutS()).isEqualTo(4);
    assertThat(loaded.config().policy()).isEqualTo("bola");
    assertThat(loaded.config().nonDefaults())
        .containsOnlyKeys("heuristics.policy", "buffer.startupS", "network.readTimeoutS");
  }

  @Test
  void unknown_keys_and_invalid_values_are_reported_by_path_and_the_defaults_kept()
      throws Exception {
    ConfigFile.Loaded loaded =
        ConfigFile.parse(
            "{\"buffer\":{\"startupS\":99,\"colour\":1},\"decoder.threads\":\"two\","
                + "\"heuristics.policy\":\"magic\"}",
            "b.json");
    assertThat(loaded.config()).isEqualTo(PlayerConfig.DEFAULTS);
    assertThat(loaded.problems())
        .anySatisfy(p -> assertThat(p).startsWith("b.json: buffer.startupS: ").contains("30"))
        .anySatisfy(p -> assertThat(p).isEqualTo("b.json: buffer.colour: unknown setting, ignored"))
        .anySatisfy(p -> assertThat(p).contains("decoder.threads: expected a number"))
        .anySatisfy(p -> assertThat(p).contains("heuristics.policy: expected one of"));
  }

  @Test
  void an_unknown_key_close_to_a_setting_names_the_setting_it_most_likely_meant() throws Exception {
    ConfigFile.Loaded loaded =
        ConfigFile.parse("{\"heuristics\":{\"horizon\":5},\"buffer.startupSec\":2}", "typo.json");

    assertThat(loaded.config()).isEqualTo(PlayerConfig.DEFAULTS);
    assertThat(loaded.problems())
        .containsExactlyInAnyOrder(
            "typo.json: heuristics.horizon: unknown setting, ignored (did you mean"
                + " heuristics.default.horizon?)",
            "typo.json: buffer.startupSec: unknown setting, ignored (did you mean"
                + " buffer.startupS?)");
  }

  @Test
  void a_policy_named_in_another_case_is_the_registrys_policy() throws Exception {
    ConfigFile.Loaded loaded = ConfigFile.parse("{\"heuristics.policy\":\"robustMPC\"}", "p.json");

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.config().policy()).isEqualTo("robustmpc");
  }

  @Test
  void settings_that_contradict_each_other_keep_the_defaults_and_say_why() throws Exception {
    ConfigFile.Loaded loaded =
        ConfigFile.parse(
            "{\"live.joinOffsetFragments\":10,\"live.maxLatencyFragments\":3}", "c.json");
    assertThat(loaded.config()).isEqualTo(PlayerConfig.DEFAULTS);
    assertThat(loaded.problems()).singleElement().asString().contains("live.maxLatencyFragments");
  }

  @Test
  void a_file_that_is_not_a_json_object_is_refused_naming_the_file(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "[1, 2]");
    assertThatThrownBy(() -> ConfigFile.read(file))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> ConfigFile.read(dir.resolve("missing.json")))
        .hasMessageContaining("no such file");
  }

  @Test
  void a_file_over_one_mebibyte_is_refused_before_it_is_read_naming_the_limit(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("settings.json");
    // A valid object padded with whitespace to one byte over the limit.
    String object = "{\"buffer.startupS\": 2}";
    Files.writeString(file, object + " ".repeat((int) ConfigFile.MAX_BYTES + 1 - object.length()));
    assertThat(Files.size(file)).isEqualTo(ConfigFile.MAX_BYTES + 1);
    assertThatThrownBy(() -> ConfigFile.read(file))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("at most 1048576 bytes");
    assertThatThrownBy(() -> SettingsFile.read(file))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("settings file of at most 1048576 bytes");
    Files.writeString(file, object + " ".repeat((int) ConfigFile.MAX_BYTES - object.length()));
    assertThat(ConfigFile.read(file).problems()).isEmpty();
  }
}
