package org.smoothplayer.app.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.smoothplayer.heuristics.settings.SettingDescriptor;

/**
 * Fuzzes the settings-file reader, the {@code logging.*} keys included: any text gives settings
 * (with their problems listed) or a {@link ConfigFileException}, never another exception; the
 * settings are valid by their own descriptors and survive being written and read again. Without
 * {@code JAZZER_FUZZ=1} it replays the committed seeds ({@code SettingsFileFuzzTestInputs}).
 */
class SettingsFileFuzzTest {

  private static final String SOURCE = "fuzz.json";

  @FuzzTest(maxDuration = "20s")
  void arbitrary_text_gives_settings_that_write_and_read_back_or_a_config_file_exception(
      byte[] data) throws ConfigFileException {
    SettingsFile.Loaded loaded;
    try {
      loaded = SettingsFile.parse(new String(data, StandardCharsets.UTF_8), SOURCE);
    } catch (ConfigFileException expected) {
      return;
    }
    AppSettings settings = loaded.settings();

    // The player configuration is one the engine accepts as it is.
    PlayerConfig player = settings.player();
    PlayerConfig again = PlayerConfig.fromValues(player.values(), player.policy());
    check(again.equals(player), "the player configuration does not survive a round trip", player);

    // Every logging value lies inside the range its descriptor declares (and is whole if it must).
    Map<String, Double> logging = settings.logging().values();
    for (SettingDescriptor d : LogSettings.descriptors()) {
      Double value = logging.get(d.key());
      check(value != null, "a logging setting has no value: " + d.key(), settings);
      try {
        d.check(value);
      } catch (RuntimeException e) {
        throw new AssertionError("a logging value is outside its declared range: " + e, e);
      }
    }

    for (String p : loaded.problems()) {
      check(p.startsWith(SOURCE + ": "), "a problem does not name its file: " + p, settings);
    }

    // Written and read again: no problem and the same settings, exactly.
    String json = SettingsFile.toJson(settings);
    SettingsFile.Loaded reread = SettingsFile.parse(json, SOURCE);
    check(reread.problems().isEmpty(), "the written file has problems " + reread.problems(), json);
    check(reread.settings().equals(settings), "the settings changed on the round trip", json);
  }

  private static void check(boolean condition, String what, Object context) {
    if (!condition) {
      throw new AssertionError(what + "; context: " + context);
    }
  }
}
