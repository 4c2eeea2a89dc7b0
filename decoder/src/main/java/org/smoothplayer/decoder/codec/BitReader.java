package org.smoothplayer.decoder.codec;

/** Reads bits MSB-first from a byte array, with exp-Golomb codes; never reads past the end. */
final class BitReader {
  private final byte[] data;
  private final String structure;
  private long bitPos;

  /**
   * @param data the bytes (for NAL units: the RBSP, emulation-prevention bytes removed)
   * @param structure what is being read, for error messages (e.g. {@code SPS})
   */
  BitReader(byte[] data, String structure) {
    this.data = data;
    this.structure = structure;
  }

  long bitsLeft() {
    return data.length * 8L - bitPos;
  }

  long bitPosition() {
    return bitPos;
  }

  private void need(int bits, String field) {
    if (bitsLeft() < bits) {
      throw new CodecConfigException(
          structure + " " + field,
          structure + " of " + data.length + " bytes ends at bit " + bitPos,
          bits + " more bits for " + field);
    }
  }

  /** Reads {@code count} (0..32) bits as an unsigned value. */
  long bits(int count, String field) {
    need(count, field);
    long value = 0;
    for (int i = 0; i < count; i++) {
      int b = data[(int) (bitPos >>> 3)] >> (7 - (int) (bitPos & 7)) & 1;
      value = (value << 1) | b;
      bitPos++;
    }
    return value;
  }

  int bitsInt(int count, String field) {
    return (int) bits(count, field);
  }

  boolean flag(String field) {
    return bits(1, field) == 1;
  }

  void skip(long count, String field) {
    if (bitsLeft() < count) {
      need((int) Math.min(Integer.MAX_VALUE, count), field);
    }
    bitPos += count;
  }

  /** Unsigned exp-Golomb ue(v), at most 32 leading zeros. */
  long ue(String field) {
    int leadingZeros = 0;
    while (!flag(field)) {
      leadingZeros++;
      if (leadingZeros > 31) {
        throw new CodecConfigException(
            structure + " " + field,
            "exp-Golomb code with more than 31 leading zero bits at bit " + bitPos,
            "a ue(v) value below 2^32");
      }
    }
    return (1L << leadingZeros) - 1 + bits(leadingZeros, field);
  }

  /** An ue(v) that must lie in {@code [0, max]}. */
  int ue(String field, int max) {
    long v = ue(field);
    if (v > max) {
      throw new CodecConfigException(
          structure + " " + field, "value " + v + " is out of range", "0 to " + max);
    }
    return (int) v;
  }

  /** Signed exp-Golomb se(v). */
  long se(String field) {
    long k = ue(field);
    return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
  }

  void byteAlign() {
    bitPos = (bitPos + 7) & ~7L;
  }
}
