package org.smoothplayer.decoder.fragment;

import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.BOX_EXCEEDS_PARENT;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.BOX_SIZE_INVALID;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.BOX_SIZE_ZERO;
import static org.smoothplayer.decoder.fragment.FragmentParseException.Kind.TRUNCATED;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One ISO BMFF box header, validated against the bytes that hold it. Offsets are relative to the
 * start of the fragment and always lie inside it, so every later read is bounds-checked by
 * construction.
 *
 * @param type the four-character type (non-printable bytes shown as {@code \xNN})
 * @param offset offset of the box's first byte
 * @param headerBytes size of the header: 8, 16 with a largesize, plus 16 for a uuid box
 * @param sizeBytes the whole box size, header included
 * @param uuid the extended type of a {@code uuid} box as 32 lower-case hex digits, else null
 */
record Box(String type, int offset, int headerBytes, int sizeBytes, @Nullable String uuid) {

  /** Offset of the first payload byte. */
  int payloadStart() {
    return offset + headerBytes;
  }

  /** Offset just past the box. */
  int end() {
    return offset + sizeBytes;
  }

  /** Number of payload bytes. */
  int payloadBytes() {
    return sizeBytes - headerBytes;
  }

  boolean is(String fourCc) {
    return type.equals(fourCc);
  }

  boolean isUuid(String hex) {
    return hex.equals(uuid);
  }

  /**
   * Reads the sequence of boxes filling {@code [start, end)}.
   *
   * @param parent the enclosing box, or null for the top level of the fragment (where a box that
   *     runs past the end means the fragment was cut)
   */
  static List<Box> readAll(ByteBuffer data, int start, int end, @Nullable Box parent) {
    List<Box> boxes = new ArrayList<>();
    int pos = start;
    while (pos < end) {
      Box box = readOne(data, pos, end, parent);
      boxes.add(box);
      pos = box.end();
    }
    return boxes;
  }

  private static Box readOne(ByteBuffer data, int pos, int end, @Nullable Box parent) {
    int remaining = end - pos;
    if (remaining < 8) {
      throw overrun(parent, "box header", pos, 8, remaining);
    }
    long size = data.getInt(pos) & 0xFFFF_FFFFL;
    String type = fourCc(data, pos + 4);
    int header = 8;
    if (size == 1) {
      if (remaining < 16) {
        throw overrun(parent, type + " largesize header", pos, 16, remaining);
      }
      size = data.getLong(pos + 8);
      header = 16;
      if (size < 0) {
        throw new FragmentParseException(
            BOX_SIZE_INVALID,
            type,
            pos,
            "64-bit largesize " + Long.toUnsignedString(size) + " is above 2^63",
            "a largesize that fits the fragment");
      }
      if (size < 16) {
        throw new FragmentParseException(
            BOX_SIZE_INVALID,
            type,
            pos,
            "64-bit largesize " + size + " is smaller than its 16-byte header",
            "a largesize of at least 16");
      }
    } else if (size == 0) {
      throw new FragmentParseException(
          BOX_SIZE_ZERO,
          type,
          pos,
          "box size 0 (box extends to the end of the file)",
          "an explicit box size");
    } else if (size < 8) {
      throw new FragmentParseException(
          BOX_SIZE_INVALID,
          type,
          pos,
          "box size " + size + " is smaller than its 8-byte header",
          "a box size of at least 8");
    }
    String uuid = null;
    if (type.equals("uuid")) {
      if (size < header + 16L) {
        throw new FragmentParseException(
            BOX_SIZE_INVALID,
            type,
            pos,
            "box size " + size + " leaves no room for the 16-byte extended type",
            "a uuid box of at least " + (header + 16) + " bytes");
      }
      if (remaining < header + 16) {
        throw overrun(parent, "uuid extended type", pos, header + 16, remaining);
      }
      byte[] ext = new byte[16];
      data.get(pos + header, ext);
      uuid = HexFormat.of().formatHex(ext);
      header += 16;
    }
    if (size > remaining) {
      throw overrun(parent, type, pos, size, remaining);
    }
    return new Box(type, pos, header, (int) size, uuid);
  }

  private static FragmentParseException overrun(
      @Nullable Box parent, String what, int pos, long needed, int remaining) {
    if (parent == null) {
      return new FragmentParseException(
          TRUNCATED,
          what,
          pos,
          "declares " + needed + " bytes but the fragment ends after " + remaining,
          "the whole box inside the fragment");
    }
    return new FragmentParseException(
        BOX_EXCEEDS_PARENT,
        what,
        pos,
        "declares "
            + needed
            + " bytes but only "
            + remaining
            + " remain in its parent "
            + parent.type()
            + " at offset "
            + parent.offset(),
        "child boxes that end inside their parent");
  }

  static String fourCc(ByteBuffer data, int pos) {
    StringBuilder sb = new StringBuilder(4);
    for (int i = 0; i < 4; i++) {
      int c = data.get(pos + i) & 0xFF;
      if (c >= 0x20 && c < 0x7F) {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.toString();
  }
}
