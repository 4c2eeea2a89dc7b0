package org.smoothplayer.assets.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caption rules and the spec's captions flag, without encoding anything. */
class CaptionTrackTest {
  private static final List<LevelSpec> LADDER = List.of(new LevelSpec(300_000, 320, 180));

  private static PresentationSpec spec(long durationMs, long fragmentMs, long flashMs) {
    return new PresentationSpec(
        "c", durationMs, fragmentMs, LADDER, 25, false, ManifestStyle.REPEAT, flashMs, true);
  }

  @Test
  void clock_times_show_tenths_milliseconds_when_needed_and_hours_from_one_hour() {
    assertThat(CaptionTrack.clockTime(0)).isEqualTo("0:00.0");
    assertThat(CaptionTrack.clockTime(6_000)).isEqualTo("0:06.0");
    assertThat(CaptionTrack.clockTime(8_400)).isEqualTo("0:08.4");
    assertThat(CaptionTrack.clockTime(2_440)).isEqualTo("0:02.440");
    assertThat(CaptionTrack.clockTime(2_005)).isEqualTo("0:02.005");
    assertThat(CaptionTrack.clockTime(754_300)).isEqualTo("12:34.3");
    assertThat(CaptionTrack.clockTime(3_723_000)).isEqualTo("1:02:03.0");
  }

  @Test
  void every_fourth_fragment_without_a_flash_gets_its_second_cue_in_the_middle() {
    PresentationSpec spec = spec(16_000, 2_000, 0);
    assertThat(CaptionTrack.cues(spec, 3))
        .containsExactly(
            new CaptionTrack.Cue(100, 1_900, List.of("Caption 3", "0:06.0 to 0:08.0")),
            new CaptionTrack.Cue(1_000, 1_500, List.of("[cue 2]")));
    assertThat(CaptionTrack.cues(spec, 7)).hasSize(2);
    for (int k : new int[] {0, 1, 2, 4, 5, 6}) {
      assertThat(CaptionTrack.cues(spec, k)).as("fragment %d", k).hasSize(1);
    }
  }

  @Test
  void a_flash_inside_the_fragment_places_the_second_cue_and_the_fragment_end_cuts_it() {
    // Flashes every 2.8 s; fragment 3 of the 800-ms fragments (2.4 .. 3.2 s) holds the one at
    // 2.8 s, 400 ms before its end: the 500-ms cue is cut there.
    PresentationSpec spec = spec(8_000, 800, 2_800);
    assertThat(CaptionTrack.cues(spec, 3))
        .containsExactly(
            new CaptionTrack.Cue(100, 700, List.of("Caption 3", "0:02.4 to 0:03.2")),
            new CaptionTrack.Cue(400, 800, List.of("[flash]")));
    assertThat(CaptionTrack.cueInfos(spec, 3))
        .containsExactly(
            new CueInfo(3, 2_500_000, 3_100_000, List.of("Caption 3", "0:02.4 to 0:03.2")),
            new CueInfo(3, 2_800_000, 3_200_000, List.of("[flash]")));
  }

  @Test
  void the_ttml_document_has_tick_times_relative_to_the_fragment_and_br_between_lines() {
    String document =
        new String(CaptionTrack.document(spec(16_000, 2_000, 2_000), 3), StandardCharsets.UTF_8);
    assertThat(document)
        .isEqualTo(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <tt xmlns="http://www.w3.org/ns/ttml" \
            xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:tickRate="10000000" \
            xml:lang="en">
              <body>
                <div>
                  <p begin="0t" end="5000000t">[flash]</p>
                  <p begin="1000000t" end="19000000t">Caption 3<br/>0:06.0 to 0:08.0</p>
                </div>
              </body>
            </tt>
            """);
  }

  @Test
  void the_text_stream_follows_the_manifest_style_of_the_presentation() {
    PresentationSpec spec = spec(5_000, 2_000, 0);
    List<FragmentInfo> fragments =
        List.of(
            new FragmentInfo(0, 20_000_000, 1, List.of(0), -1, List.of(500L)),
            new FragmentInfo(20_000_000, 20_000_000, 1, List.of(0), -1, List.of(500L)),
            new FragmentInfo(40_000_000, 10_000_000, 1, List.of(0), -1, List.of(500L)));
    StreamInfo text =
        new StreamInfo(
            "text",
            "textstream_eng",
            "CAPT",
            "eng",
            List.of(new LevelInfo(0, 1_000, 0, 0, "TTML", "", 0, 0, 800)),
            fragments,
            List.of());
    String manifest =
        ManifestWriter.write(new PresentationInfo(spec, PresentationSpec.TIMESCALE, List.of(text)));
    assertThat(manifest)
        .contains(
            """
              <StreamIndex Type="text" Name="textstream_eng" Subtype="CAPT" Language="eng" \
            TimeScale="10000000" Chunks="3" QualityLevels="1" \
            Url="QualityLevels({bitrate})/Fragments(textstream_eng={start time})">
                <QualityLevel Index="0" Bitrate="1000" FourCC="TTML"/>
                <c t="0" d="20000000" r="2"/>
                <c d="10000000"/>
              </StreamIndex>
            """);
  }

  @Test
  void captions_are_off_by_default_on_in_the_sample_preset_only_and_part_of_the_cache_key() {
    PresentationSpec plain =
        new PresentationSpec("t", 4_000, 1_000, LADDER, 25, true, ManifestStyle.PLAIN, 2_000);
    assertThat(plain.captions()).isFalse();
    PresentationSpec captioned = plain.withCaptions(true);
    assertThat(captioned.captions()).isTrue();
    assertThat(captioned.withCaptions(false)).isEqualTo(plain);
    assertThat(captioned.cacheKey()).isNotEqualTo(plain.cacheKey()).startsWith("t-");
    assertThat(Preset.SAMPLE.spec().captions()).isTrue();
    assertThat(Preset.TINY.spec().captions()).isFalse();
    assertThat(Preset.PENSIEVE.spec().captions()).isFalse();
  }

  @Test
  void a_spec_without_captions_keeps_the_cache_key_it_had_before_captions_existed() {
    // Computed by the generator before the captions flag was added: cached folders stay valid.
    assertThat(Preset.TINY.spec().cacheKey()).isEqualTo("tiny-302a65f4ae47ed3c");
  }

  @Test
  void a_presentation_json_written_before_captions_still_reads(@TempDir Path dir)
      throws IOException {
    try (InputStream in =
        getClass().getResourceAsStream("/generate/presentation-before-captions.json")) {
      assertThat(in).isNotNull();
      Files.write(dir.resolve(PresentationInfo.FILE_NAME), in.readAllBytes());
    }
    PresentationInfo info = PresentationInfo.read(dir);
    assertThat(info.spec()).isEqualTo(Preset.TINY.spec());
    assertThat(info.spec().captions()).isFalse();
    assertThat(info.streams())
        .extracting(StreamInfo::type, StreamInfo::name, StreamInfo::subtype, StreamInfo::language)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("video", "video", "", ""),
            org.assertj.core.groups.Tuple.tuple("audio", "audio", "", ""));
    assertThat(info.streams()).allSatisfy(s -> assertThat(s.cues()).isEmpty());
    StreamInfo video = info.stream("video").orElseThrow();
    assertThat(video.fragmentPath(video.levels().get(0), video.fragments().get(1)))
        .isEqualTo("QualityLevels(150000)/Fragments(video=10000000)");
    assertThat(info.stream("text")).isEmpty();
  }
}
