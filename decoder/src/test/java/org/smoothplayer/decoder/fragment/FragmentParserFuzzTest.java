package org.smoothplayer.decoder.fragment;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Fuzzes {@link FragmentParser}: any input must parse or end in a {@link FragmentParseException} or
 * {@link ProtectedContentException}; anything else (NPE, index errors, OOM, hangs) is a finding.
 * Seeds: {@code FragmentParserFuzzTestInputs/fuzz/} (see the README there).
 */
class FragmentParserFuzzTest {

  private static final FragmentContext[] CONTEXTS = {
    new FragmentContext(TrackType.VIDEO, 10_000_000L, 0),
    new FragmentContext(TrackType.AUDIO, 44_100L, 123_456_789L),
  };

  @FuzzTest(maxDuration = "20s")
  void fuzz(byte[] data) {
    for (FragmentContext ctx : CONTEXTS) {
      try {
        Fragment f = FragmentParser.parseStructure(ByteBuffer.wrap(data), ctx);
        checkInvariants(f, data.length);
        FragmentParser.parse(ByteBuffer.wrap(data), ctx);
      } catch (FragmentParseException | ProtectedContentException expected) {
        // typed rejection: fine
      }
    }
  }

  private static void checkInvariants(Fragment f, int inputBytes) {
    assertThat(f.samples().size()).isLessThanOrEqualTo(FragmentParser.MAX_SAMPLES);
    long total = 0;
    for (EncodedSample s : f.samples()) {
      assertThat(s.durationUs()).isNotNegative();
      total += s.sizeBytes();
    }
    assertThat(f.durationTicks()).isNotNegative();
    // Samples may overlap in a hostile fragment, but each lies inside the input.
    for (EncodedSample s : f.samples()) {
      assertThat(s.sizeBytes()).isLessThanOrEqualTo(inputBytes);
    }
    assertThat(total).isNotNegative();
  }
}
