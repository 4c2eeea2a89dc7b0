package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.ManifestParser;
import org.smoothplayer.app.manifest.StreamType;

class AudioTrackLabelsTest {

  private static final String AAC_STEREO =
      "FourCC=\"AACL\" SamplingRate=\"48000\" Channels=\"2\" BitsPerSample=\"16\" PacketSize=\"4\""
          + " AudioTag=\"255\" CodecPrivateData=\"1190\"";
  private static final String EC3_51 =
      "FourCC=\"EC-3\" SamplingRate=\"48000\" Channels=\"6\" BitsPerSample=\"16\""
          + " PacketSize=\"896\" AudioTag=\"65534\""
          + " CodecPrivateData=\"00063F000000AF87FBA7022DFB42A4D405CD93843BDD\"";

  private static String audio(String name, String language, String codec) {
    return "<StreamIndex Type=\"audio\" Name=\""
        + name
        + "\""
        + (language.isEmpty() ? "" : " Language=\"" + language + "\"")
        + " Url=\"QualityLevels({bitrate})/Fragments("
        + name
        + "={start time})\" Chunks=\"1\" QualityLevels=\"1\">"
        + "<QualityLevel Index=\"0\" Bitrate=\"128000\" "
        + codec
        + "/><c t=\"0\" d=\"20000000\"/></StreamIndex>";
  }

  private static List<String> labels(String... streams) throws Exception {
    String xml =
        "<SmoothStreamingMedia MajorVersion=\"2\" MinorVersion=\"0\" Duration=\"20000000\">"
            + String.join("", streams)
            + "</SmoothStreamingMedia>";
    Manifest m =
        new ManifestParser()
            .parse(xml.getBytes(StandardCharsets.UTF_8), URI.create("http://h/a.ism/Manifest"));
    return AudioTrackLabels.of(m.streams(StreamType.AUDIO).stream().map(TrackLevels::of).toList());
  }

  @Test
  void tracks_of_different_languages_are_named_by_their_language() throws Exception {
    assertThat(labels(audio("a1", "en", AAC_STEREO), audio("a2", "fr", EC3_51)))
        .containsExactly("en", "fr");
  }

  @Test
  void tracks_sharing_a_language_are_told_apart_by_codec_and_channels() throws Exception {
    assertThat(
            labels(
                audio("audio_deu", "deu", AAC_STEREO),
                audio("audio_deu_1", "deu", EC3_51),
                audio("audio_fra", "fra", AAC_STEREO)))
        .containsExactly("deu (AAC stereo)", "deu (E-AC-3 5.1)", "fra");
  }

  @Test
  void tracks_alike_in_language_and_codec_are_told_apart_by_name_else_by_position()
      throws Exception {
    assertThat(
            labels(
                audio("main", "eng", AAC_STEREO),
                audio("description", "ENG", AAC_STEREO),
                audio("ec3", "fr", EC3_51),
                audio("ec3b", "fr", EC3_51)))
        .containsExactly("eng (main)", "ENG (description)", "fr (ec3)", "fr (ec3b)");
    // Named alike but for case, no language: the name is the language, so only the position is
    // left.
    assertThat(labels(audio("x", "", AAC_STEREO), audio("X", "", AAC_STEREO)))
        .containsExactly("x (#1)", "X (#2)");
  }
}
