package org.smoothplayer.decoder.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smoothplayer.decoder.codec.AudioCodecConfig.AudioCodec;
import org.smoothplayer.decoder.codec.VideoCodecConfig.VideoCodec;

/** FourCC dispatch, H.264/HEVC/AAC configuration and the typed errors. */
class CodecConfigParserTest {

  static VideoCodecConfig video(String fourCc, String cpd, int nalLength) {
    return (VideoCodecConfig)
        CodecConfigParser.parse(CodecDescriptor.video(fourCc, cpd, nalLength));
  }

  static AudioCodecConfig audio(String fourCc, String cpd, int rateHz, int channels) {
    return (AudioCodecConfig)
        CodecConfigParser.parse(CodecDescriptor.audio(fourCc, cpd, rateHz, channels));
  }

  @Test
  void h264_from_annex_b_codec_private_data() {
    VideoCodecConfig c = video("H264", CodecTestData.H264_HIGH_1080P, 0);
    assertThat(c.codec()).isEqualTo(VideoCodec.H264);
    assertThat(c.fourCc()).isEqualTo("H264");
    assertThat(c.widthPx()).isEqualTo(1920);
    assertThat(c.heightPx()).isEqualTo(1080);
    assertThat(c.profile()).isEqualTo("High");
    assertThat(c.level()).isEqualTo("4.0");
    assertThat(c.nalLengthSizeBytes()).isEqualTo(4);
    assertThat(HexFormat.of().formatHex(c.parameterSetsAnnexB()))
        .isEqualTo(CodecTestData.H264_HIGH_1080P);
  }

  @Test
  void every_h264_fourcc_spelling_is_accepted_in_any_case() {
    for (String fourCc : List.of("H264", "avc1", "AVC1", "DAVC", "h264", " davc ")) {
      assertThat(video(fourCc, CodecTestData.H264_BASELINE_480P, 0).widthPx())
          .as(fourCc)
          .isEqualTo(854);
    }
  }

  @Test
  void nal_unit_length_field_1_2_and_4_is_kept_and_3_is_refused() {
    for (int n : List.of(1, 2, 4)) {
      assertThat(video("AVC1", CodecTestData.H264_HIGH_1080P, n).nalLengthSizeBytes()).isEqualTo(n);
    }
    assertThatThrownBy(() -> video("AVC1", CodecTestData.H264_HIGH_1080P, 3))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage("NALUnitLengthField: value 3 (expected 1, 2 or 4)");
  }

  @Test
  void h264_from_an_avcc_record_takes_its_nal_length_size() {
    byte[] sps = H264SpsTest.firstNal(CodecTestData.H264_BASELINE_480P);
    byte[] pps = HexFormat.of().parseHex("68cb83cb20");
    java.io.ByteArrayOutputStream avcc = new java.io.ByteArrayOutputStream();
    avcc.writeBytes(new byte[] {1, sps[1], sps[2], sps[3], (byte) 0xFD, (byte) 0xE1});
    avcc.writeBytes(new byte[] {0, (byte) sps.length});
    avcc.writeBytes(sps);
    avcc.writeBytes(new byte[] {1, 0, (byte) pps.length});
    avcc.writeBytes(pps);
    VideoCodecConfig c = video("AVC1", HexFormat.of().formatHex(avcc.toByteArray()), 0);
    assertThat(c.nalLengthSizeBytes()).isEqualTo(2);
    assertThat(c.widthPx()).isEqualTo(854);
    assertThat(HexFormat.of().formatHex(c.parameterSetsAnnexB()))
        .isEqualTo(CodecTestData.H264_BASELINE_480P);
  }

  @Test
  void codec_private_data_may_be_wrapped_over_lines() {
    String wrapped = "\n" + CodecTestData.H264_HIGH_1080P.replace("0168", "\n  0168") + "\n";
    assertThat(video("H264", wrapped, 0).heightPx()).isEqualTo(1080);
  }

  @Test
  void hevc_with_a_conformance_window() {
    VideoCodecConfig c = video("HVC1", CodecTestData.HEVC_MAIN_480P, 0);
    assertThat(c.codec()).isEqualTo(VideoCodec.HEVC);
    assertThat(c.widthPx()).isEqualTo(854);
    assertThat(c.heightPx()).isEqualTo(480);
    assertThat(c.profile()).isEqualTo("Main");
    assertThat(c.level()).isEqualTo("3.0");
    assertThat(c.nalLengthSizeBytes()).isEqualTo(4);
    assertThat(HexFormat.of().formatHex(c.parameterSetsAnnexB()))
        .isEqualTo(CodecTestData.HEVC_MAIN_480P);
  }

  @Test
  void hevc_main_1080p_and_main_10() {
    VideoCodecConfig hd = video("hev1", CodecTestData.HEVC_MAIN_1080P, 0);
    assertThat(hd.widthPx()).isEqualTo(1920);
    assertThat(hd.heightPx()).isEqualTo(1080);
    assertThat(hd.level()).isEqualTo("4.0");
    VideoCodecConfig ten = video("HVC1", CodecTestData.HEVC_MAIN10_360P, 0);
    assertThat(ten.profile()).isEqualTo("Main 10");
    assertThat(ten.widthPx()).isEqualTo(640);
    assertThat(ten.heightPx()).isEqualTo(360);
    HevcSps sps =
        HevcSps.parse(
            Nal.splitAnnexB(HexFormat.of().parseHex(CodecTestData.HEVC_MAIN10_360P), "t").get(1));
    assertThat(sps.bitDepthLuma()).isEqualTo(10);
    assertThat(sps.tierName()).isEqualTo("Main");
  }

  @Test
  void hevc_from_an_hvcc_record() {
    List<byte[]> nals =
        Nal.splitAnnexB(HexFormat.of().parseHex(CodecTestData.HEVC_MAIN_1080P), "test");
    java.io.ByteArrayOutputStream hvcc = new java.io.ByteArrayOutputStream();
    hvcc.writeBytes(new byte[] {1});
    hvcc.writeBytes(new byte[20]); // profile/tier/level ... fields, not used
    hvcc.write(0xFC | 1); // lengthSizeMinusOne = 1
    hvcc.write(3);
    int[] types = {32, 33, 34};
    for (int i = 0; i < 3; i++) {
      hvcc.write(0x80 | types[i]);
      hvcc.writeBytes(new byte[] {0, 1, 0, (byte) nals.get(i).length});
      hvcc.writeBytes(nals.get(i));
    }
    VideoCodecConfig c = video("HVC1", HexFormat.of().formatHex(hvcc.toByteArray()), 0);
    assertThat(c.nalLengthSizeBytes()).isEqualTo(2);
    assertThat(c.heightPx()).isEqualTo(1080);
  }

  @Test
  void aac_lc_from_codec_private_data() {
    AudioCodecConfig c = audio("AACL", "1190", 48000, 2);
    assertThat(c.codec()).isEqualTo(AudioCodec.AAC_LC);
    assertThat(c.samplingRateHz()).isEqualTo(48000);
    assertThat(c.channels()).isEqualTo(2);
    assertThat(c.audioSpecificConfig()).containsExactly(0x11, 0x90);
  }

  @Test
  void aac_lc_is_synthesized_from_sampling_rate_and_channels() {
    AudioCodecConfig c = audio("AACL", "", 44100, 2);
    assertThat(c.codec()).isEqualTo(AudioCodec.AAC_LC);
    assertThat(HexFormat.of().formatHex(c.audioSpecificConfig())).isEqualTo("1210");
    AudioCodecConfig mono = audio("mp4a", "", 48000, 1);
    assertThat(HexFormat.of().formatHex(mono.audioSpecificConfig())).isEqualTo("1188");
    AudioCodecConfig odd = audio("AACL", "", 37800, 2);
    AudioSpecificConfig parsed = AudioSpecificConfig.parse(odd.audioSpecificConfig());
    assertThat(parsed.coreSamplingRateHz()).isEqualTo(37800);
    assertThat(parsed.outputChannels()).isEqualTo(2);
  }

  @Test
  void aach_without_codec_private_data_is_synthesized_as_explicit_he_aac() {
    AudioCodecConfig c = audio("AACH", "", 48000, 2);
    assertThat(c.codec()).isEqualTo(AudioCodec.HE_AAC);
    assertThat(c.samplingRateHz()).isEqualTo(48000);
    AudioSpecificConfig asc = AudioSpecificConfig.parse(c.audioSpecificConfig());
    assertThat(asc.signalledObjectType()).isEqualTo(5);
    assertThat(asc.coreObjectType()).isEqualTo(2);
    assertThat(asc.coreSamplingRateHz()).isEqualTo(24000);
    assertThat(asc.outputSamplingRateHz()).isEqualTo(48000);
    assertThat(HexFormat.of().formatHex(c.audioSpecificConfig())).isEqualTo("2b118800");

    AudioCodecConfig core = audio("AACH", "", 22050, 2);
    assertThat(core.samplingRateHz()).as("22.05 kHz is a core rate").isEqualTo(44100);
  }

  @Test
  void he_aac_v2_is_recognized_from_hierarchical_signalling() {
    // audioObjectType 29 (PS), 24 kHz core, mono, extension 48 kHz, core type 2.
    AudioCodecConfig c = audio("AACH", "eb098800", 48000, 2);
    assertThat(c.codec()).isEqualTo(AudioCodec.HE_AAC_V2);
    assertThat(c.samplingRateHz()).isEqualTo(48000);
    assertThat(c.channels()).isEqualTo(2);
  }

  @Test
  void sbr_and_ps_are_recognized_from_backward_compatible_signalling() {
    // AAC LC 24 kHz mono, then sync extension 0x2b7: SBR present at 48 kHz, then 0x548: PS.
    TestBits b = new TestBits().u(2, 5).u(6, 4).u(1, 4).u(0, 3);
    b.u(0x2b7, 11).u(5, 5).u(1, 1).u(3, 4).u(0x548, 11).u(1, 1);
    byte[] asc = b.rbsp();
    AudioCodecConfig c = audio("AACL", HexFormat.of().formatHex(asc), 0, 0);
    assertThat(c.codec()).isEqualTo(AudioCodec.HE_AAC_V2);
    assertThat(c.samplingRateHz()).isEqualTo(48000);
    assertThat(c.channels()).isEqualTo(2);
  }

  @Test
  void aach_with_an_implicit_sbr_config_reports_the_doubled_rate() {
    AudioCodecConfig c = audio("AACH", "1390", 48000, 2); // LC, 22.05 kHz, stereo
    assertThat(c.codec()).isEqualTo(AudioCodec.HE_AAC);
    assertThat(c.samplingRateHz()).isEqualTo(44100);
  }

  @Test
  void channel_layout_from_a_program_config_element() {
    // LC 48 kHz, channelConfiguration 0, PCE: 1 front SCE + 1 front CPE + 1 back CPE + 1 LFE.
    TestBits b = new TestBits().u(2, 5).u(3, 4).u(0, 4).u(0, 3);
    b.u(0, 4).u(1, 2).u(3, 4); // element_instance_tag, object_type, sampling_frequency_index
    b.u(2, 4).u(0, 4).u(1, 4).u(1, 2).u(0, 3).u(0, 4); // front, side, back, lfe, assoc, cc
    b.u(0, 1).u(0, 1).u(0, 1); // no mixdowns
    b.u(0, 1).u(0, 4).u(1, 1).u(1, 4); // front: SCE, CPE
    b.u(1, 1).u(2, 4); // back: CPE
    b.u(0, 4); // lfe
    AudioCodecConfig c = audio("AACL", HexFormat.of().formatHex(padToComment(b)), 48000, 0);
    assertThat(c.channels()).isEqualTo(6);
  }

  private static byte[] padToComment(TestBits b) {
    b.align().u(0, 8); // byte_alignment, comment_field_bytes = 0
    return b.rbsp();
  }

  @Test
  void audio_tag_255_without_fourcc_is_aac() {
    CodecDescriptor d = new CodecDescriptor("audio", "", "1190", 0, 48000, 2, 16, 4, 255);
    assertThat(CodecConfigParser.parse(d)).isInstanceOf(AudioCodecConfig.class);
    CodecDescriptor noTag = new CodecDescriptor("audio", "", "", 0, 44100, 2, 16, 4, 0);
    assertThat(((AudioCodecConfig) CodecConfigParser.parse(noTag)).codec())
        .isEqualTo(AudioCodec.AAC_LC);
  }

  @Test
  void ec3_and_ac3_are_dolby_levels_whose_frames_describe_themselves() {
    // As Unified Streaming writes it: a WAVEFORMATEXTENSIBLE extension as CodecPrivateData.
    CodecDescriptor ec3 =
        new CodecDescriptor(
            "audio",
            "EC-3",
            "00063F000000AF87FBA7022DFB42A4D405CD93843BDD0700200F00",
            0,
            48000,
            6,
            16,
            896,
            65534);
    AudioCodecConfig c = (AudioCodecConfig) CodecConfigParser.parse(ec3);
    assertThat(c.codec()).isEqualTo(AudioCodec.E_AC_3);
    assertThat(c.codec().aac()).isFalse();
    assertThat(c.fourCc()).isEqualTo("EC-3");
    assertThat(c.audioSpecificConfig()).isEmpty();
    assertThat(c.samplingRateHz()).isEqualTo(48000);
    assertThat(c.channels()).isEqualTo(6);

    AudioCodecConfig ac3 = audio("ac-3", "", 0, 0);
    assertThat(ac3.codec()).isEqualTo(AudioCodec.AC_3);
    assertThat(ac3.samplingRateHz()).isZero();
    assertThat(ac3.channels()).isZero();

    assertThatThrownBy(() -> audio("EC-3", "00063G", 48000, 6))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessageStartingWith("CodecPrivateData:");
    assertThatThrownBy(() -> audio("EC-3", "", 48000, 12))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage("Channels: value 12 (expected 0 to 8)");
    assertThatThrownBy(() -> video("EC-3", "", 0))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage("FourCC: EC-3 is an audio codec in a video stream (expected a video FourCC)");
  }

  @Test
  void unsupported_codecs_are_named() {
    assertThatThrownBy(() -> video("WVC1", "250000010fcb", 0))
        .isExactlyInstanceOf(UnsupportedCodecException.class)
        .hasMessage(
            "unsupported codec WVC1 (supported: H264, AVC1, DAVC, HVC1, HEV1, AACL, AACH,"
                + " mp4a/AudioTag 255, EC-3, AC-3)")
        .satisfies(e -> assertThat(((UnsupportedCodecException) e).fourCc()).isEqualTo("WVC1"));
    assertThatThrownBy(() -> audio("DTSC", "", 48000, 6))
        .isExactlyInstanceOf(UnsupportedCodecException.class)
        .hasMessageStartingWith("unsupported codec DTSC (supported:");
    assertThatThrownBy(() -> audio("WMAP", "", 44100, 2))
        .hasMessageStartingWith("unsupported codec WMAP (supported:");
    CodecDescriptor wma = new CodecDescriptor("audio", "", "", 0, 44100, 2, 16, 4, 353);
    assertThatThrownBy(() -> CodecConfigParser.parse(wma))
        .isExactlyInstanceOf(UnsupportedCodecException.class)
        .hasMessageStartingWith("unsupported codec AudioTag 353 (supported:");
    CodecDescriptor ttml = new CodecDescriptor("text", "TTML", "", 0, 0, 0, 0, 0, 0);
    assertThatThrownBy(() -> CodecConfigParser.parse(ttml))
        .hasMessageStartingWith("unsupported codec TTML (supported:");
    assertThatThrownBy(() -> video("", "", 0))
        .hasMessageStartingWith("unsupported codec (no FourCC) (supported:");
  }

  @Test
  void bad_codec_private_data_names_the_field_and_the_expectation() {
    assertThatThrownBy(() -> video("H264", "000", 0))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "CodecPrivateData: odd number of hex digits (3) (expected whole bytes, two digits each)");
    assertThatThrownBy(() -> video("H264", "00zz", 0))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "CodecPrivateData: character 'z' at position 2 is not a hex digit"
                + " (expected hexadecimal digits)");
    assertThatThrownBy(() -> video("H264", "", 0))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "CodecPrivateData: empty or absent"
                + " (expected H.264 SPS and PPS as Annex-B hex or an avcC record)");
    assertThatThrownBy(() -> video("AVC1", "250000010fcbee", 0))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "CodecPrivateData: starts with byte 0x25 (expected an Annex-B start code (00 00 00 01)"
                + " or an avcC record (first byte 01))");
    assertThatThrownBy(() -> video("H264", "0000000167640028acd940780227e584", 0))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "CodecPrivateData: no PPS (NAL unit type 8) among NAL unit types [7]"
                + " (expected a PPS (NAL unit type 8))");
    assertThatThrownBy(() -> video("HVC1", CodecTestData.H264_HIGH_1080P, 0))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessageStartingWith("CodecPrivateData: no VPS (NAL unit type 32)");
    assertThatThrownBy(() -> video("AVC1", "01640028ff", 0))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "CodecPrivateData avcC: record of 5 bytes ends at byte 5 inside"
                + " numOfSequenceParameterSets (expected 1 more bytes)");
  }

  @Test
  void bad_audio_data_names_the_field_and_the_expectation() {
    assertThatThrownBy(() -> audio("AACL", "", 0, 2))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "SamplingRate: value 0 while CodecPrivateData is empty"
                + " (expected 1 to 96000 Hz to build the AudioSpecificConfig from)");
    assertThatThrownBy(() -> audio("AACL", "", 48000, 9))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "Channels: value 9 while CodecPrivateData is empty"
                + " (expected 1 to 8 channels to build the AudioSpecificConfig from)");
    assertThatThrownBy(() -> audio("AACL", "0990", 48000, 2))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "CodecPrivateData audioObjectType: audioObjectType 1"
                + " (expected 2 (AAC LC), or 5 (SBR) / 29 (PS) over an AAC LC core)");
    assertThatThrownBy(() -> audio("AACL", "16", 48000, 2))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "AudioSpecificConfig samplingFrequencyIndex: AudioSpecificConfig of 1 bytes ends at"
                + " bit 5 (expected 4 more bits for samplingFrequencyIndex)");
    assertThatThrownBy(() -> audio("AACL", "1690", 48000, 2))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "AudioSpecificConfig samplingFrequencyIndex: reserved index 13"
                + " (expected 0 to 12 or 15 (explicit rate))");
  }

  @Test
  void a_fourcc_of_the_wrong_stream_type_is_refused() {
    assertThatThrownBy(() -> video("AACL", "1190", 0))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage("FourCC: AACL is an audio codec in a video stream (expected a video FourCC)");
    assertThatThrownBy(() -> audio("H264", CodecTestData.H264_HIGH_1080P, 48000, 2))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage("FourCC: H264 is a video codec in a audio stream (expected a audio FourCC)");
    CodecDescriptor bad = new CodecDescriptor("subtitles", "TTML", "", 0, 0, 0, 0, 0, 0);
    assertThatThrownBy(() -> CodecConfigParser.parse(bad))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage("Type: stream type 'subtitles' (expected video, audio or text)");
  }
}
