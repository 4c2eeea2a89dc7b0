package org.smoothplayer.decoder.fragment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.BOX_EXCEEDS_PARENT;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.BOX_SIZE_INVALID;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.BOX_SIZE_ZERO;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.BOX_TOO_SHORT;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.DUPLICATE_BOX;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.MISSING_BOX;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.MISSING_SAMPLE_DEFAULT;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.SAMPLE_DATA_OUTSIDE_MDAT;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.TOO_MANY_SAMPLES;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.TRACK_MISMATCH;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.TRUNCATED;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.TRUN_SAMPLE_COUNT_EXCEEDS_BOX;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.UNSUPPORTED_VERSION;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.VALUE_OUT_OF_RANGE;
import static org.smoothplayer.decoder.fragment.TestBoxes.box;
import static org.smoothplayer.decoder.fragment.TestBoxes.concat;
import static org.smoothplayer.decoder.fragment.TestBoxes.fullBox;
import static org.smoothplayer.decoder.fragment.TestBoxes.patchU32;
import static org.smoothplayer.decoder.fragment.TestBoxes.u32;
import static org.smoothplayer.decoder.fragment.TestBoxes.u64;
import static org.smoothplayer.decoder.fragment.TestBoxes.uuidBox;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad fragment gets its own typed error with a message naming box, offset and
 * expectation. The reference fragment (three samples, default-base-is-moof): moof [0, 116) with
 * mfhd at 8, traf at 24, tfhd at 32, trun at 48; mdat [116, 184) with payload from 124.
 */
class FragmentParserBadInputTest {

  static final FragmentContext CTX = FragmentParserTest.VIDEO_MS;

  static byte[] reference() {
    byte[] b = FragmentParserTest.threeSamples().build();
    assertThat(b).hasSize(184);
    return b;
  }

  static AbstractThrowableAssert<?, ?> assertRejected(
      byte[] data, FragmentParseException.Kind kind, String message) {
    return assertThatThrownBy(() -> FragmentParser.parse(ByteBuffer.wrap(data), CTX))
        .isExactlyInstanceOf(FragmentParseException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((FragmentParseException) e).kind()).isEqualTo(kind));
  }

  @Test
  void a_fragment_cut_in_the_middle_of_the_mdat_is_truncated() {
    assertRejected(
        Arrays.copyOf(reference(), 150),
        TRUNCATED,
        "mdat at offset 116: declares 68 bytes but the fragment ends after 34"
            + " (expected the whole box inside the fragment)");
  }

  @Test
  void a_fragment_cut_in_the_middle_of_the_moof_is_truncated() {
    assertRejected(
        Arrays.copyOf(reference(), 60),
        TRUNCATED,
        "moof at offset 0: declares 116 bytes but the fragment ends after 60"
            + " (expected the whole box inside the fragment)");
  }

  @Test
  void a_fragment_cut_inside_a_box_header_is_truncated() {
    assertRejected(
        Arrays.copyOf(reference(), 4),
        TRUNCATED,
        "box header at offset 0: declares 8 bytes but the fragment ends after 4"
            + " (expected the whole box inside the fragment)");
  }

  @Test
  void a_real_fragment_cut_in_half_is_truncated() throws Exception {
    byte[] real = Files.readAllBytes(SharedData.conformanceDir().resolve("dashjs/mss_moof.mp4"));
    assertRejected(
        Arrays.copyOf(real, real.length / 2),
        TRUNCATED,
        "mdat at offset 989: declares 63759 bytes but the fragment ends after 31385"
            + " (expected the whole box inside the fragment)");
  }

  @Test
  void box_size_0_is_refused() {
    assertRejected(
        patchU32(reference(), 116, 0),
        BOX_SIZE_ZERO,
        "mdat at offset 116: box size 0 (box extends to the end of the file)"
            + " (expected an explicit box size)");
  }

  @Test
  void box_size_below_the_header_size_is_refused() {
    assertRejected(
        patchU32(reference(), 116, 5),
        BOX_SIZE_INVALID,
        "mdat at offset 116: box size 5 is smaller than its 8-byte header"
            + " (expected a box size of at least 8)");
  }

  private static byte[] withLargesize(long largesize) {
    byte[] ref = reference();
    byte[] payload = Arrays.copyOfRange(ref, 124, 184);
    return concat(Arrays.copyOf(ref, 116), u32(1), "mdat".getBytes(), u64(largesize), payload);
  }

  @Test
  void box_size_1_with_a_largesize_beyond_the_data_is_truncated() {
    assertRejected(
        withLargesize(1L << 40),
        TRUNCATED,
        "mdat at offset 116: declares 1099511627776 bytes but the fragment ends after 76"
            + " (expected the whole box inside the fragment)");
  }

  @Test
  void box_size_1_with_a_largesize_below_its_header_is_refused() {
    assertRejected(
        withLargesize(8),
        BOX_SIZE_INVALID,
        "mdat at offset 116: 64-bit largesize 8 is smaller than its 16-byte header"
            + " (expected a largesize of at least 16)");
  }

  @Test
  void box_size_1_with_a_largesize_above_2_pow_63_is_refused() {
    assertRejected(
        withLargesize(-1),
        BOX_SIZE_INVALID,
        "mdat at offset 116: 64-bit largesize 18446744073709551615 is above 2^63"
            + " (expected a largesize that fits the fragment)");
  }

  @Test
  void a_child_box_larger_than_its_parent_is_refused() {
    assertRejected(
        patchU32(reference(), 24, 200),
        BOX_EXCEEDS_PARENT,
        "traf at offset 24: declares 200 bytes but only 92 remain in its parent moof at offset 0"
            + " (expected child boxes that end inside their parent)");
  }

  @Test
  void a_trun_sample_count_larger_than_the_box_is_refused() {
    assertRejected(
        patchU32(reference(), 48 + 12, 1000),
        TRUN_SAMPLE_COUNT_EXCEEDS_BOX,
        "trun at offset 48: sample_count 1000 needs 16000 bytes of 16-byte entries but only 48"
            + " remain in the box (expected a sample_count that fits the box)");
  }

  @Test
  void a_huge_sample_count_of_defaulted_samples_is_refused_before_any_allocation() {
    FragmentBuilder b = FragmentParserTest.threeSamples();
    b.trunFlags = 0x1;
    b.tfhdDefaults = 0x18;
    byte[] data = b.build(); // tfhd at 32 is 24 bytes, so trun is at 56
    assertRejected(
        patchU32(data, 56 + 12, 0xFFFF_FFFFL),
        TOO_MANY_SAMPLES,
        "trun at offset 56: sample_count 4294967295 is above the limit of 100000"
            + " (expected at most 100000 samples per fragment)");
  }

  @Test
  void a_trun_sample_count_larger_than_the_mdat_data_is_refused() {
    FragmentBuilder b = FragmentParserTest.threeSamples();
    b.trunFlags = 0x1;
    b.tfhdDefaults = 0x18;
    byte[] data = b.build();
    assertRejected(
        patchU32(data, 56 + 12, 1000),
        SAMPLE_DATA_OUTSIDE_MDAT,
        "trun at offset 56: sample 3 occupies bytes [114, 124) outside every mdat payload"
            + " [84, 114) (expected data_offset and sample sizes that point inside an mdat)");
  }

  @Test
  void a_data_offset_past_the_mdat_is_refused() {
    FragmentBuilder b = FragmentParserTest.threeSamples();
    b.dataOffsetShift = 1000;
    assertRejected(
        b.build(),
        SAMPLE_DATA_OUTSIDE_MDAT,
        "trun at offset 48: sample 0 occupies bytes [1124, 1134) outside every mdat payload"
            + " [124, 184) (expected data_offset and sample sizes that point inside an mdat)");
  }

  @Test
  void a_negative_data_offset_is_refused() {
    FragmentBuilder b = FragmentParserTest.threeSamples();
    b.dataOffsetShift = -500;
    assertRejected(
        b.build(),
        SAMPLE_DATA_OUTSIDE_MDAT,
        "trun at offset 48: sample 0 occupies bytes [-376, -366) outside every mdat payload"
            + " [124, 184) (expected data_offset and sample sizes that point inside an mdat)");
  }

  @Test
  void samples_running_past_the_end_of_the_mdat_are_refused() {
    FragmentBuilder b = FragmentParserTest.threeSamples();
    b.dataOffsetShift = 10;
    assertRejected(
        b.build(),
        SAMPLE_DATA_OUTSIDE_MDAT,
        "trun at offset 48: sample 2 occupies bytes [164, 194) outside every mdat payload"
            + " [124, 184) (expected data_offset and sample sizes that point inside an mdat)");
  }

  @Test
  void a_fragment_without_moof_is_refused() {
    assertRejected(
        box("mdat", new byte[10]),
        MISSING_BOX,
        "fragment at offset 0: no moof box among the top-level boxes [mdat] (expected a moof box)");
  }

  @Test
  void a_fragment_without_mdat_is_refused() {
    assertRejected(
        Arrays.copyOf(reference(), 116),
        MISSING_BOX,
        "fragment at offset 0: no mdat box among the top-level boxes [moof]"
            + " (expected an mdat box holding the sample data)");
  }

  private static final byte[] TFHD = fullBox("tfhd", 0, 0x18, u32(1), u32(100), u32(1));
  private static final byte[] TRUN = fullBox("trun", 0, 0, u32(0));
  private static final byte[] MFHD = fullBox("mfhd", 0, 0, u32(1));
  private static final byte[] MDAT = box("mdat", new byte[4]);

  @Test
  void a_moof_without_mfhd_is_refused() {
    assertRejected(
        concat(box("moof", box("traf", TFHD, TRUN)), MDAT),
        MISSING_BOX,
        "moof at offset 0: no mfhd box (expected a mfhd box)");
  }

  @Test
  void a_moof_without_traf_is_refused() {
    assertRejected(
        concat(box("moof", MFHD), MDAT),
        MISSING_BOX,
        "moof at offset 0: no traf box (expected a traf box)");
  }

  @Test
  void a_traf_without_tfhd_is_refused() {
    assertRejected(
        concat(box("moof", MFHD, box("traf", TRUN)), MDAT),
        MISSING_BOX,
        "traf at offset 24: no tfhd box (expected a tfhd box)");
  }

  @Test
  void a_traf_without_trun_is_refused() {
    assertRejected(
        concat(box("moof", MFHD, box("traf", TFHD)), MDAT),
        MISSING_BOX,
        "traf at offset 24: no trun box (expected a trun box)");
  }

  @Test
  void a_second_tfhd_is_refused() {
    assertRejected(
        concat(box("moof", MFHD, box("traf", TFHD, TFHD, TRUN)), MDAT),
        DUPLICATE_BOX,
        "tfhd at offset 56: second tfhd in traf (expected one tfhd per traf)");
  }

  @Test
  void a_second_moof_is_refused() {
    byte[] ref = reference();
    assertRejected(
        concat(ref, Arrays.copyOf(ref, 116)),
        DUPLICATE_BOX,
        "moof at offset 184: second moof in fragment (expected one moof per fragment)");
  }

  @Test
  void trafs_of_different_tracks_are_refused() {
    byte[] other = fullBox("tfhd", 0, 0x18, u32(2), u32(100), u32(1));
    assertRejected(
        concat(box("moof", MFHD, box("traf", TFHD, TRUN), box("traf", other, TRUN)), MDAT),
        TRACK_MISMATCH,
        "traf at offset 72: track_ID 2 after a traf of track_ID 1"
            + " (expected every traf of a Smooth Streaming fragment to carry the same track)");
  }

  @Test
  void an_unknown_trun_version_is_refused() {
    byte[] data = reference();
    data[48 + 8] = 2;
    assertRejected(
        data, UNSUPPORTED_VERSION, "trun at offset 48: version 2 (expected version 0 to 1)");
  }

  @Test
  void a_tfhd_shorter_than_its_flags_announce_is_refused() {
    byte[] data = reference();
    data[32 + 11] = 0x08; // claims a default duration that is not there
    assertRejected(
        data,
        BOX_TOO_SHORT,
        "tfhd at offset 32: box of 16 bytes ends before field default_sample_duration"
            + " (4 bytes needed, 0 left) (expected every field its version and flags announce)");
  }

  @Test
  void a_sample_without_any_duration_is_refused() {
    FragmentBuilder b = FragmentParserTest.threeSamples();
    b.trunFlags = 0x1 | 0x200;
    assertRejected(
        b.build(),
        MISSING_SAMPLE_DEFAULT,
        "trun at offset 48: sample 0 has no duration in trun and tfhd has no"
            + " default_sample_duration"
            + " (expected a per-sample duration or a tfhd default_sample_duration)");
  }

  @Test
  void a_tfdt_time_above_2_pow_63_is_refused() {
    FragmentBuilder b = FragmentParserTest.threeSamples();
    b.extraTrafBoxes.add(fullBox("tfdt", 1, 0, u64(Long.MIN_VALUE)));
    assertRejected(
        b.build(),
        VALUE_OUT_OF_RANGE,
        "tfdt at offset 116: baseMediaDecodeTime 9223372036854775808 is above 2^63"
            + " (expected a value below 2^63)");
  }

  @Test
  void sample_times_overflowing_64_bits_are_refused() {
    FragmentBuilder b = FragmentParserTest.threeSamples();
    b.extraTrafBoxes.add(
        uuidBox(FragmentParser.TFXD_UUID, 1, 0, u64(Long.MAX_VALUE - 50), u64(600)));
    assertRejected(
        b.build(),
        VALUE_OUT_OF_RANGE,
        "trun at offset 48: sample 0 time overflows 64-bit arithmetic (decode time ticks"
            + " 9223372036854775757, duration 100, timescale 1000)"
            + " (expected sample times below 2^63 ticks and 2^63 microseconds)");
  }

  private static void assertProtected(byte[] data, String evidence) {
    assertThatThrownBy(() -> FragmentParser.parse(ByteBuffer.wrap(data), CTX))
        .isExactlyInstanceOf(ProtectedContentException.class)
        .hasMessage("PlayReady-protected content is not supported")
        .satisfies(e -> assertThat(((ProtectedContentException) e).evidence()).isEqualTo(evidence));
    Fragment structure = FragmentParser.parseStructure(ByteBuffer.wrap(data), CTX);
    assertThat(structure.encrypted()).isTrue();
    assertThat(structure.samples()).hasSize(3);
  }

  @Test
  void piff_sample_encryption_is_refused_as_protected_content() {
    FragmentBuilder b = FragmentParserTest.threeSamples();
    b.extraTrafBoxes.add(uuidBox(FragmentParser.PIFF_SAMPLE_ENCRYPTION_UUID, 0, 0, u32(0)));
    assertProtected(b.build(), "PIFF SampleEncryption uuid box in traf at offset 116");
  }

  @Test
  void a_senc_box_is_refused_as_protected_content() {
    FragmentBuilder b = FragmentParserTest.threeSamples();
    b.extraTrafBoxes.add(fullBox("senc", 0, 0, u32(0)));
    assertProtected(b.build(), "senc box in traf at offset 116");
  }

  @Test
  void cenc_auxiliary_information_is_refused_as_protected_content() {
    FragmentBuilder b = FragmentParserTest.threeSamples();
    b.extraTrafBoxes.add(fullBox("saiz", 0, 1, "cenc".getBytes(), u32(0), new byte[] {0}, u32(0)));
    assertProtected(b.build(), "saiz box of scheme cenc at offset 116");
  }

  @Test
  void an_init_segment_with_tenc_in_front_of_the_fragment_is_refused_as_protected_content() {
    byte[] stsd = fullBox("stsd", 0, 0, u32(1), box("encv", new byte[78]));
    byte[] moov = box("moov", box("trak", box("mdia", box("minf", box("stbl", stsd)))));
    FragmentBuilder b = FragmentParserTest.threeSamples();
    b.base = FragmentBuilder.Base.EXPLICIT;
    byte[] fragment = b.build();
    // The explicit base data offset counts from the start of the buffer: shift it by the moov.
    ByteBuffer base = ByteBuffer.wrap(fragment);
    base.putLong(32 + 16, base.getLong(32 + 16) + moov.length);
    assertProtected(concat(moov, fragment), "encv box in the init segment at offset 56");
  }

  @Test
  void a_real_playready_fragment_is_refused_as_protected_content() throws Exception {
    byte[] real =
        Files.readAllBytes(
            SharedData.conformanceDir().resolve("shaka/mss-playready/Fragments(video=0)"));
    assertThatThrownBy(() -> FragmentParser.parse(ByteBuffer.wrap(real), CTX))
        .isExactlyInstanceOf(ProtectedContentException.class)
        .hasMessage("PlayReady-protected content is not supported");
  }
}
