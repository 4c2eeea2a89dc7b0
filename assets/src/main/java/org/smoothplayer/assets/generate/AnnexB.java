package org.smoothplayer.assets.generate;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Splits H.264 Annex-B byte streams into NAL units and re-packs them. */
final class AnnexB {
  private AnnexB() {}

  /** The NAL units (without start codes) of an Annex-B byte stream. */
  static List<byte[]> nalUnits(byte[] stream) {
    List<byte[]> units = new ArrayList<>();
    int start = nextPayloadStart(stream, 0);
    if (start < 0) {
      throw new GenerationException("H.264 data does not start with an Annex-B start code");
    }
    while (start >= 0 && start < stream.length) {
      int next = findStartCode(stream, start);
      int end = next < 0 ? stream.length : next;
      // A 4-byte start code (or trailing_zero_8bits) leaves zero bytes before 00 00 01.
      while (next >= 0 && end > start && stream[end - 1] == 0) {
        end--;
      }
      if (end > start) {
        byte[] unit = new byte[end - start];
        System.arraycopy(stream, start, unit, 0, unit.length);
        units.add(unit);
      }
      start = next < 0 ? -1 : next + 3;
    }
    return units;
  }

  /** NAL units as 4-byte big-endian length + payload (the MP4 sample format). */
  static byte[] toLengthPrefixed(byte[] annexB) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(annexB.length + 16);
    for (byte[] unit : nalUnits(annexB)) {
      int n = unit.length;
      out.write(n >>> 24);
      out.write(n >>> 16);
      out.write(n >>> 8);
      out.write(n);
      out.write(unit, 0, n);
    }
    return out.toByteArray();
  }

  /** NAL units each behind a 4-byte start code {@code 00 00 00 01}. */
  static byte[] withFourByteStartCodes(byte[] annexB) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(annexB.length + 8);
    for (byte[] unit : nalUnits(annexB)) {
      out.write(0);
      out.write(0);
      out.write(0);
      out.write(1);
      out.write(unit, 0, unit.length);
    }
    return out.toByteArray();
  }

  /** Index of the first {@code 00 00 01} at or after {@code from}, or -1. */
  private static int findStartCode(byte[] s, int from) {
    for (int i = from; i + 2 < s.length; i++) {
      if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
        return i;
      }
    }
    return -1;
  }

  private static int nextPayloadStart(byte[] s, int from) {
    int code = findStartCode(s, from);
    for (int i = from; i < code; i++) {
      if (s[i] != 0) {
        return -1;
      }
    }
    return code < 0 ? -1 : code + 3;
  }
}
