package org.smoothplayer.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptionTrackTest {

  @Test
  void a_track_is_labelled_by_the_english_name_of_its_language_in_any_code_and_its_kind() {
    assertThat(CaptionTrack.labelOf("textstream_eng", "eng", "CAPT"))
        .isEqualTo("English (captions)");
    assertThat(CaptionTrack.labelOf("textstream_deu", "deu", "SUBT"))
        .isEqualTo("German (subtitles)");
    assertThat(CaptionTrack.labelOf("textstream_fra", "fra", "DESC"))
        .isEqualTo("French (descriptions)");
    assertThat(CaptionTrack.labelOf("textstream_qaa", "qaa", "")).isEqualTo("qaa");
    assertThat(CaptionTrack.labelOf("commentary", "", "CAPT")).isEqualTo("commentary (captions)");
  }
}
