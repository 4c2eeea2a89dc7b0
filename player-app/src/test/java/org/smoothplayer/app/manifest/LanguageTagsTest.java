package org.smoothplayer.app.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageTagsTest {

  @Test
  void two_and_three_letter_codes_of_one_language_are_the_same_language() {
    assertThat(LanguageTags.sameLanguage("fr", "fra")).isTrue();
    assertThat(LanguageTags.sameLanguage("fre", "fr")).as("bibliographic code").isTrue();
    assertThat(LanguageTags.sameLanguage("ger", "DEU")).isTrue();
    assertThat(LanguageTags.sameLanguage("eng", "en-us")).isTrue();
    assertThat(LanguageTags.sameLanguage("zh_TW", "chi")).isTrue();
    assertThat(LanguageTags.sameLanguage("he", "heb")).isTrue();
  }

  @Test
  void different_languages_and_blank_tags_are_not_the_same_language() {
    assertThat(LanguageTags.sameLanguage("fr", "en")).isFalse();
    assertThat(LanguageTags.sameLanguage("fra", "fry")).as("French and Frisian").isFalse();
    assertThat(LanguageTags.sameLanguage("", "")).isFalse();
    assertThat(LanguageTags.sameLanguage("audio_eng", "eng")).as("a stream's Name").isFalse();
  }

  @Test
  void a_tag_is_spelled_one_way_whatever_the_case_separator_or_code_length() {
    assertThat(LanguageTags.normalized(" en_US ")).isEqualTo("eng-us");
    assertThat(LanguageTags.normalized("FRE")).isEqualTo("fra");
    assertThat(LanguageTags.normalized("und")).isEqualTo("und");
    assertThat(LanguageTags.normalized("qaa")).isEqualTo("qaa");
    assertThat(LanguageTags.normalized("x1")).as("not a language code").isEqualTo("x1");
  }

  @Test
  void a_language_is_named_in_english_whatever_code_names_it_and_otherwise_as_written() {
    assertThat(LanguageTags.languageName("fra", false)).isEqualTo("French");
    assertThat(LanguageTags.languageName("deu", false)).isEqualTo("German");
    assertThat(LanguageTags.languageName("ger", false)).isEqualTo("German");
    assertThat(LanguageTags.languageName("en-us", false)).isEqualTo("English");
    assertThat(LanguageTags.languageName("en-us", true)).isEqualTo("English (United States)");
    assertThat(LanguageTags.languageName("und", false)).isEqualTo("und");
    assertThat(LanguageTags.languageName("qaa", true)).isEqualTo("qaa");
    assertThat(LanguageTags.languageName("audio_commentary", false)).isEqualTo("audio_commentary");
  }

  @Test
  void menu_names_add_the_region_and_then_the_tag_only_where_two_would_read_the_same() {
    assertThat(LanguageTags.menuNames(List.of("en", "fra", "de")))
        .containsExactly("English", "French", "German");
    assertThat(LanguageTags.menuNames(List.of("en-US", "en-GB", "fr")))
        .containsExactly("English (United States)", "English (United Kingdom)", "French");
    assertThat(LanguageTags.menuNames(List.of("en", "eng", "und", "und")))
        .containsExactly("English (en)", "English (eng)", "und", "und");
  }

  @Test
  void menu_names_of_audio_track_labels_keep_the_detail_after_the_language() {
    assertThat(LanguageTags.menuNames(List.of("deu (AAC stereo)", "deu (E-AC-3 5.1)", "fra")))
        .containsExactly("German (AAC stereo)", "German (E-AC-3 5.1)", "French");
    assertThat(LanguageTags.menuNames(List.of("main (#1)", "(odd")))
        .containsExactly("main (#1)", "(odd");
  }

  @Test
  void the_best_match_is_the_same_tag_first_then_the_same_language_then_none() {
    List<String> tags = List.of("en-US", "en-GB", "fr");
    assertThat(LanguageTags.bestMatch(tags, "en_gb")).isEqualTo(1);
    assertThat(LanguageTags.bestMatch(tags, "en-AU")).isEqualTo(0);
    assertThat(LanguageTags.bestMatch(tags, "eng")).isEqualTo(0);
    assertThat(LanguageTags.bestMatch(tags, "fre")).isEqualTo(2);
    assertThat(LanguageTags.bestMatch(tags, "de")).isEqualTo(-1);
    assertThat(LanguageTags.bestMatch(tags, " ")).isEqualTo(-1);
    assertThat(LanguageTags.bestMatch(List.of(), "en")).isEqualTo(-1);
  }
}
