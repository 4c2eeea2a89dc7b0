package org.smoothplayer.assets.generate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * The CodecPrivateData of an E-AC-3 (or AC-3) QualityLevel: the 22 bytes that WAVEFORMATEXTENSIBLE
 * adds to WAVEFORMATEX ({@code cbSize = 22}), as Unified Streaming writes them:
 *
 * <pre>
 * wSamplesPerBlock  16 bits, little-endian   1536 -> 0006
 * dwChannelMask     32 bits, little-endian   0x3F (FL FR FC LFE BL BR) -> 3F000000
 * SubFormat         GUID in memory order     KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS
 *                                            -> AF87FBA7 022D FB42 A4D405CD93843BDD
 * </pre>
 */
final class WaveFormatExtensible {
  /** WAVE_FORMAT_EXTENSIBLE, the Manifest's AudioTag of such a level. */
  static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

  /** KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS (ksmedia.h). */
  static final UUID SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS =
      UUID.fromString("a7fb87af-2d02-42fb-a4d4-05cd93843bdd");

  /** KSDATAFORMAT_SUBTYPE_IEC61937_DOLBY_DIGITAL (ksmedia.h): AC-3. */
  static final UUID SUBTYPE_IEC61937_DOLBY_DIGITAL =
      UUID.fromString("00000092-0000-0010-8000-00aa00389b71");

  /** Bytes of the extension: samples per block, channel mask, SubFormat. */
  static final int EXTENSION_BYTES = 2 + 4 + 16;

  private WaveFormatExtensible() {}

  /**
   * The extension for Dolby Digital Plus.
   *
   * @param samplesPerBlock samples per syncframe (1536)
   * @param channelMask speaker bits ({@code SPEAKER_FRONT_LEFT} = 0x1 ...), 0x3F for 5.1
   */
  static byte[] dolbyDigitalPlus(int samplesPerBlock, int channelMask) {
    return extension(samplesPerBlock, channelMask, SUBTYPE_IEC61937_DOLBY_DIGITAL_PLUS);
  }

  /** The extension for Dolby Digital (AC-3); as {@link #dolbyDigitalPlus} otherwise. */
  static byte[] dolbyDigital(int samplesPerBlock, int channelMask) {
    return extension(samplesPerBlock, channelMask, SUBTYPE_IEC61937_DOLBY_DIGITAL);
  }

  private static byte[] extension(int samplesPerBlock, int channelMask, UUID subFormat) {
    if (samplesPerBlock <= 0 || samplesPerBlock > 0xFFFF) {
      throw new IllegalArgumentException(
          "samplesPerBlock must fit 16 bits, got " + samplesPerBlock);
    }
    ByteBuffer out = ByteBuffer.allocate(EXTENSION_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    out.putShort((short) samplesPerBlock);
    out.putInt(channelMask);
    putGuid(out, subFormat);
    return out.array();
  }

  /**
   * A GUID as Windows holds it in memory: Data1 (32 bits), Data2 and Data3 (16 bits each)
   * little-endian, then the 8 bytes of Data4 as written.
   */
  static void putGuid(ByteBuffer out, UUID guid) {
    ByteOrder callersOrder = out.order();
    long high = guid.getMostSignificantBits();
    out.order(ByteOrder.LITTLE_ENDIAN)
        .putInt((int) (high >>> 32))
        .putShort((short) (high >>> 16))
        .putShort((short) high);
    out.order(ByteOrder.BIG_ENDIAN).putLong(guid.getLeastSignificantBits());
    out.order(callersOrder);
  }
}
