package org.smoothplayer.decoder.fragment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fragment of the shared conformance corpus parses, or is refused as protected. */
class ConformanceFragmentTest {

  static List<ConformanceFragments.Entry> fragments() {
    return ConformanceFragments.all();
  }

  @Test
  void the_corpus_has_all_seventy_three_fragments() {
    assertThat(fragments()).hasSize(73);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fragments")
  void every_fragment_matches_its_golden_dump(ConformanceFragments.Entry e) throws Exception {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(e.file()));
    FragmentContext ctx = e.context();
    StringBuilder dump = new StringBuilder();
    dump.append("file ").append(e.relativeName()).append('\n');
    dump.append("context ")
        .append(ctx.type())
        .append(" timescale ")
        .append(ctx.timescale())
        .append(" startTicks ")
        .append(ctx.startTicks())
        .append('\n');
    if (e.relativeName().startsWith("shaka/mss-playready/")) {
      assertThatThrownBy(() -> FragmentParser.parse(bytes, ctx))
          .isExactlyInstanceOf(ProtectedContentException.class)
          .hasMessage("PlayReady-protected content is not supported");
      Fragment structure = FragmentParser.parseStructure(bytes, ctx);
      assertThat(structure.encrypted()).isTrue();
      dump.append("parse: ProtectedContentException\nstructure:\n");
      dump.append(FragmentDump.dump(structure));
    } else {
      Fragment f = FragmentParser.parse(bytes, ctx);
      assertThat(f.encrypted()).isFalse();
      checkInvariants(f, ctx);
      dump.append(FragmentDump.dump(f));
    }
    Golden.check("fragment/golden/" + Golden.safeName(e.relativeName()) + ".txt", dump.toString());
  }

  /** Properties every clear corpus fragment has, whatever its golden dump says. */
  private static void checkInvariants(Fragment f, FragmentContext ctx) {
    List<EncodedSample> samples = f.samples();
    assertThat(samples).isNotEmpty();
    assertThat(samples.get(0).keyFrame()).as("first sample is a key frame").isTrue();
    for (int i = 0; i + 1 < samples.size(); i++) {
      assertThat(samples.get(i + 1).decodeTimeUs())
          .as("sample %d starts where sample %d ends", i + 1, i)
          .isEqualTo(samples.get(i).decodeTimeUs() + samples.get(i).durationUs());
    }
    long endUs = FragmentParser.ticksToUs(f.startTicks() + f.durationTicks(), ctx.timescale());
    EncodedSample last = samples.get(samples.size() - 1);
    assertThat(last.decodeTimeUs() + last.durationUs()).isEqualTo(endUs);
    if (ctx.type() == TrackType.VIDEO) {
      for (EncodedSample s : samples) {
        assertThat(nalLengthsCover(s.data()))
            .as("4-byte NAL lengths tile the sample at %d us exactly", s.decodeTimeUs())
            .isTrue();
      }
    }
  }

  /** Whether the sample is exactly a sequence of 4-byte-length-prefixed NAL units. */
  static boolean nalLengthsCover(ByteBuffer sample) {
    ByteBuffer b = sample.duplicate();
    while (b.remaining() >= 4) {
      long len = b.getInt() & 0xFFFF_FFFFL;
      if (len == 0 || len > b.remaining()) {
        return false;
      }
      b.position(b.position() + (int) len);
    }
    return !b.hasRemaining();
  }
}
