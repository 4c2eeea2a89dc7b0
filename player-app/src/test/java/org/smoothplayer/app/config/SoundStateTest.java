package org.smoothplayer.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoundStateTest {

  @TempDir Path dir;

  @Test
  void a_stored_state_reads_back_and_without_a_file_it_is_full_volume_not_muted() {
    ConfigStore store = ConfigStore.at(dir.resolve("config"));
    assertThat(SoundState.stored(store)).isEqualTo(SoundState.DEFAULT);

    new SoundState(0.35, true).store(store);

    assertThat(dir.resolve("config").resolve(SoundState.FILE))
        .hasContent("{\"volume\":0.35,\"muted\":true}");
    assertThat(SoundState.stored(store)).isEqualTo(new SoundState(0.35, true));
  }

  @Test
  void keys_the_file_cannot_give_take_their_default_and_the_others_are_kept() throws IOException {
    Path file = dir.resolve(SoundState.FILE);
    Files.writeString(file, "{\"volume\": 1.7, \"muted\": true}");
    assertThat(SoundState.load(file)).isEqualTo(new SoundState(1.0, true));

    Files.writeString(file, "{\"volume\": 0.2, \"muted\": \"yes\"}");
    assertThat(SoundState.load(file)).isEqualTo(new SoundState(0.2, false));

    Files.writeString(file, "[0.2, true]");
    assertThat(SoundState.load(file)).isEqualTo(SoundState.DEFAULT);

    Files.writeString(file, "{\"volume\": 0.2,");
    assertThat(SoundState.load(file)).isEqualTo(SoundState.DEFAULT);
  }

  @Test
  void a_save_that_cannot_write_is_logged_not_thrown() throws IOException {
    Path notAFolder = dir.resolve("file");
    Files.writeString(notAFolder, "a file where the settings folder should be");

    new SoundState(0.5, false).save(notAFolder.resolve(SoundState.FILE));

    assertThat(SoundState.load(notAFolder.resolve(SoundState.FILE))).isEqualTo(SoundState.DEFAULT);
  }

  @Test
  void a_volume_outside_0_to_1_is_refused_by_name() {
    assertThatThrownBy(() -> new SoundState(Double.NaN, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("volume: expected 0 to 1 but was NaN");
  }
}
