package org.smoothplayer.decoder.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Fuzzes {@link CodecConfigParser}, {@link H264Sps}, {@link HevcSps} and {@link
 * AudioSpecificConfig}: any input must give a configuration or a {@link CodecConfigException} /
 * {@link UnsupportedCodecException}; anything else is a finding. Input layout: byte 0 picks the
 * FourCC, byte 1 the NALUnitLengthField, byte 2 the SamplingRate, byte 3 the Channels, the rest is
 * the CodecPrivateData. Seeds: {@code CodecConfigParserFuzzTestInputs/fuzz/} (see the README).
 */
class CodecConfigParserFuzzTest {

  private static final String[] FOURCCS = {
    "H264", "AVC1", "DAVC", "HVC1", "HEV1", "AACL", "AACH", "mp4a", "", "WVC1"
  };
  private static final int[] RATES = {0, 8000, 22050, 24000, 44100, 48000, 96000, 37800};

  @FuzzTest(maxDuration = "20s")
  void fuzz(byte[] data) {
    if (data.length < 4) {
      return;
    }
    String fourCc = FOURCCS[(data[0] & 0xFF) % FOURCCS.length];
    boolean audio = fourCc.startsWith("AAC") || fourCc.equals("mp4a") || fourCc.isEmpty();
    byte[] cpd = Arrays.copyOfRange(data, 4, data.length);
    CodecDescriptor d =
        new CodecDescriptor(
            audio ? "audio" : "video",
            fourCc,
            HexFormat.of().formatHex(cpd),
            data[1] & 0x7,
            RATES[(data[2] & 0xFF) % RATES.length],
            data[3] & 0xF,
            16,
            0,
            (data[3] & 0x80) != 0 ? 255 : 0);
    expectTyped(() -> CodecConfigParser.parse(d));
    expectTyped(() -> H264Sps.parse(cpd));
    expectTyped(() -> HevcSps.parse(cpd));
    expectTyped(() -> AudioSpecificConfig.parse(cpd));
  }

  private static void expectTyped(Runnable parse) {
    try {
      parse.run();
    } catch (CodecConfigException | UnsupportedCodecException expected) {
      // typed rejection: fine
    }
  }
}
