package org.smoothplayer.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the times inside a fragment's TTML document are put on the track timeline. */
class CaptionLoaderCueTimesTest {

  private static byte[] ttml(String paragraphs) {
    return ("<tt xmlns=\"http://www.w3.org/ns/ttml\""
            + " xmlns:ttp=\"http://www.w3.org/ns/ttml#parameter\" ttp:tickRate=\"10000000\">"
            + "<body><div>"
            + paragraphs
            + "</div></body></tt>")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void smooth_streaming_times_relative_to_the_fragment_start_are_moved_onto_the_track_timeline()
      throws Exception {
    byte[] doc = ttml("<p begin=\"1000000t\" end=\"19000000t\">Caption 3</p>");

    List<Cue> cues = CaptionLoader.cuesOf(doc, 6_000_000, 8_000_000);

    assertThat(cues).containsExactly(new Cue(6_100_000, 7_900_000, List.of("Caption 3")));
  }

  @Test
  void times_that_only_fit_the_track_timeline_are_taken_as_absolute() throws Exception {
    byte[] doc = ttml("<p begin=\"00:00:06.500\" end=\"00:00:07.500\">absolute</p>");

    List<Cue> cues = CaptionLoader.cuesOf(doc, 6_000_000, 8_000_000);

    assertThat(cues).containsExactly(new Cue(6_500_000, 7_500_000, List.of("absolute")));
  }

  @Test
  void in_the_first_fragment_both_readings_agree() throws Exception {
    byte[] doc = ttml("<p begin=\"0.5s\" end=\"1.5s\">first</p>");

    assertThat(CaptionLoader.cuesOf(doc, 0, 2_000_000))
        .containsExactly(new Cue(500_000, 1_500_000, List.of("first")));
  }

  @Test
  void cues_are_clipped_to_their_sample_and_a_cue_without_an_end_lasts_to_the_sample_end()
      throws Exception {
    byte[] doc = ttml("<p begin=\"1.5s\" end=\"3s\">runs over</p><p begin=\"0.2s\">open ended</p>");

    List<Cue> cues = CaptionLoader.cuesOf(doc, 10_000_000, 12_000_000);

    assertThat(cues)
        .containsExactly(
            new Cue(10_200_000, 12_000_000, List.of("open ended")),
            new Cue(11_500_000, 12_000_000, List.of("runs over")));
  }

  @Test
  void a_document_without_cues_gives_none() throws Exception {
    assertThat(CaptionLoader.cuesOf(ttml(""), 4_000_000, 6_000_000)).isEmpty();
  }
}
