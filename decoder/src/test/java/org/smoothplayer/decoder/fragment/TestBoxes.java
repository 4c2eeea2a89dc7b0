package org.smoothplayer.decoder.fragment;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Writes ISO BMFF boxes for synthetic test fragments. */
public final class TestBoxes {
  private TestBoxes() {}

  /** A box of {@code type} holding the concatenated {@code parts}. */
  public static byte[] box(String type, byte[]... parts) {
    byte[] payload = concat(parts);
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
    b.putInt(8 + payload.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(payload);
    return b.array();
  }

  /** A full box: version and flags, then {@code parts}. */
  public static byte[] fullBox(String type, int version, int flags, byte[]... parts) {
    return box(type, concat(u32((long) version << 24 | flags), concat(parts)));
  }

  /** A uuid box with the extended type {@code uuidHex}, version and flags, then {@code parts}. */
  public static byte[] uuidBox(String uuidHex, int version, int flags, byte[]... parts) {
    return box(
        "uuid",
        concat(HexFormat.of().parseHex(uuidHex), u32((long) version << 24 | flags), concat(parts)));
  }

  public static byte[] u8(int v) {
    return new byte[] {(byte) v};
  }

  public static byte[] u32(long v) {
    return ByteBuffer.allocate(4).putInt((int) v).array();
  }

  public static byte[] u64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Overwrites 4 bytes at {@code offset} with {@code v}, returning the same array. */
  public static byte[] patchU32(byte[] data, int offset, long v) {
    ByteBuffer.wrap(data).putInt(offset, (int) v);
    return data;
  }

  /** Offset of the first occurrence of the four-character {@code type} in {@code data}. */
  public static int indexOf(byte[] data, String type) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + 4 <= data.length; i++) {
      for (int j = 0; j < 4; j++) {
        if (data[i + j] != t[j]) {
          continue outer;
        }
      }
      return i - 4;
    }
    throw new IllegalArgumentException("no box " + type);
  }
}
