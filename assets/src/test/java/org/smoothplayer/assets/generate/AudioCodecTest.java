package org.smoothplayer.assets.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PresentationSpec#audioCodec()} without encoding: the default and the cache keys of specs
 * made before it existed, validation, {@code presentation.json}, and what the Manifest states for
 * each codec.
 */
class AudioCodecTest {
  /**
   * The cache keys of the presets, computed with the generator before {@code audioCodec} existed:
   * caches on developer machines and CI hold presentations under these folders.
   */
  static final Map<Preset, String> KEYS_BEFORE_AUDIO_CODEC =
      Map.of(
          Preset.TINY, "tiny-302a65f4ae47ed3c",
          Preset.SAMPLE, "sample-fb0ce32ebdbbfef1",
          Preset.PENSIEVE, "pensieve-238a350b07792d32");

  private static final List<LevelSpec> LADDER = List.of(new LevelSpec(300_000, 320, 180));

  @TempDir Path dir;

  private static PresentationSpec spec(
      long durationMs, long fragmentMs, int fps, boolean audio, AudioCodec codec) {
    return new PresentationSpec(
        "t", durationMs, fragmentMs, LADDER, fps, audio, ManifestStyle.PLAIN, 0, false, codec);
  }

  @Test
  void every_preset_keeps_the_cache_key_it_had_before_audio_codecs_existed() {
    assertThat(KEYS_BEFORE_AUDIO_CODEC).containsOnlyKeys(Preset.values());
    for (Preset preset : Preset.values()) {
      PresentationSpec spec = preset.spec();
      assertThat(spec.audioCodec()).as("%s", preset).isEqualTo(AudioCodec.AAC_LC);
      assertThat(spec.cacheKey()).as("%s", preset).isEqualTo(KEYS_BEFORE_AUDIO_CODEC.get(preset));
      assertThat(spec.withAudioCodec(AudioCodec.AAC_LC).cacheKey())
          .as("%s with AAC_LC stated", preset)
          .isEqualTo(KEYS_BEFORE_AUDIO_CODEC.get(preset));
    }
  }

  @Test
  void an_e_ac_3_spec_gets_a_cache_key_of_its_own() {
    for (Preset preset : Preset.values()) {
      PresentationSpec eac3 = preset.spec().withAudioCodec(AudioCodec.E_AC_3);
      assertThat(eac3.cacheKey())
          .as("%s", preset)
          .startsWith(preset.spec().name() + "-")
          .isNotEqualTo(preset.spec().cacheKey())
          .isNotIn(KEYS_BEFORE_AUDIO_CODEC.values())
          .isEqualTo(preset.spec().withAudioCodec(AudioCodec.E_AC_3).cacheKey());
    }
    PresentationSpec captioned = Preset.TINY.spec().withCaptions(true);
    assertThat(captioned.withAudioCodec(AudioCodec.E_AC_3).cacheKey())
        .isNotEqualTo(captioned.cacheKey())
        .isNotEqualTo(Preset.TINY.spec().withAudioCodec(AudioCodec.E_AC_3).cacheKey());
  }

  @Test
  void the_older_constructors_and_a_null_codec_mean_aac_lc() {
    PresentationSpec eight =
        new PresentationSpec("t", 4_000, 1_000, LADDER, 25, true, ManifestStyle.PLAIN, 0);
    PresentationSpec nine =
        new PresentationSpec("t", 4_000, 1_000, LADDER, 25, true, ManifestStyle.PLAIN, 0, false);
    assertThat(eight.audioCodec()).isEqualTo(AudioCodec.AAC_LC);
    assertThat(nine).isEqualTo(eight);
    assertThat(spec(4_000, 1_000, 25, true, null)).isEqualTo(eight);
    assertThat(eight.withAudioCodec(AudioCodec.E_AC_3).audioCodec()).isEqualTo(AudioCodec.E_AC_3);
    assertThat(eight.withAudioCodec(AudioCodec.E_AC_3).withCaptions(true).audioCodec())
        .isEqualTo(AudioCodec.E_AC_3);
  }

  @Test
  void e_ac_3_without_audio_is_rejected_naming_the_problem() {
    assertThatThrownBy(() -> spec(4_000, 1_000, 25, false, AudioCodec.E_AC_3))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("audioCodec E_AC_3 needs audio on");
    PresentationSpec silent = spec(4_000, 1_000, 25, false, AudioCodec.AAC_LC);
    assertThatThrownBy(() -> silent.withAudioCodec(AudioCodec.E_AC_3))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("needs audio");
  }

  @Test
  void e_ac_3_fragments_must_hold_a_whole_1536_sample_syncframe() {
    // 25-ms fragments hold 1200 samples: one AAC frame, no E-AC-3 syncframe.
    assertThat(spec(1_000, 25, 40, true, AudioCodec.AAC_LC).fragmentCount()).isEqualTo(40);
    assertThatThrownBy(() -> spec(1_000, 25, 40, true, AudioCodec.E_AC_3))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("at least one 1536-sample E-AC-3 frame (>= 32 ms)");
    // A 10-ms last fragment after 2 s: the first syncframe starting in it would start at
    // 63 * 1536 = 96768, after the end (96480); the first AAC frame at 94 * 1024 = 96256, inside.
    assertThat(spec(2_010, 1_000, 100, true, AudioCodec.AAC_LC).fragmentCount()).isEqualTo(3);
    assertThatThrownBy(() -> spec(2_010, 1_000, 100, true, AudioCodec.E_AC_3))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("too short to hold an E-AC-3 frame")
        .hasMessageContaining("more than 32 ms");
  }

  @Test
  void presentation_json_states_the_codec_only_when_it_is_not_aac_lc() throws IOException {
    PresentationSpec aac = Preset.TINY.spec();
    new PresentationInfo(aac, PresentationSpec.TIMESCALE, List.of()).write(dir);
    String aacJson = Files.readString(dir.resolve(PresentationInfo.FILE_NAME));
    assertThat(aacJson).doesNotContain("audioCodec").contains("\"captions\" : false");
    assertThat(PresentationInfo.read(dir).spec()).isEqualTo(aac);

    PresentationSpec eac3 = aac.withAudioCodec(AudioCodec.E_AC_3);
    new PresentationInfo(eac3, PresentationSpec.TIMESCALE, List.of()).write(dir);
    String eac3Json = Files.readString(dir.resolve(PresentationInfo.FILE_NAME));
    assertThat(eac3Json).contains("\"audioCodec\" : \"E_AC_3\"");
    assertThat(PresentationInfo.read(dir).spec()).isEqualTo(eac3);
  }

  @Test
  void a_presentation_json_written_before_audio_codecs_reads_as_aac_lc() throws IOException {
    try (InputStream in =
        getClass().getResourceAsStream("/generate/presentation-before-captions.json")) {
      assertThat(in).isNotNull();
      Files.write(dir.resolve(PresentationInfo.FILE_NAME), in.readAllBytes());
    }
    assertThat(Files.readString(dir.resolve(PresentationInfo.FILE_NAME), StandardCharsets.UTF_8))
        .doesNotContain("audioCodec");
    PresentationSpec spec = PresentationInfo.read(dir).spec();
    assertThat(spec.audioCodec()).isEqualTo(AudioCodec.AAC_LC);
    assertThat(spec.cacheKey()).isEqualTo(KEYS_BEFORE_AUDIO_CODEC.get(Preset.TINY));
  }

  @Test
  void the_e_ac_3_codec_private_data_is_the_wave_format_extensible_extension() {
    byte[] extension = WaveFormatExtensible.dolbyDigitalPlus(1536, 0x3F);
    assertThat(HexFormat.of().withUpperCase().formatHex(extension))
        .isEqualTo(
            "0006" // wSamplesPerBlock 1536, little-endian
                + "3F000000" // dwChannelMask FL FR FC LFE BL BR, little-endian
                + "AF87FBA7022DFB42A4D405CD93843BDD"); // {A7FB87AF-2D02-42FB-A4D4-05CD93843BDD}
    assertThat(extension).hasSize(22);
    // AC-3: the same but for the SubFormat, {00000092-0000-0010-8000-00AA00389B71}.
    assertThat(
            HexFormat.of().withUpperCase().formatHex(WaveFormatExtensible.dolbyDigital(1536, 0x3F)))
        .isEqualTo("0006" + "3F000000" + "9200000000001000800000AA00389B71");
  }

  @Test
  void each_codec_states_its_fourcc_audio_tag_and_packet_size_for_the_manifest() {
    assertThat(AudioCodec.AAC_LC.fourCc()).isEqualTo("AACL");
    assertThat(AudioCodec.AAC_LC.audioTag()).isEqualTo(255);
    assertThat(AudioCodec.AAC_LC.packetSizeBytes(128_000)).isEqualTo(4);
    assertThat(AudioCodec.AAC_LC.channels()).isEqualTo(2);
    assertThat(AudioCodec.AAC_LC.bitrateBps()).isEqualTo(128_000);
    assertThat(AudioCodec.AAC_LC.frameSizeSamples()).isEqualTo(1024);
    assertThat(AudioCodec.E_AC_3.fourCc()).isEqualTo("EC-3");
    assertThat(AudioCodec.E_AC_3.audioTag()).isEqualTo(65534);
    assertThat(AudioCodec.E_AC_3.packetSizeBytes(224_000)).isEqualTo(896);
    assertThat(AudioCodec.E_AC_3.channels()).isEqualTo(6);
    assertThat(AudioCodec.E_AC_3.bitrateBps()).isEqualTo(224_000);
    assertThat(AudioCodec.E_AC_3.frameSizeSamples()).isEqualTo(1536);
    for (AudioCodec codec : AudioCodec.values()) {
      assertThat(AudioCodec.ofFourCc(codec.fourCc())).contains(codec);
    }
    assertThat(AudioCodec.ofFourCc("H264")).isEmpty();

    LevelInfo aac = new LevelInfo(0, 128_000, 0, 0, "AACL", "1190", 48_000, 2, 130_000);
    assertThat(aac.audioTag()).isEqualTo(255);
    assertThat(aac.packetSizeBytes()).isEqualTo(4);
    LevelInfo video = new LevelInfo(0, 400_000, 320, 180, "H264", "00", 0, 0, 400_000);
    assertThat(video.audioTag()).isZero();
    assertThat(video.packetSizeBytes()).isZero();
  }
}
