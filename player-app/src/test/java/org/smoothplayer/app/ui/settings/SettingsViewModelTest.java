package org.smoothplayer.app.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.config.AppSettings;
import org.smoothplayer.app.config.ConfigStore;
import org.smoothplayer.app.config.CurrentSettings;
import org.smoothplayer.app.config.PlaybackSettings;

/** The settings panel's view model, without a toolkit. */
class SettingsViewModelTest {

  private final RecordingPlayer running = new RecordingPlayer();

  private SettingsViewModel model(CurrentSettings settings) {
    return new SettingsViewModel(settings, () -> running.player);
  }

  private static CurrentSettings stored(Path dir) {
    return CurrentSettings.stored(ConfigStore.at(dir), AppSettings.DEFAULTS, java.util.List.of());
  }

  @Test
  void the_form_has_a_field_per_setting_grouped_by_category_in_schema_order() {
    SettingsViewModel model = model(CurrentSettings.inMemory(AppSettings.DEFAULTS));

    assertThat(model.fields()).hasSize(AppSettings.schema().size());
    assertThat(model.groups())
        .extracting(SettingsViewModel.Group::key)
        .startsWith("buffer", "network", "decoder")
        .contains("heuristics.default", "heuristics.caps", "heuristics.bola", "logging");
    SettingsViewModel.Group caps =
        model.groups().stream().filter(g -> g.key().equals("heuristics.caps")).findFirst().get();
    assertThat(caps.title()).isEqualTo("Heuristics: caps (every policy)");
    assertThat(caps.fields())
        .extracting(SettingField::key)
        .containsExactly(
            "heuristics.caps.frameDropThreshold",
            "heuristics.caps.frameDropMinFrames",
            "heuristics.caps.frameDropCooldownS",
            "heuristics.caps.viewportFactor");
    assertThat(model.field("buffer.startupS").get().textProperty().get()).isEqualTo("2");
    assertThat(model.field("buffer.startupS").get().tooltip())
        .isEqualTo(
            "Start-up buffer \u2014 Media buffered before playback starts, at start-up and after"
                + " a seek.\nbuffer.startupS \u00b7 0.1 to 30 s, step 0.1 \u00b7 default 2");
  }

  @Test
  void a_value_out_of_range_or_not_a_number_is_refused_with_the_reason() {
    SettingsViewModel model = model(CurrentSettings.inMemory(AppSettings.DEFAULTS));
    SettingField startup = model.field("buffer.startupS").get();

    startup.textProperty().set("45");
    assertThat(startup.errorProperty().get())
        .isEqualTo("buffer.startupS: expected a value in [0.1, 30.0] s but was 45.0");
    assertThat(model.validProperty().get()).isFalse();
    assertThat(model.formErrorProperty().get()).isEqualTo(startup.errorProperty().get());
    assertThat(model.apply()).isFalse();
    assertThat(model.statusProperty().get()).startsWith("Not applied: buffer.startupS: expected");
    assertThat(running.configs).isEmpty();

    startup.textProperty().set("fast");
    assertThat(startup.errorProperty().get())
        .isEqualTo("buffer.startupS: expected a number (s) but was 'fast'");
    SettingField retries = model.field("network.fragmentRetries").get();
    retries.textProperty().set("2.5");
    assertThat(retries.errorProperty().get())
        .isEqualTo("network.fragmentRetries: expected a whole number but was 2.5");

    startup.textProperty().set("1,5");
    retries.textProperty().set("2");
    assertThat(startup.value()).hasValue(1.5);
    assertThat(model.validProperty().get()).isTrue();
    assertThat(model.formErrorProperty().get()).isEmpty();
  }

  @Test
  void a_combination_the_settings_refuse_is_reported_although_each_field_is_valid() {
    SettingsViewModel model = model(CurrentSettings.inMemory(AppSettings.DEFAULTS));

    model.field(PlaybackSettings.LIVE_MAX_LATENCY_FRAGMENTS.key()).get().setValue(2);
    model.field(PlaybackSettings.LIVE_JOIN_OFFSET_FRAGMENTS.key()).get().setValue(3);

    assertThat(model.validProperty().get()).isFalse();
    assertThat(model.formErrorProperty().get())
        .startsWith("live.maxLatencyFragments: expected more than live.joinOffsetFragments");
  }

  @Test
  void apply_sends_the_form_to_the_running_session_and_saves_it(@TempDir Path dir)
      throws Exception {
    CurrentSettings settings = stored(dir);
    SettingsViewModel model = model(settings);

    model.policyProperty().set("bb");
    model.field("heuristics.bb.reservoirS").get().setValue(8);
    assertThat(model.dirtyProperty().get()).isTrue();

    assertThat(model.apply()).isTrue();

    assertThat(running.configs).hasSize(1);
    assertThat(running.configs.get(0).policy()).isEqualTo("bb");
    assertThat(running.configs.get(0).heuristics().bufferBased().reservoirS()).isEqualTo(8);
    assertThat(settings.get().player()).isEqualTo(running.configs.get(0));
    assertThat(ConfigStore.at(dir).loadSettings().settings()).isEqualTo(settings.get());
    assertThat(model.statusProperty().get()).isEqualTo("Applied 2 changes to the running session");
    assertThat(model.dirtyProperty().get()).isFalse();
  }

  @Test
  void reset_shows_the_defaults_without_applying_them(@TempDir Path dir) throws Exception {
    CurrentSettings settings = stored(dir);
    settings.set(AppSettings.fromValues(Map.of("buffer.startupS", 5.0), "rb"));
    SettingsViewModel model = model(settings);
    assertThat(model.field("buffer.startupS").get().textProperty().get()).isEqualTo("5");

    model.resetToDefaults();

    assertThat(model.formSettings()).contains(AppSettings.DEFAULTS);
    assertThat(model.policyProperty().get()).isEqualTo("default");
    assertThat(settings.get().policy()).isEqualTo("rb");
    assertThat(running.configs).isEmpty();
    model.revert();
    assertThat(model.formSettings()).contains(settings.get());
  }

  @Test
  void profiles_save_load_and_delete_through_the_form(@TempDir Path dir) {
    SettingsViewModel model = model(stored(dir));
    model.policyProperty().set("bola");
    model.field("buffer.videoTargetS").get().setValue(60);

    assertThat(model.saveProfile("cellular")).isTrue();
    assertThat(model.profiles()).containsExactly("cellular");
    assertThat(dir.resolve("profiles/cellular.json")).isRegularFile();

    model.resetToDefaults();
    assertThat(model.loadProfile("cellular")).isTrue();
    assertThat(model.policyProperty().get()).isEqualTo("bola");
    assertThat(model.field("buffer.videoTargetS").get().textProperty().get()).isEqualTo("60");
    assertThat(model.statusProperty().get())
        .isEqualTo("Loaded profile 'cellular'; Apply to use it");
    assertThat(running.configs).isEmpty();

    assertThat(model.saveProfile("../escape")).isFalse();
    assertThat(model.statusProperty().get()).startsWith("profile name: expected 1 to 64 letters");
    assertThat(model.deleteProfile("cellular")).isTrue();
    assertThat(model.profiles()).isEmpty();
  }

  @Test
  void import_reads_a_file_into_the_form_and_lists_what_it_ignored(@TempDir Path dir)
      throws Exception {
    SettingsViewModel model = model(CurrentSettings.inMemory(AppSettings.DEFAULTS));
    Path file = dir.resolve("lab.json");
    Files.writeString(file, "{\"heuristics.policy\": \"mpc\", \"buffer.resumeS\": 6, \"zoom\": 2}");

    assertThat(model.importFrom(file)).isTrue();

    assertThat(model.policyProperty().get()).isEqualTo("mpc");
    assertThat(model.field("buffer.resumeS").get().value()).hasValue(6);
    assertThat(model.statusProperty().get())
        .isEqualTo(
            "Imported "
                + file
                + "; Apply to use it; ignored 1 entry:\n"
                + file
                + ": zoom: unknown setting, ignored");
    assertThat(model.profilesAvailable()).isFalse();
    assertThat(model.saveProfile("x")).isFalse();
  }

  @Test
  void export_writes_the_form_as_a_settings_file(@TempDir Path dir) throws Exception {
    SettingsViewModel model = model(CurrentSettings.inMemory(AppSettings.DEFAULTS));
    model.field("decoder.threads").get().setValue(4);
    Path file = dir.resolve("out/export.json");

    assertThat(model.exportTo(file)).isTrue();

    assertThat(Files.readString(file)).isEqualTo("{\n  \"decoder.threads\" : 4\n}\n");
  }

  @Test
  void an_export_that_cannot_be_written_says_why_and_leaves_what_is_there(@TempDir Path dir)
      throws Exception {
    SettingsViewModel model = model(CurrentSettings.inMemory(AppSettings.DEFAULTS));
    Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
    Path underFile = file.resolve("export.json");
    Path folder = Files.createDirectories(dir.resolve("export.json"));

    assertThat(model.exportTo(underFile)).isFalse();
    assertThat(model.statusProperty().get())
        .isEqualTo("Cannot export to " + underFile + ": a file is in the way: " + file);
    assertThat(model.exportTo(folder)).isFalse();
    assertThat(model.statusProperty().get())
        .isEqualTo("Cannot export to " + folder + ": " + folder + ": is a folder, not a file");

    assertThat(Files.readString(file)).isEqualTo("mine");
    assertThat(folder).isEmptyDirectory();
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactlyInAnyOrder(file, folder);
    }
  }

  @Test
  void settings_applied_but_not_saved_say_why_in_words(@TempDir Path dir) throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("config"), "");
    SettingsViewModel model = model(stored(notAFolder));
    model.field("decoder.threads").get().setValue(4);

    assertThat(model.apply()).isFalse();

    assertThat(model.statusProperty().get())
        .isEqualTo(
            "Applied 1 change to the running session; not saved: a file is in the way: "
                + notAFolder);
  }
}
