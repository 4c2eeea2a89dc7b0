package org.smoothplayer.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file format shared by settings.json, profiles, exports and --config. */
class SettingsFileTest {

  @Test
  void written_settings_hold_only_the_non_defaults_and_read_back_equal(@TempDir Path dir)
      throws Exception {
    AppSettings settings =
        AppSettings.fromValues(
            Map.of(
                "buffer.startupS", 1.5,
                "heuristics.caps.frameDropMinFrames", 40.0,
                "logging.keepSessions", 7.0),
            "bola");
    Path file = dir.resolve("nested/settings.json");

    SettingsFile.write(file, settings);

    assertThat(Files.readString(file))
        .isEqualTo(
            "{\n"
                + "  \"heuristics.policy\" : \"bola\",\n"
                + "  \"buffer.startupS\" : 1.5,\n"
                + "  \"heuristics.caps.frameDropMinFrames\" : 40,\n"
                + "  \"logging.keepSessions\" : 7\n"
                + "}\n");
    SettingsFile.Loaded read = SettingsFile.read(file);
    assertThat(read.problems()).isEmpty();
    assertThat(read.settings()).isEqualTo(settings);
    assertThat(Files.list(file.getParent())).containsExactly(file); // no temporary file left
  }

  @Test
  void unknown_and_invalid_keys_are_reported_by_path_and_the_rest_is_used() throws Exception {
    String text =
        "{\"buffer\": {\"startupS\": 3, \"resumeS\": -1},"
            + " \"logging\": {\"keepMb\": \"lots\", \"keepSessions\": 12, \"colour\": 1},"
            + " \"heuristics.policy\": \"magic\", \"volume\": 11}";

    SettingsFile.Loaded read = SettingsFile.parse(text, "my.json");

    assertThat(read.settings().player().playback().startupS()).isEqualTo(3);
    assertThat(read.settings().player().playback().resumeS())
        .isEqualTo(PlaybackSettings.RESUME_S.defaultValue());
    assertThat(read.settings().logging()).isEqualTo(new LogSettings(12, 500));
    assertThat(read.settings().policy()).isEqualTo("default");
    assertThat(read.problems())
        .containsExactlyInAnyOrder(
            "my.json: buffer.resumeS: expected a value in [0.1, 60.0] s but was" + " -1.0",
            "my.json: heuristics.policy: expected one of [default, bb, rb, bola, dashjs, media3,"
                + " festive, mpc, robustmpc] but was \"magic\"",
            "my.json: volume: unknown setting, ignored",
            "my.json: logging.keepMb: expected a number (MB) but was \"lots\"",
            "my.json: logging.colour: unknown setting, ignored");
  }

  @Test
  void minus_zero_reads_as_zero_so_the_settings_written_back_read_the_same() throws Exception {
    SettingsFile.Loaded read =
        SettingsFile.parse("{\"heuristics.caps.frameDropCooldownS\": -0.0}", "my.json");

    assertThat(read.problems()).isEmpty();
    SettingsFile.Loaded again = SettingsFile.parse(SettingsFile.toJson(read.settings()), "my.json");
    assertThat(again.settings()).isEqualTo(read.settings());
  }

  @Test
  void a_file_that_is_not_a_json_object_is_refused_naming_the_file(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "[1, 2]");

    assertThatThrownBy(() -> SettingsFile.read(file))
        .isInstanceOf(ConfigFileException.class)
        .hasMessage(file + ": expected a JSON object of settings");
    assertThatThrownBy(() -> SettingsFile.read(dir.resolve("missing.json")))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageEndingWith("missing.json: no such file");
  }

  @Test
  void the_defaults_are_written_as_an_empty_object() {
    assertThat(SettingsFile.toJson(AppSettings.DEFAULTS)).isEqualTo("{ }\n");
  }

  @Test
  void numbers_are_formatted_without_needless_digits() {
    assertThat(SettingsFile.formatNumber(2.0)).isEqualTo("2");
    assertThat(SettingsFile.formatNumber(0.15)).isEqualTo("0.15");
    assertThat(SettingsFile.formatNumber(1e-5)).isEqualTo("0.00001");
  }
}
