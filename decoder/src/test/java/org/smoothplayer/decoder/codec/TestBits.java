package org.smoothplayer.decoder.codec;

import java.io.ByteArrayOutputStream;

/** Writes bits and exp-Golomb codes, to build synthetic parameter sets in tests. */
final class TestBits {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int current;
  private int used;

  TestBits u(long value, int bits) {
    for (int i = bits - 1; i >= 0; i--) {
      current = (current << 1) | (int) ((value >> i) & 1);
      if (++used == 8) {
        out.write(current);
        current = 0;
        used = 0;
      }
    }
    return this;
  }

  TestBits ue(long value) {
    long v = value + 1;
    int bits = 64 - Long.numberOfLeadingZeros(v);
    u(0, bits - 1);
    return u(v, bits);
  }

  TestBits se(long value) {
    return ue(value <= 0 ? -2 * value : 2 * value - 1);
  }

  /** Zero bits up to the next byte boundary. */
  TestBits align() {
    while (used != 0) {
      u(0, 1);
    }
    return this;
  }

  /** rbsp_trailing_bits, then the bytes. */
  byte[] rbsp() {
    u(1, 1);
    while (used != 0) {
      u(0, 1);
    }
    return out.toByteArray();
  }

  /** Inserts emulation-prevention bytes (00 00 0x with x <= 3 becomes 00 00 03 0x). */
  static byte[] escape(byte[] rbsp) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int zeros = 0;
    for (byte b : rbsp) {
      if (zeros >= 2 && (b & 0xFF) <= 3) {
        o.write(3);
        zeros = 0;
      }
      o.write(b);
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return o.toByteArray();
  }
}
