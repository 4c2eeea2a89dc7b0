package org.smoothplayer.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumePositionsTest {

  private static final long FOUR_MINUTES_US = 240_000_000;

  @TempDir Path dir;

  @Test
  void a_position_is_worth_resuming_from_10_s_in_to_10_s_before_the_end() {
    assertThat(ResumePositions.worthResuming(9_999_999, FOUR_MINUTES_US)).isFalse();
    assertThat(ResumePositions.worthResuming(10_000_000, FOUR_MINUTES_US)).isTrue();
    assertThat(ResumePositions.worthResuming(230_000_000, FOUR_MINUTES_US)).isTrue();
    assertThat(ResumePositions.worthResuming(230_000_001, FOUR_MINUTES_US)).isFalse();
    assertThat(ResumePositions.worthResuming(FOUR_MINUTES_US, FOUR_MINUTES_US)).isFalse();
    assertThat(ResumePositions.worthResuming(15_000_000, 0)).isFalse();
  }

  @Test
  void positions_are_saved_latest_first_and_read_back_by_the_next_window() {
    ConfigStore store = ConfigStore.at(dir.resolve("config"));
    ResumePositions first = ResumePositions.stored(store);
    assertThat(first.entries()).isEmpty();
    first.leftAt("http://a/Manifest", 75_000_000, FOUR_MINUTES_US);
    first.leftAt("/films/b", 3_723_456_789L, 7_200_000_000L);
    first.leftAt(" http://a/Manifest ", 80_500_000, FOUR_MINUTES_US);

    assertThat(dir.resolve("config").resolve(ResumePositions.FILE))
        .hasContent("80.500\thttp://a/Manifest\n3723.457\t/films/b");
    ResumePositions next = ResumePositions.stored(store);
    assertThat(next.positionUs("http://a/Manifest")).hasValue(80_500_000);
    assertThat(next.positionUs("/films/b")).hasValue(3_723_457_000L);
    assertThat(next.positionUs("http://c/Manifest")).isEmpty();
  }

  @Test
  void leaving_a_presentation_near_its_start_or_at_its_end_forgets_where_it_was_left() {
    ConfigStore store = ConfigStore.at(dir);
    ResumePositions positions = ResumePositions.stored(store);
    positions.leftAt("http://a/Manifest", 75_000_000, FOUR_MINUTES_US);
    positions.leftAt("http://b/Manifest", 75_000_000, FOUR_MINUTES_US);

    positions.leftAt("http://a/Manifest", FOUR_MINUTES_US, FOUR_MINUTES_US);
    positions.leftAt("http://b/Manifest", 4_000_000, FOUR_MINUTES_US);

    assertThat(positions.entries()).isEmpty();
    assertThat(ResumePositions.stored(store).entries()).isEmpty();
  }

  @Test
  void only_the_latest_hundred_presentations_are_kept() {
    ResumePositions positions = ResumePositions.inMemory();
    IntStream.rangeClosed(1, 105)
        .forEach(i -> positions.leftAt("http://h/" + i + "/Manifest", 20_000_000, FOUR_MINUTES_US));

    assertThat(positions.entries()).hasSize(ResumePositions.MAX_ENTRIES);
    assertThat(positions.entries().keySet())
        .startsWith("http://h/105/Manifest")
        .endsWith("http://h/6/Manifest");
    assertThat(positions.positionUs("http://h/5/Manifest")).isEmpty();
  }

  @Test
  void lines_that_cannot_be_entries_are_skipped_and_the_first_of_an_input_wins()
      throws IOException {
    Path file = dir.resolve(ResumePositions.FILE);
    Files.writeString(
        file,
        "12.5\thttp://a/Manifest\n"
            + "no tab here\n"
            + "-3\thttp://negative/Manifest\n"
            + "NaN\thttp://nan/Manifest\n"
            + "soon\thttp://words/Manifest\n"
            + "20\t\n"
            + "30\thttp://bell\u0007/Manifest\n"
            + "99\thttp://a/Manifest\n"
            + "40\thttp://c/Manifest\n",
        StandardCharsets.UTF_8);

    ResumePositions positions = ResumePositions.load(file);

    assertThat(positions.entries())
        .containsExactly(
            java.util.Map.entry("http://a/Manifest", 12_500_000L),
            java.util.Map.entry("http://c/Manifest", 40_000_000L));
  }

  @Test
  void a_file_that_is_not_utf8_gives_no_positions_and_can_be_saved_again() throws IOException {
    Path file = dir.resolve(ResumePositions.FILE);
    Files.write(file, new byte[] {'1', '\t', 'h', (byte) 0xC3, (byte) 0x28, '\n'});

    ResumePositions positions = ResumePositions.load(file);
    assertThat(positions.entries()).isEmpty();

    positions.leftAt("http://a/Manifest", 30_000_000, FOUR_MINUTES_US);
    assertThat(ResumePositions.load(file).positionUs("http://a/Manifest")).hasValue(30_000_000);
  }
}
