package org.smoothplayer.decoder.fragment;

import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.BOX_TOO_SHORT;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.VALUE_OUT_OF_RANGE;

import java.nio.ByteBuffer;

/** A cursor over one box's payload that refuses to read past the box. */
final class Fields {
  private final ByteBuffer data;
  private final Box box;
  private int pos;

  Fields(ByteBuffer data, Box box) {
    this.data = data;
    this.box = box;
    this.pos = box.payloadStart();
  }

  int position() {
    return pos;
  }

  int remaining() {
    return box.end() - pos;
  }

  private void need(int bytes, String field) {
    if (remaining() < bytes) {
      throw new FragmentParseException(
          BOX_TOO_SHORT,
          box.type(),
          box.offset(),
          "box of "
              + box.sizeBytes()
              + " bytes ends before field "
              + field
              + " ("
              + bytes
              + " bytes needed, "
              + remaining()
              + " left)",
          "every field its version and flags announce");
    }
  }

  int u8(String field) {
    need(1, field);
    return data.get(pos++) & 0xFF;
  }

  long u32(String field) {
    need(4, field);
    long v = data.getInt(pos) & 0xFFFF_FFFFL;
    pos += 4;
    return v;
  }

  int s32(String field) {
    need(4, field);
    int v = data.getInt(pos);
    pos += 4;
    return v;
  }

  /** An unsigned 64-bit field that must stay below 2^63. */
  long u64(String field) {
    need(8, field);
    long v = data.getLong(pos);
    pos += 8;
    if (v < 0) {
      throw new FragmentParseException(
          VALUE_OUT_OF_RANGE,
          box.type(),
          box.offset(),
          field + " " + Long.toUnsignedString(v) + " is above 2^63",
          "a value below 2^63");
    }
    return v;
  }

  /** Reads the version byte and 24 flag bits of a full box: returns (version << 24) | flags. */
  int versionAndFlags() {
    return (int) u32("version and flags");
  }
}
