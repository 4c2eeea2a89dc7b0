package org.smoothplayer.decoder.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** NAL unit helpers shared by the H.264 and HEVC configuration. */
final class Nal {
  private Nal() {}

  /** Upper bound on CodecPrivateData, in bytes. */
  static final int MAX_CODEC_PRIVATE_DATA_BYTES = 64 * 1024;

  private static final byte[] START_CODE = {0, 0, 0, 1};

  /** Decodes hex, ignoring whitespace (manifests wrap long attribute values). */
  static byte[] hex(String text, String field) {
    StringBuilder digits = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        if (Character.digit(c, 16) < 0) {
          throw new CodecConfigException(
              field,
              "character '" + printable(c) + "' at position " + i + " is not a hex digit",
              "hexadecimal digits");
        }
        digits.append(c);
      }
    }
    if (digits.length() % 2 != 0) {
      throw new CodecConfigException(
          field,
          "odd number of hex digits (" + digits.length() + ")",
          "whole bytes, two digits each");
    }
    if (digits.length() / 2 > MAX_CODEC_PRIVATE_DATA_BYTES) {
      throw new CodecConfigException(
          field,
          (digits.length() / 2) + " bytes",
          "at most " + MAX_CODEC_PRIVATE_DATA_BYTES + " bytes");
    }
    return HexFormat.of().parseHex(digits);
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c);
  }

  static boolean startsWithStartCode(byte[] data) {
    return (data.length >= 3 && data[0] == 0 && data[1] == 0 && data[2] == 1)
        || (data.length >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] == 1);
  }

  /** Splits Annex-B data (which must start with a start code) into NAL units without them. */
  static List<byte[]> splitAnnexB(byte[] data, String field) {
    List<byte[]> nals = new ArrayList<>();
    int i = 0;
    int nalStart = -1;
    while (i + 2 < data.length) {
      if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
        if (nalStart >= 0) {
          addTrimmed(nals, data, nalStart, i);
        } else if (!allZero(data, 0, i)) {
          throw new CodecConfigException(
              field, "bytes before the first start code", "data starting with 00 00 01");
        }
        i += 3;
        nalStart = i;
      } else {
        i++;
      }
    }
    if (nalStart < 0) {
      throw new CodecConfigException(field, "no start code", "Annex-B data (00 00 00 01 ...)");
    }
    addTrimmed(nals, data, nalStart, data.length);
    return nals;
  }

  private static boolean allZero(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static void addTrimmed(List<byte[]> nals, byte[] data, int from, int to) {
    int end = to;
    while (end > from && data[end - 1] == 0) {
      end--; // trailing_zero_8bits and the leading zero of a 4-byte start code
    }
    if (end > from) {
      byte[] nal = new byte[end - from];
      System.arraycopy(data, from, nal, 0, nal.length);
      nals.add(nal);
    }
  }

  /** Removes emulation-prevention bytes (00 00 03 -> 00 00). */
  static byte[] unescape(byte[] nal) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(nal.length);
    int zeros = 0;
    for (byte b : nal) {
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      out.write(b);
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return out.toByteArray();
  }

  /** Joins NAL units, each prefixed by a 00 00 00 01 start code. */
  static byte[] toAnnexB(List<byte[]> nals) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] nal : nals) {
      out.writeBytes(START_CODE);
      out.writeBytes(nal);
    }
    return out.toByteArray();
  }

  /** A bounds-checked reader of length-prefixed records (avcC, hvcC). */
  static final class ByteCursor {
    private final byte[] data;
    private final String field;
    private int pos;

    ByteCursor(byte[] data, String field) {
      this.data = data;
      this.field = field;
    }

    int u8(String what) {
      need(1, what);
      return data[pos++] & 0xFF;
    }

    int u16(String what) {
      need(2, what);
      int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
      pos += 2;
      return v;
    }

    byte[] bytes(int count, String what) {
      need(count, what);
      byte[] out = new byte[count];
      System.arraycopy(data, pos, out, 0, count);
      pos += count;
      return out;
    }

    void skip(int count, String what) {
      need(count, what);
      pos += count;
    }

    private void need(int count, String what) {
      if (data.length - pos < count) {
        throw new CodecConfigException(
            field,
            "record of " + data.length + " bytes ends at byte " + pos + " inside " + what,
            count + " more bytes");
      }
    }
  }
}
