package org.smoothplayer.decoder.fragment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smoothplayer.decoder.fragment.TestBoxes.box;
import static org.smoothplayer.decoder.fragment.TestBoxes.concat;
import static org.smoothplayer.decoder.fragment.TestBoxes.fullBox;
import static org.smoothplayer.decoder.fragment.TestBoxes.u32;
import static org.smoothplayer.decoder.fragment.TestBoxes.u64;
import static org.smoothplayer.decoder.fragment.TestBoxes.u8;
import static org.smoothplayer.decoder.fragment.TestBoxes.uuidBox;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.smoothplayer.decoder.fragment.FragmentBuilder.Base;

/** Synthetic fragments: every tfhd/trun flag combination, timing rules and key-frame rules. */
class FragmentParserTest {

  static final FragmentContext VIDEO_MS = new FragmentContext(TrackType.VIDEO, 1000, 5000);
  static final long SYNC = 0x0200_0000L;
  static final long NON_SYNC = 0x0101_0000L;

  /** Three samples: durations 100/200/300 ticks, sizes 10/20/30, one key frame, offsets. */
  static FragmentBuilder threeSamples() {
    FragmentBuilder b = new FragmentBuilder();
    b.sample(100, 10, SYNC, 0).sample(200, 20, NON_SYNC, 50).sample(300, 30, NON_SYNC, -30);
    return b;
  }

  @Test
  void reads_samples_with_times_sizes_key_frames_and_bytes() {
    Fragment f = FragmentParser.parse(threeSamples().buildBuffer(), VIDEO_MS);

    assertThat(f.sequenceNumber()).isEqualTo(7);
    assertThat(f.startTicks()).isEqualTo(5000);
    assertThat(f.durationTicks()).isEqualTo(600);
    assertThat(f.tfxd()).isEmpty();
    assertThat(f.lookahead()).isEmpty();
    assertThat(f.encrypted()).isFalse();
    assertThat(f.samples())
        .extracting(
            EncodedSample::decodeTimeUs,
            EncodedSample::presentationTimeUs,
            EncodedSample::durationUs,
            EncodedSample::sizeBytes,
            EncodedSample::keyFrame)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(5_000_000L, 5_000_000L, 100_000L, 10, true),
            org.assertj.core.groups.Tuple.tuple(5_100_000L, 5_150_000L, 200_000L, 20, false),
            org.assertj.core.groups.Tuple.tuple(5_300_000L, 5_270_000L, 300_000L, 30, false));
    for (int i = 0; i < 3; i++) {
      byte[] bytes = new byte[f.samples().get(i).sizeBytes()];
      f.samples().get(i).data().duplicate().get(bytes);
      byte[] expected = new byte[bytes.length];
      Arrays.fill(expected, (byte) (i + 1));
      assertThat(bytes).as("bytes of sample %d", i).isEqualTo(expected);
    }
  }

  /**
   * Every combination of tfhd defaults (duration, size, flags), optional trun fields (data offset,
   * first-sample flags, duration, size, flags, composition offset), base data offset mode and trun
   * version, checked against a model of ISO/IEC 14496-12 8.8.7/8.8.8.
   */
  @Test
  void every_tfhd_and_trun_flag_combination_follows_the_defaulting_rules() {
    SoftAssertions softly = new SoftAssertions();
    int cases = 0;
    for (Base base : Base.values()) {
      for (int version = 0; version <= 1; version++) {
        for (int defaults = 0; defaults < 8; defaults++) {
          for (int optional = 0; optional < 64; optional++) {
            cases++;
            checkCombination(softly, base, version, defaults << 3, optional);
          }
        }
      }
    }
    assertThat(cases).isEqualTo(3 * 2 * 8 * 64);
    softly.assertAll();
  }

  private static void checkCombination(
      SoftAssertions softly, Base base, int version, int tfhdDefaults, int optional) {
    int trunFlags = 0;
    int[] bits = {0x1, 0x4, 0x100, 0x200, 0x400, 0x800};
    for (int i = 0; i < bits.length; i++) {
      if ((optional & (1 << i)) != 0) {
        trunFlags |= bits[i];
      }
    }
    FragmentBuilder b = threeSamples();
    b.base = base;
    b.trunVersion = version;
    b.tfhdDefaults = tfhdDefaults;
    b.trunFlags = trunFlags;
    String label =
        String.format(
            "base=%s v%d tfhd=0x%02x trun=0x%03x", base, version, tfhdDefaults, trunFlags);
    boolean hasDuration = (trunFlags & 0x100) != 0 || (tfhdDefaults & 0x08) != 0;
    boolean hasSize = (trunFlags & 0x200) != 0 || (tfhdDefaults & 0x10) != 0;
    boolean dataFound = (trunFlags & 0x1) != 0 || base == Base.EXPLICIT;
    ByteBuffer bytes = b.buildBuffer();
    if (!hasDuration || !hasSize) {
      softly
          .assertThatThrownBy(() -> FragmentParser.parse(bytes, VIDEO_MS))
          .as(label)
          .isInstanceOfSatisfying(
              FragmentParseException.class,
              e ->
                  assertThat(e.kind())
                      .isEqualTo(FragmentParseException.Kind.MISSING_SAMPLE_DEFAULT));
      return;
    }
    if (!dataFound) {
      softly
          .assertThatThrownBy(() -> FragmentParser.parse(bytes, VIDEO_MS))
          .as(label)
          .isInstanceOfSatisfying(
              FragmentParseException.class,
              e ->
                  assertThat(e.kind())
                      .isEqualTo(FragmentParseException.Kind.SAMPLE_DATA_OUTSIDE_MDAT));
      return;
    }
    Fragment f = FragmentParser.parse(bytes, VIDEO_MS);
    long ticks = 5000;
    for (int i = 0; i < 3; i++) {
      FragmentBuilder.Sample spec = b.samples.get(i);
      EncodedSample s = f.samples().get(i);
      long duration = (trunFlags & 0x100) != 0 ? spec.duration() : b.defaultDuration;
      int cto = (trunFlags & 0x800) != 0 ? spec.compositionOffset() : 0;
      boolean key;
      if ((trunFlags & 0x400) != 0) {
        key = spec.flags() == SYNC;
      } else if (i == 0 && (trunFlags & 0x4) != 0) {
        key = b.firstSampleFlags == SYNC;
      } else if ((tfhdDefaults & 0x20) != 0) {
        key = b.defaultFlags == SYNC;
      } else {
        key = i == 0;
      }
      softly.assertThat(s.decodeTimeUs()).as(label + " decode " + i).isEqualTo(ticks * 1000);
      softly
          .assertThat(s.presentationTimeUs())
          .as(label + " presentation " + i)
          .isEqualTo((ticks + cto) * 1000);
      softly.assertThat(s.durationUs()).as(label + " duration " + i).isEqualTo(duration * 1000);
      softly.assertThat(s.sizeBytes()).as(label + " size " + i).isEqualTo(b.effectiveSize(i));
      softly.assertThat(s.keyFrame()).as(label + " key " + i).isEqualTo(key);
      softly.assertThat(s.data().get(0)).as(label + " first byte " + i).isEqualTo((byte) (i + 1));
      ticks += duration;
    }
  }

  @Test
  void tfxd_time_wins_over_tfdt_which_wins_over_the_manifest_time() {
    FragmentBuilder onlyTfdt = threeSamples();
    onlyTfdt.extraTrafBoxes.add(fullBox("tfdt", 1, 0, u64(70_000)));
    assertThat(FragmentParser.parse(onlyTfdt.buildBuffer(), VIDEO_MS).startTicks())
        .isEqualTo(70_000);

    FragmentBuilder tfdtV0 = threeSamples();
    tfdtV0.extraTrafBoxes.add(fullBox("tfdt", 0, 0, u32(0xFFFF_FFF0L)));
    assertThat(FragmentParser.parse(tfdtV0.buildBuffer(), VIDEO_MS).startTicks())
        .isEqualTo(0xFFFF_FFF0L);

    FragmentBuilder both = threeSamples();
    both.extraTrafBoxes.add(fullBox("tfdt", 1, 0, u64(70_000)));
    both.extraTrafBoxes.add(uuidBox(FragmentParser.TFXD_UUID, 1, 0, u64(90_000), u64(600)));
    Fragment f = FragmentParser.parse(both.buildBuffer(), VIDEO_MS);
    assertThat(f.startTicks()).isEqualTo(90_000);
    assertThat(f.samples().get(0).decodeTimeUs()).isEqualTo(90_000_000L);
    assertThat(f.tfxd()).contains(new TfxdInfo(90_000, 600));
  }

  @Test
  void reads_tfxd_and_tfrf_in_versions_0_and_1() {
    FragmentBuilder v0 = threeSamples();
    v0.extraTrafBoxes.add(uuidBox(FragmentParser.TFXD_UUID, 0, 0, u32(1000), u32(600)));
    v0.extraTrafBoxes.add(
        uuidBox(FragmentParser.TFRF_UUID, 0, 0, u8(2), u32(1600), u32(600), u32(2200), u32(601)));
    Fragment f0 = FragmentParser.parse(v0.buildBuffer(), VIDEO_MS);
    assertThat(f0.tfxd()).contains(new TfxdInfo(1000, 600));
    assertThat(f0.lookahead()).containsExactly(new TfrfEntry(1600, 600), new TfrfEntry(2200, 601));

    FragmentBuilder v1 = threeSamples();
    v1.extraTrafBoxes.add(
        uuidBox(FragmentParser.TFRF_UUID, 1, 0, u8(1), u64(1L << 40), u64(20_000_000)));
    assertThat(FragmentParser.parse(v1.buildBuffer(), VIDEO_MS).lookahead())
        .containsExactly(new TfrfEntry(1L << 40, 20_000_000));
  }

  @Test
  void sdtp_decides_key_frames_when_trun_has_no_per_sample_flags() {
    FragmentBuilder b = threeSamples();
    b.trunFlags = 0x1 | 0x100 | 0x200;
    b.tfhdDefaults = 0x20; // the default flags claim "sync" for all: sdtp is more specific
    b.defaultFlags = 0;
    // sample_depends_on: 2 (independent), 1 (dependent), 2 (independent)
    b.extraTrafBoxes.add(fullBox("sdtp", 0, 0, new byte[] {0x20, 0x10, 0x20}));
    assertThat(FragmentParser.parse(b.buildBuffer(), VIDEO_MS).samples())
        .extracting(EncodedSample::keyFrame)
        .containsExactly(true, false, true);
  }

  @Test
  void sdtp_entries_of_unknown_dependency_fall_back_to_the_flags() {
    FragmentBuilder b = threeSamples();
    b.trunFlags = 0x1 | 0x4 | 0x100 | 0x200;
    b.extraTrafBoxes.add(fullBox("sdtp", 0, 0, new byte[] {0x00, 0x00, 0x00}));
    assertThat(FragmentParser.parse(b.buildBuffer(), VIDEO_MS).samples())
        .extracting(EncodedSample::keyFrame)
        .containsExactly(true, false, false);
  }

  @Test
  void every_audio_and_text_sample_is_a_key_frame() {
    FragmentBuilder b = threeSamples();
    for (TrackType type : List.of(TrackType.AUDIO, TrackType.TEXT)) {
      assertThat(
              FragmentParser.parse(b.buildBuffer(), new FragmentContext(type, 1000, 0)).samples())
          .extracting(EncodedSample::keyFrame)
          .containsExactly(true, true, true);
    }
  }

  @Test
  void a_second_trun_without_data_offset_continues_after_the_first() {
    // First run: two samples (4 and 6 bytes) at data_offset; second run: one 5-byte sample with
    // no data_offset, so its data follow the first run's.
    byte[] tfhd = fullBox("tfhd", 0, 0x020008, u32(1), u32(40));
    byte[] run1 = fullBox("trun", 0, 0x201, u32(2), u32(0), u32(4), u32(6));
    byte[] run2 = fullBox("trun", 0, 0x200, u32(1), u32(5));
    byte[] moof = box("moof", fullBox("mfhd", 0, 0, u32(1)), box("traf", tfhd, run1, run2));
    TestBoxes.patchU32(moof, TestBoxes.indexOf(moof, "trun") + 16, moof.length + 8);
    byte[] mdat = box("mdat", new byte[] {1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3});
    Fragment f = FragmentParser.parse(ByteBuffer.wrap(concat(moof, mdat)), VIDEO_MS);
    assertThat(f.samples()).extracting(EncodedSample::sizeBytes).containsExactly(4, 6, 5);
    assertThat(f.samples())
        .extracting(s -> s.data().get(0))
        .containsExactly((byte) 1, (byte) 2, (byte) 3);
    assertThat(f.samples().get(2).decodeTimeUs()).isEqualTo(5_080_000L);
    assertThat(f.durationTicks()).isEqualTo(120);
  }

  @Test
  void a_second_traf_of_the_same_track_continues_after_the_first_one() {
    // Two trafs without base offsets: the second traf's data start where the first's end.
    byte[] traf1 =
        box(
            "traf",
            fullBox("tfhd", 0, 0x08, u32(3), u32(40)),
            fullBox("trun", 0, 0x201, u32(1), u32(0), u32(4)));
    byte[] traf2 =
        box(
            "traf",
            fullBox("tfhd", 0, 0x08, u32(3), u32(40)),
            fullBox("trun", 0, 0x200, u32(1), u32(6)));
    byte[] moof = box("moof", fullBox("mfhd", 0, 0, u32(1)), traf1, traf2);
    int payload = moof.length + 8;
    TestBoxes.patchU32(moof, TestBoxes.indexOf(moof, "trun") + 16, payload);
    byte[] data = concat(moof, box("mdat", new byte[] {1, 1, 1, 1, 2, 2, 2, 2, 2, 2}));
    Fragment f = FragmentParser.parse(ByteBuffer.wrap(data), VIDEO_MS);
    assertThat(f.samples()).extracting(EncodedSample::sizeBytes).containsExactly(4, 6);
    assertThat(f.samples().get(1).data().get(0)).isEqualTo((byte) 2);
    assertThat(f.samples().get(1).decodeTimeUs()).isEqualTo(5_040_000L);
  }

  @Test
  void accepts_an_mdat_with_a_64_bit_largesize() {
    byte[] normal = threeSamples().build();
    int mdatAt = TestBoxes.indexOf(normal, "mdat");
    byte[] payload = Arrays.copyOfRange(normal, mdatAt + 8, normal.length);
    FragmentBuilder b = threeSamples();
    b.dataOffsetShift = 8; // the largesize header is 8 bytes longer
    byte[] moof = Arrays.copyOfRange(b.build(), 0, mdatAt);
    byte[] large = concat(moof, u32(1), "mdat".getBytes(), u64(16 + payload.length), payload);
    Fragment f = FragmentParser.parse(ByteBuffer.wrap(large), VIDEO_MS);
    assertThat(f.samples()).extracting(EncodedSample::sizeBytes).containsExactly(10, 20, 30);
    assertThat(f.samples().get(2).data().get(0)).isEqualTo((byte) 3);
  }

  @Test
  void sample_data_are_read_only_slices_of_the_input_without_copy() {
    byte[] raw = threeSamples().build();
    byte[] prefixed = concat(new byte[] {42, 42, 42}, raw);
    ByteBuffer input = ByteBuffer.wrap(prefixed);
    input.position(3);
    Fragment f = FragmentParser.parse(input, VIDEO_MS);
    assertThat(input.position()).as("input position untouched").isEqualTo(3);
    EncodedSample first = f.samples().get(0);
    assertThat(first.data().isReadOnly()).isTrue();
    assertThat(first.data().position()).isZero();
    assertThat(first.data().limit()).isEqualTo(10);
    int sampleOffset = prefixed.length - 60;
    prefixed[sampleOffset] = 77;
    assertThat(first.data().get(0)).as("a change to the input shows through").isEqualTo((byte) 77);
  }

  @Test
  void converts_ticks_to_microseconds_exactly_without_drift() {
    assertThat(FragmentParser.ticksToUs(1, 3)).isEqualTo(333_333);
    assertThat(FragmentParser.ticksToUs(-1, 3)).isEqualTo(-333_334);
    assertThat(FragmentParser.ticksToUs(20_053_333, 10_000_000)).isEqualTo(2_005_333);
    assertThat(FragmentParser.ticksToUs(1_236_046_960_307_666L, 10_000_000))
        .isEqualTo(123_604_696_030_766L);
    assertThat(FragmentParser.ticksToUs(Long.MAX_VALUE, 10_000_000))
        .isEqualTo(922_337_203_685_477_580L);
    assertThat(FragmentParser.ticksToUs(Long.MAX_VALUE - 1, Long.MAX_VALUE)).isEqualTo(999_999);
    assertThatThrownBy(() -> FragmentParser.ticksToUs(Long.MAX_VALUE, 1))
        .isInstanceOf(ArithmeticException.class);

    // 30,000 samples of 1/3 ms each (timescale 3000): times are converted from the exact tick
    // sum, so the last sample ends exactly at 10 s and durations add up without rounding drift.
    FragmentBuilder b = new FragmentBuilder();
    b.trunFlags = 0x1;
    b.tfhdDefaults = 0x18;
    b.defaultDuration = 1;
    b.defaultSize = 0;
    for (int i = 0; i < 30_000; i++) {
      b.sample(1, 0, 0, 0);
    }
    Fragment f =
        FragmentParser.parse(b.buildBuffer(), new FragmentContext(TrackType.AUDIO, 3000, 0));
    EncodedSample last = f.samples().get(29_999);
    assertThat(last.decodeTimeUs() + last.durationUs()).isEqualTo(10_000_000);
    assertThat(f.samples().stream().mapToLong(EncodedSample::durationUs).sum())
        .isEqualTo(10_000_000);
    assertThat(f.samples().get(1).decodeTimeUs()).isEqualTo(333);
    assertThat(f.samples().get(2).decodeTimeUs()).isEqualTo(666);
    assertThat(f.samples().get(3).decodeTimeUs()).isEqualTo(1000);
  }

  @Test
  void corrects_a_data_offset_short_by_exactly_the_tfrf_a_live_server_inserted() {
    FragmentBuilder b = threeSamples();
    byte[] tfrf = uuidBox(FragmentParser.TFRF_UUID, 1, 0, u8(1), u64(600), u64(600));
    b.extraTrafBoxes.add(tfrf);
    b.dataOffsetShift = -tfrf.length;
    Fragment f = FragmentParser.parse(b.buildBuffer(), VIDEO_MS);
    assertThat(f.samples().get(0).data().get(0)).isEqualTo((byte) 1);
    assertThat(f.samples().get(2).data().get(0)).isEqualTo((byte) 3);

    b.dataOffsetShift = -tfrf.length + 1;
    assertThatThrownBy(() -> FragmentParser.parse(b.buildBuffer(), VIDEO_MS))
        .isInstanceOfSatisfying(
            FragmentParseException.class,
            e ->
                assertThat(e.kind())
                    .isEqualTo(FragmentParseException.Kind.SAMPLE_DATA_OUTSIDE_MDAT));
  }

  @Test
  void an_empty_trun_gives_a_fragment_without_samples() {
    FragmentBuilder b = new FragmentBuilder();
    Fragment f = FragmentParser.parse(b.buildBuffer(), VIDEO_MS);
    assertThat(f.samples()).isEmpty();
    assertThat(f.durationTicks()).isZero();
    assertThat(f.startTicks()).isEqualTo(5000);
    assertThat(f.startUs()).isZero();
  }

  @Test
  void context_rejects_a_non_positive_timescale_and_negative_start() {
    assertThatThrownBy(() -> new FragmentContext(TrackType.VIDEO, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timescale must be > 0, was 0");
    assertThatThrownBy(() -> new FragmentContext(TrackType.VIDEO, 1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("startTicks must be >= 0, was -1");
  }
}
