package org.smoothplayer.decoder.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** SPS parsing: real x264 parameter sets and synthetic edge cases. */
class H264SpsTest {

  static byte[] firstNal(String annexBHex) {
    return Nal.splitAnnexB(HexFormat.of().parseHex(annexBHex), "test").get(0);
  }

  @Test
  void reads_size_crop_profile_and_level_of_a_1080p_high_sps() {
    H264Sps sps = H264Sps.parse(firstNal(CodecTestData.H264_HIGH_1080P));
    assertThat(sps.codedWidthPx()).isEqualTo(1920);
    assertThat(sps.codedHeightPx()).isEqualTo(1088);
    assertThat(sps.cropBottomPx()).isEqualTo(8);
    assertThat(sps.widthPx()).isEqualTo(1920);
    assertThat(sps.heightPx()).isEqualTo(1080);
    assertThat(sps.profileName()).isEqualTo("High");
    assertThat(sps.levelName()).isEqualTo("4.0");
    assertThat(sps.codecString()).isEqualTo("avc1.640028");
    assertThat(sps.frameMbsOnly()).isTrue();
  }

  @Test
  void reads_a_constrained_baseline_sps_with_a_right_crop() {
    H264Sps sps = H264Sps.parse(firstNal(CodecTestData.H264_BASELINE_480P));
    assertThat(sps.profileName()).isEqualTo("Constrained Baseline");
    assertThat(sps.levelName()).isEqualTo("3.0");
    assertThat(sps.codedWidthPx()).isEqualTo(864);
    assertThat(sps.cropRightPx()).isEqualTo(10);
    assertThat(sps.widthPx()).isEqualTo(854);
    assertThat(sps.heightPx()).isEqualTo(480);
  }

  @Test
  void reads_an_interlaced_sps_whose_height_counts_field_pairs() {
    H264Sps sps = H264Sps.parse(firstNal(CodecTestData.H264_INTERLACED_1080I));
    assertThat(sps.frameMbsOnly()).isFalse();
    assertThat(sps.codedHeightPx()).isEqualTo(1088);
    assertThat(sps.widthPx()).isEqualTo(1920);
    assertThat(sps.heightPx()).isEqualTo(1080);
  }

  @Test
  void reads_a_high_4_2_2_sps() {
    H264Sps sps = H264Sps.parse(firstNal(CodecTestData.H264_HIGH422_1080P));
    assertThat(sps.profileName()).isEqualTo("High 4:2:2");
    assertThat(sps.chromaFormatIdc()).isEqualTo(2);
    assertThat(sps.widthPx()).isEqualTo(1920);
    assertThat(sps.heightPx()).isEqualTo(1080);
  }

  /** A High-profile SPS with scaling lists (one of 16, one of 64 cut short) and a 4:4:4 crop. */
  static TestBits highSpsWithScalingLists(int chromaFormatIdc, long maxNumRefFrames) {
    TestBits b = new TestBits();
    b.u(0x67, 8).u(100, 8).u(0, 8).u(40, 8).ue(0);
    b.ue(chromaFormatIdc);
    if (chromaFormatIdc == 3) {
      b.u(0, 1);
    }
    b.ue(0).ue(0).u(0, 1).u(1, 1); // bit depths, qpprime, seq_scaling_matrix_present_flag
    int lists = chromaFormatIdc == 3 ? 12 : 8;
    for (int i = 0; i < lists; i++) {
      if (i == 0) {
        b.u(1, 1);
        b.se(8);
        for (int j = 1; j < 16; j++) {
          b.se(j % 2 == 0 ? 3 : -3);
        }
      } else if (i == 6) {
        b.u(1, 1).se(-8); // nextScale 0 at once: use the default list
      } else {
        b.u(0, 1);
      }
    }
    b.ue(0).ue(0).ue(2); // log2_max_frame_num, poc type 0, log2_max_poc_lsb
    b.ue(maxNumRefFrames).u(0, 1);
    b.ue(79).ue(44).u(1, 1).u(1, 1); // 80x45 MBs, frame_mbs_only, direct_8x8
    b.u(1, 1).ue(3).ue(5).ue(0).ue(4); // crop left 3, right 5, bottom 4 (units of 1 for 4:4:4)
    b.u(0, 1); // no VUI
    return b;
  }

  @Test
  void skips_scaling_lists_and_applies_4_4_4_crop_units() {
    H264Sps sps = H264Sps.parse(highSpsWithScalingLists(3, 4).rbsp());
    assertThat(sps.chromaFormatIdc()).isEqualTo(3);
    assertThat(sps.widthPx()).isEqualTo(1280 - 8);
    assertThat(sps.heightPx()).isEqualTo(720 - 4);
  }

  @Test
  void removes_emulation_prevention_bytes_before_parsing() {
    byte[] rbsp = highSpsWithScalingLists(1, (1 << 24) - 1).rbsp();
    byte[] escaped = TestBits.escape(rbsp);
    assertThat(escaped).as("the SPS really needs escaping").hasSizeGreaterThan(rbsp.length);
    H264Sps sps = H264Sps.parse(escaped);
    assertThat(sps.widthPx()).isEqualTo(1280 - 16);
    assertThat(sps.heightPx()).isEqualTo(720 - 8);
  }

  @Test
  void names_level_1b_and_unknown_profiles() {
    TestBits b = new TestBits().u(0x67, 8).u(66, 8).u(0x10, 8).u(11, 8).ue(0);
    b.ue(0).ue(0).ue(0).ue(1).u(0, 1).ue(10).ue(8).u(1, 1).u(1, 1).u(0, 1).u(0, 1);
    H264Sps sps = H264Sps.parse(b.rbsp());
    assertThat(sps.levelName()).isEqualTo("1b");
    assertThat(sps.profileName()).isEqualTo("Baseline");
    assertThat(sps.widthPx()).isEqualTo(176);
    assertThat(sps.heightPx()).isEqualTo(144);
  }

  @Test
  void refuses_a_nal_unit_that_is_not_an_sps() {
    assertThatThrownBy(() -> H264Sps.parse(new byte[] {0x68, 0x00}))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage("SPS nal_unit_type: NAL unit type 8 (expected 7 (sequence parameter set))");
  }

  @Test
  void refuses_a_truncated_sps() {
    byte[] sps = firstNal(CodecTestData.H264_HIGH_1080P);
    byte[] cut = java.util.Arrays.copyOf(sps, 5);
    assertThatThrownBy(() -> H264Sps.parse(cut))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessageStartingWith("SPS ")
        .hasMessageContaining("SPS of 5 bytes ends at bit 40");
  }

  @Test
  void refuses_an_exp_golomb_code_longer_than_32_bits() {
    byte[] sps = {0x67, 100, 0, 40, 0, 0, 0, 0, 0, 1};
    assertThatThrownBy(() -> H264Sps.parse(sps))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "SPS seq_parameter_set_id: exp-Golomb code with more than 31 leading zero bits at"
                + " bit 64 (expected a ue(v) value below 2^32)");
  }

  @Test
  void refuses_a_crop_larger_than_the_picture() {
    TestBits b = new TestBits().u(0x67, 8).u(66, 8).u(0, 8).u(30, 8).ue(0);
    b.ue(0).ue(0).ue(0).ue(1).u(0, 1).ue(0).ue(0).u(1, 1).u(1, 1);
    b.u(1, 1).ue(4).ue(4).ue(0).ue(0).u(0, 1);
    assertThatThrownBy(() -> H264Sps.parse(b.rbsp()))
        .isExactlyInstanceOf(CodecConfigException.class)
        .hasMessage(
            "SPS frame_crop offsets: cropping 8+8 x 0+0 px leaves nothing of the 16x16 picture"
                + " (expected crop offsets smaller than the picture)");
  }
}
