package org.smoothplayer.app.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the configuration-file reader: any text gives a valid configuration (with its problems
 * listed) or a {@link ConfigFileException}, never another exception. Without {@code JAZZER_FUZZ=1}
 * it replays the committed seeds ({@code ConfigFileFuzzTestInputs}).
 */
class ConfigFileFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void arbitrary_text_gives_a_configuration_or_a_config_file_exception(byte[] data) {
    ConfigFile.Loaded loaded;
    try {
      loaded = ConfigFile.parse(new String(data, StandardCharsets.UTF_8), "fuzz.json");
    } catch (ConfigFileException expected) {
      return;
    }
    // The result is a configuration the engine accepts as it is.
    PlayerConfig c = loaded.config();
    PlayerConfig again = PlayerConfig.fromValues(c.values(), c.policy());
    if (!again.equals(c)) {
      throw new AssertionError("the configuration does not survive a round trip: " + c);
    }
    for (String p : loaded.problems()) {
      if (!p.startsWith("fuzz.json: ")) {
        throw new AssertionError("a problem does not name its file: " + p);
      }
    }
  }
}
