package org.smoothplayer.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionChoiceTest {

  @TempDir Path dir;

  @Test
  void a_stored_choice_reads_back_and_without_a_file_captions_are_off() {
    ConfigStore store = ConfigStore.at(dir.resolve("config"));
    assertThat(CaptionChoice.stored(store)).isEqualTo(CaptionChoice.OFF);

    new CaptionChoice(true, "eng").store(store);

    assertThat(dir.resolve("config").resolve(CaptionChoice.FILE))
        .hasContent("{\"on\":true,\"language\":\"eng\"}");
    assertThat(CaptionChoice.stored(store)).isEqualTo(new CaptionChoice(true, "eng"));

    new CaptionChoice(false, "fra").store(store);
    assertThat(CaptionChoice.stored(store)).isEqualTo(new CaptionChoice(false, "fra"));
  }

  @Test
  void keys_the_file_cannot_give_take_their_default_and_the_others_are_kept() throws IOException {
    Path file = dir.resolve(CaptionChoice.FILE);
    Files.writeString(file, "{\"on\": \"yes\", \"language\": \"eng\"}");
    assertThat(CaptionChoice.load(file)).isEqualTo(new CaptionChoice(false, "eng"));

    Files.writeString(file, "{\"on\": true, \"language\": 7}");
    assertThat(CaptionChoice.load(file))
        .as("on without a language is off")
        .isEqualTo(CaptionChoice.OFF);

    Files.writeString(file, "{\"on\": true, \"language\": \"" + "x".repeat(65) + "\"}");
    assertThat(CaptionChoice.load(file)).isEqualTo(CaptionChoice.OFF);

    Files.writeString(file, "[true]");
    assertThat(CaptionChoice.load(file)).isEqualTo(CaptionChoice.OFF);

    Files.writeString(file, "{\"on\": true,");
    assertThat(CaptionChoice.load(file)).isEqualTo(CaptionChoice.OFF);
  }

  @Test
  void a_save_that_cannot_write_is_logged_not_thrown() throws IOException {
    Path notAFolder = dir.resolve("file");
    Files.writeString(notAFolder, "a file where the settings folder should be");

    new CaptionChoice(true, "eng").save(notAFolder.resolve(CaptionChoice.FILE));

    assertThat(CaptionChoice.load(notAFolder.resolve(CaptionChoice.FILE)))
        .isEqualTo(CaptionChoice.OFF);
  }
}
