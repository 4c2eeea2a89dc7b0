package org.smoothplayer.decoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoothplayer.decoder.codec.VideoCodecConfig.VideoCodec;

class NalUnitsTest {

  private static final byte[] SPS = {0x67, 0x64, 0x00, 0x1F};
  private static final byte[] PPS = {0x68, (byte) 0xEE, 0x3C};
  private static final byte[] IDR = {0x65, (byte) 0x88, (byte) 0x84, 0x00, 0x21};

  private static ByteBuffer lengthPrefixed(int lengthSize, byte[]... units) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] unit : units) {
      for (int i = lengthSize - 1; i >= 0; i--) {
        out.write(unit.length >>> (8 * i));
      }
      out.writeBytes(unit);
    }
    return ByteBuffer.wrap(out.toByteArray());
  }

  @ParameterizedTest(name = "with {0}-byte lengths")
  @ValueSource(ints = {1, 2, 4})
  void walks_length_prefixed_units_and_rewrites_them_as_annex_b(int lengthSize) {
    ByteBuffer sample = lengthPrefixed(lengthSize, SPS, PPS, IDR);

    NalUnits.Summary summary = NalUnits.walkLengthPrefixed(sample, lengthSize, VideoCodec.H264);
    ByteBuffer out = ByteBuffer.allocate(summary.annexBSizeBytes());
    NalUnits.writeAnnexB(sample, lengthSize, out);

    assertThat(summary.nalUnitCount()).isEqualTo(3);
    assertThat(summary.hasParameterSets(VideoCodec.H264)).isTrue();
    assertThat(out.remaining()).isZero();
    assertThat(out.array())
        .containsExactly(
            0,
            0,
            0,
            1,
            0x67,
            0x64,
            0x00,
            0x1F,
            0,
            0,
            0,
            1,
            0x68,
            (byte) 0xEE,
            0x3C,
            0,
            0,
            0,
            1,
            0x65,
            (byte) 0x88,
            (byte) 0x84,
            0x00,
            0x21);
    assertThat(sample.position()).isZero();
  }

  @Test
  void a_slice_alone_carries_no_parameter_sets() {
    NalUnits.Summary summary =
        NalUnits.walkLengthPrefixed(lengthPrefixed(4, IDR), 4, VideoCodec.H264);
    assertThat(summary.hasParameterSets(VideoCodec.H264)).isFalse();
  }

  @Test
  void a_unit_running_past_the_end_is_rejected_naming_the_problem() {
    ByteBuffer sample = lengthPrefixed(4, SPS, IDR);
    sample.limit(sample.limit() - 2);
    assertThatThrownBy(() -> NalUnits.walkLengthPrefixed(sample, 4, VideoCodec.H264))
        .isInstanceOf(MalformedNalUnitsException.class)
        .hasMessageContaining("runs past the sample end")
        .hasMessageContaining("at byte 12");
  }

  @Test
  void a_wrong_length_size_is_rejected() {
    ByteBuffer sample = lengthPrefixed(4, SPS, PPS, IDR);
    assertThatThrownBy(() -> NalUnits.walkLengthPrefixed(sample, 2, VideoCodec.H264))
        .isInstanceOf(MalformedNalUnitsException.class)
        .hasMessageContaining("zero-length NAL unit");
  }

  @Test
  void a_truncated_length_prefix_is_rejected() {
    ByteBuffer sample = ByteBuffer.wrap(new byte[] {0, 0, 0, 3, 0x65, 1, 2, 0, 0});
    assertThatThrownBy(() -> NalUnits.walkLengthPrefixed(sample, 4, VideoCodec.H264))
        .isInstanceOf(MalformedNalUnitsException.class)
        .hasMessageContaining("truncated NAL length prefix");
  }

  @Test
  void the_forbidden_bit_is_rejected() {
    ByteBuffer sample = lengthPrefixed(4, new byte[] {(byte) 0xE5, 1, 2});
    assertThatThrownBy(() -> NalUnits.walkLengthPrefixed(sample, 4, VideoCodec.H264))
        .isInstanceOf(MalformedNalUnitsException.class)
        .hasMessageContaining("forbidden bit");
  }

  @Test
  void an_empty_sample_is_rejected() {
    assertThatThrownBy(
            () -> NalUnits.walkLengthPrefixed(ByteBuffer.allocate(0), 4, VideoCodec.H264))
        .isInstanceOf(MalformedNalUnitsException.class)
        .hasMessageContaining("no NAL unit");
  }

  @Test
  void an_invalid_length_size_is_an_argument_error() {
    assertThatThrownBy(
            () -> NalUnits.walkLengthPrefixed(lengthPrefixed(4, IDR), 3, VideoCodec.H264))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1, 2 or 4");
  }

  @Test
  void walks_annex_b_parameter_sets_with_three_and_four_byte_start_codes() {
    byte[] block = {0, 0, 0, 1, 0x67, 0x64, 0x00, 0x1F, 0, 0, 1, 0x68, (byte) 0xEE, 0x3C};
    NalUnits.Summary summary = NalUnits.walkAnnexB(block, VideoCodec.H264);
    assertThat(summary.nalUnitCount()).isEqualTo(2);
    assertThat(summary.hasParameterSets(VideoCodec.H264)).isTrue();
  }

  @Test
  void hevc_needs_a_vps_as_well() {
    byte[] spsPps = {0, 0, 0, 1, 0x42, 0x01, 0x01, 0, 0, 0, 1, 0x44, 0x01, (byte) 0xC1};
    byte[] withVps = {
      0, 0, 0, 1, 0x40, 0x01, 0x0C, 0, 0, 0, 1, 0x42, 0x01, 0x01, 0, 0, 0, 1, 0x44, 0x01
    };
    assertThat(NalUnits.walkAnnexB(spsPps, VideoCodec.HEVC).hasParameterSets(VideoCodec.HEVC))
        .isFalse();
    assertThat(NalUnits.walkAnnexB(withVps, VideoCodec.HEVC).hasParameterSets(VideoCodec.HEVC))
        .isTrue();
  }

  @Test
  void a_block_without_start_code_is_rejected() {
    assertThatThrownBy(() -> NalUnits.walkAnnexB(new byte[] {0x67, 1, 2}, VideoCodec.H264))
        .isInstanceOf(MalformedNalUnitsException.class)
        .hasMessageContaining("start code");
  }
}
