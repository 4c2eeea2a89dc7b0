package org.smoothplayer.app.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlTemplateTest {
  private static final QualityLevel LEVEL =
      new QualityLevel(
          0,
          1_536_000,
          "H264",
          "",
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          4,
          List.of(
              new CustomAttribute("hardwareProfile", "1000"),
              new CustomAttribute("Compatibility", "Desktop")),
          1);

  private static URI resolve(String base, String template, long startTicks) {
    return UrlTemplate.resolve(URI.create(base), template, LEVEL, startTicks);
  }

  @Test
  void both_spellings_of_bitrate_and_start_time_expand() {
    assertThat(UrlTemplate.expand("{bitrate}/{Bitrate}/{start time}/{start_time}", LEVEL, 42))
        .isEqualTo("1536000/1536000/42/42");
  }

  @Test
  void custom_attributes_expand_to_name_value_pairs_joined_by_commas() {
    assertThat(
            UrlTemplate.expand(
                "QualityLevels({bitrate},{CustomAttributes})/Fragments(video={start_time})",
                LEVEL,
                19_680_000))
        .isEqualTo(
            "QualityLevels(1536000,hardwareProfile=1000,Compatibility=Desktop)"
                + "/Fragments(video=19680000)");
  }

  @Test
  void an_ism_manifest_url_resolves_fragments_inside_the_ism_folder() {
    assertThat(
            resolve(
                "http://127.0.0.1:9/a/TearsOfSteel.ism/manifest",
                "QualityLevels({bitrate})/Fragments(video={start time})",
                0))
        .hasToString(
            "http://127.0.0.1:9/a/TearsOfSteel.ism/QualityLevels(1536000)/Fragments(video=0)");
    assertThat(resolve("http://127.0.0.1:9/a/TearsOfSteel.ism", "QualityLevels({bitrate})/x", 0))
        .hasToString("http://127.0.0.1:9/a/QualityLevels(1536000)/x");
  }

  @Test
  void the_manifest_query_string_is_not_carried_but_a_template_query_is_kept() {
    assertThat(
            resolve(
                "https://127.0.0.1/v.ism/Manifest?token=abc&x=1",
                "QualityLevels({bitrate})/Fragments(video_deu={start time})?noStreamProfile=1",
                7))
        .hasToString(
            "https://127.0.0.1/v.ism/QualityLevels(1536000)/Fragments(video_deu=7)?noStreamProfile=1");
  }

  @Test
  void a_base_without_a_path_and_characters_illegal_in_uris_are_handled() {
    assertThat(resolve("http://127.0.0.1:9", "{bitrate}/a b/é", 0))
        .hasToString("http://127.0.0.1:9/1536000/a%20b/%C3%A9");
    assertThat(resolve("http://127.0.0.1:9/m", "x%41/100%", 0))
        .hasToString("http://127.0.0.1:9/x%41/100%25");
  }

  @Test
  void a_file_manifest_resolves_to_files_next_to_it() {
    assertThat(
            resolve(
                "file:/tmp/pres/Manifest", "QualityLevels({bitrate})/Fragments(a={start time})", 5))
        .hasToString("file:/tmp/pres/QualityLevels(1536000)/Fragments(a=5)");
  }
}
