package org.smoothplayer.assets.origin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Box surgery on stored fragments, and its refusal of files the generator did not write. */
class LiveFragmentRewriterTest {
  private static final String NAME = "QualityLevels(150000)/Fragments(video=0)";
  private static byte[] stored;
  private static byte[] lastStored; // the last fragment: stored without a tfrf box

  @BeforeAll
  static void read_stored_fragments() throws Exception {
    stored = Files.readAllBytes(LiveTestContent.root().resolve(NAME));
    lastStored =
        Files.readAllBytes(
            LiveTestContent.root().resolve("QualityLevels(150000)/Fragments(video=30000000)"));
  }

  private static List<LiveFragmentRewriter.Lookahead> lookahead(int count) {
    List<LiveFragmentRewriter.Lookahead> list = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      list.add(new LiveFragmentRewriter.Lookahead(1_000L * i, 7L * i));
    }
    return list;
  }

  @Test
  void a_full_tfrf_grows_the_moof_and_the_samples_stay_where_trun_says() throws Exception {
    byte[] rewritten =
        LiveFragmentRewriter.rewrite(
            stored, NAME, 0xFFFF_FFFFL, Long.MAX_VALUE - 1, 9, lookahead(255));
    ParsedLiveFragment fragment = ParsedLiveFragment.parse(rewritten);

    assertThat(rewritten.length).isGreaterThan(stored.length + 255 * 16 - 64);
    assertThat(fragment.sequenceNumber()).isEqualTo(0xFFFF_FFFFL);
    assertThat(fragment.tfxdTime()).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(fragment.tfxdDuration()).isEqualTo(9);
    assertThat(fragment.tfrf()).hasSize(255);
    assertThat(fragment.tfrf().get(254)).isEqualTo(new LiveTestContent.Chunk(255_000, 7 * 255));
    assertThat(fragment.samples())
        .usingElementComparator(Arrays::compare)
        .containsExactlyElementsOf(ParsedLiveFragment.parse(stored).samples());
  }

  @Test
  void rewriting_twice_replaces_the_boxes_instead_of_adding_more() {
    byte[] once = LiveFragmentRewriter.rewrite(stored, NAME, 5, 123, 456, lookahead(2));
    byte[] twice = LiveFragmentRewriter.rewrite(once, NAME, 5, 123, 456, lookahead(2));

    assertThat(twice).isEqualTo(once);
  }

  @Test
  void a_fragment_stored_without_tfrf_gets_one() throws Exception {
    assertThat(ParsedLiveFragment.parse(lastStored).hasTfrf()).isFalse();

    byte[] rewritten = LiveFragmentRewriter.rewrite(lastStored, NAME, 4, 30, 10, List.of());
    ParsedLiveFragment fragment = ParsedLiveFragment.parse(rewritten);

    assertThat(fragment.trafChildren()).containsExactly("tfhd", "trun", "tfxd", "tfrf");
    assertThat(fragment.tfrf()).isEmpty();
    assertThat(fragment.samples())
        .usingElementComparator(Arrays::compare)
        .containsExactlyElementsOf(ParsedLiveFragment.parse(lastStored).samples());
  }

  static Stream<Arguments> broken_files() {
    return Stream.of(
        Arguments.of("an empty file", (UnaryOperator<byte[]>) b -> new byte[0], "0 bytes left"),
        Arguments.of(
            "a file cut in the middle",
            (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length / 2),
            "mdat declares"),
        Arguments.of(
            "bytes after mdat",
            (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length + 3),
            "file continues after mdat"),
        Arguments.of(
            "mdat first",
            (UnaryOperator<byte[]>) b -> patchType(b, "moof", "mdat"),
            "found mdat (expected a fragment starting with moof)"),
        Arguments.of(
            "a trun without data_offset",
            (UnaryOperator<byte[]>) b -> patchByte(b, "trun", 7, x -> x & ~1),
            "trun has no data_offset"),
        Arguments.of(
            "a tfhd with base_data_offset",
            (UnaryOperator<byte[]>) b -> patchByte(b, "tfhd", 7, x -> x | 1),
            "tfhd carries a base_data_offset"),
        Arguments.of(
            "a box of size 0",
            (UnaryOperator<byte[]>) b -> patchInt(b, "tfhd", -4, 0),
            "tfhd declares size 0"),
        Arguments.of(
            "a data_offset outside mdat",
            (UnaryOperator<byte[]>) b -> patchInt(b, "trun", 12, 9),
            "trun data_offset 9 points outside the mdat payload"),
        Arguments.of(
            "no traf",
            (UnaryOperator<byte[]>) b -> patchType(b, "traf", "free"),
            "moof holds 1 mfhd and 0 traf boxes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken_files")
  void refuses_a_file_the_generator_did_not_write(
      String what, UnaryOperator<byte[]> breakIt, String message) {
    byte[] broken = breakIt.apply(stored.clone());

    assertThatThrownBy(() -> LiveFragmentRewriter.rewrite(broken, NAME, 1, 0, 1, lookahead(1)))
        .as(what)
        .isInstanceOf(LiveContentException.class)
        .hasMessageStartingWith("stored fragment " + NAME + " at offset ")
        .hasMessageContaining(message);
  }

  private static int indexOf(byte[] bytes, String type) {
    byte[] needle = type.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + 4 <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + 4, needle, 0, 4)) {
        return i;
      }
    }
    throw new AssertionError("no " + type + " in the stored fragment");
  }

  private static byte[] patchType(byte[] bytes, String type, String newType) {
    System.arraycopy(
        newType.getBytes(StandardCharsets.US_ASCII), 0, bytes, indexOf(bytes, type), 4);
    return bytes;
  }

  private static byte[] patchByte(
      byte[] bytes, String type, int offsetFromType, java.util.function.IntUnaryOperator change) {
    int at = indexOf(bytes, type) + offsetFromType;
    bytes[at] = (byte) change.applyAsInt(bytes[at]);
    return bytes;
  }

  private static byte[] patchInt(byte[] bytes, String type, int offsetFromType, int value) {
    ByteBuffer.wrap(bytes).putInt(indexOf(bytes, type) + offsetFromType, value);
    return bytes;
  }
}
