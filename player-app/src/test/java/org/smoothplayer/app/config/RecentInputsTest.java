package org.smoothplayer.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentInputsTest {

  @TempDir Path dir;

  @Test
  void the_latest_input_comes_first_once_and_only_the_ten_latest_are_kept() {
    RecentInputs recent = RecentInputs.inMemory();
    IntStream.rangeClosed(1, 12).forEach(i -> recent.remember("http://h/" + i + "/Manifest"));
    recent.remember(" http://h/5/Manifest ");

    assertThat(recent.entries())
        .containsExactly(
            "http://h/5/Manifest",
            "http://h/12/Manifest",
            "http://h/11/Manifest",
            "http://h/10/Manifest",
            "http://h/9/Manifest",
            "http://h/8/Manifest",
            "http://h/7/Manifest",
            "http://h/6/Manifest",
            "http://h/4/Manifest",
            "http://h/3/Manifest");
  }

  @Test
  void the_list_is_saved_in_the_settings_folder_and_read_back_by_the_next_window() {
    ConfigStore store = ConfigStore.at(dir.resolve("config"));
    RecentInputs first = RecentInputs.stored(store);
    assertThat(first.entries()).isEmpty();
    first.remember("http://a/Manifest");
    first.remember("https://b/x.ism/Manifest");

    assertThat(dir.resolve("config").resolve(RecentInputs.FILE))
        .hasContent("https://b/x.ism/Manifest\nhttp://a/Manifest");
    assertThat(RecentInputs.stored(store).entries())
        .containsExactly("https://b/x.ism/Manifest", "http://a/Manifest");

    first.clear();
    assertThat(RecentInputs.stored(store).entries()).isEmpty();
  }

  @Test
  void lines_that_cannot_be_entries_are_skipped_and_duplicates_kept_once() throws IOException {
    Path file = dir.resolve(RecentInputs.FILE);
    Files.writeString(
        file,
        "http://a/Manifest\n\n   \nhttp://bad\u0007bell\n"
            + "x".repeat(RecentInputs.MAX_ENTRY_CHARS + 1)
            + "\n http://a/Manifest \nhttp://c/Manifest\n",
        StandardCharsets.UTF_8);

    assertThat(RecentInputs.load(file).entries())
        .containsExactly("http://a/Manifest", "http://c/Manifest");
  }

  @Test
  void a_file_that_is_not_utf8_gives_an_empty_list_that_can_be_saved_again() throws IOException {
    Path file = dir.resolve(RecentInputs.FILE);
    Files.write(file, new byte[] {'h', 't', (byte) 0xC3, (byte) 0x28, '\n'});

    RecentInputs recent = RecentInputs.load(file);
    assertThat(recent.entries()).isEmpty();

    recent.remember("http://a/Manifest");
    assertThat(RecentInputs.load(file).entries()).containsExactly("http://a/Manifest");
  }

  @Test
  void a_folder_that_cannot_be_written_keeps_the_list_in_memory_without_failing()
      throws IOException {
    Path notAFolder = dir.resolve("file");
    Files.writeString(notAFolder, "a file where the settings folder should be");
    RecentInputs recent = RecentInputs.load(notAFolder.resolve(RecentInputs.FILE));

    recent.remember("http://a/Manifest");
    recent.remember("http://b/Manifest");

    assertThat(recent.entries()).containsExactly("http://b/Manifest", "http://a/Manifest");
  }

  @Test
  void blank_multi_line_and_overlong_inputs_are_not_remembered() {
    RecentInputs recent = RecentInputs.inMemory();
    for (String input :
        List.of("  ", "http://a/\nManifest", "x".repeat(RecentInputs.MAX_ENTRY_CHARS + 1))) {
      recent.remember(input);
    }
    assertThat(recent.entries()).isEmpty();
  }
}
