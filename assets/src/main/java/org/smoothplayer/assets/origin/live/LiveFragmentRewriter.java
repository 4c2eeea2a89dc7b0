package org.smoothplayer.assets.origin.live;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Box surgery on a stored fragment ({@code moof(mfhd, traf(tfhd, trun, tfxd, [tfrf])) + mdat}, as
 * the generator writes it): sets the mfhd sequence number, replaces the tfxd and tfrf boxes with
 * live ones ([MS-SSTR] 2.2.4.4, 2.2.4.5), then fixes the moof and traf sizes and the trun
 * data_offset so it still points at the first sample. Every read is bounds-checked; a file of any
 * other shape is refused with a {@link LiveContentException} naming the box and the expectation.
 * Stateless.
 */
final class LiveFragmentRewriter {
  /** tfxd: fragment absolute time and duration. */
  static final byte[] TFXD_UUID = HexFormat.of().parseHex("6D1D9B0542D544E680E2141DAFF757B2");

  /** tfrf: times and durations of following fragments. */
  static final byte[] TFRF_UUID = HexFormat.of().parseHex("D4807EF2CA3946958E5426CB9E46A79F");

  private static final int BOX_HEADER_BYTES = 8;
  private static final int UUID_BYTES = 16;
  private static final int TFHD_BASE_DATA_OFFSET_PRESENT = 0x000001;
  private static final int TRUN_DATA_OFFSET_PRESENT = 0x000001;

  /**
   * A following fragment announced in tfrf.
   *
   * @param startTicks its public timestamp
   * @param durationTicks its duration
   */
  record Lookahead(long startTicks, long durationTicks) {}

  private LiveFragmentRewriter() {}

  /**
   * The stored fragment with live boxes.
   *
   * @param stored the bytes of the stored file (not changed)
   * @param name the file, for messages
   * @param sequenceNumber the mfhd sequence number (written as unsigned 32 bits)
   * @param startTicks tfxd fragment absolute time (the public timestamp)
   * @param durationTicks tfxd fragment duration
   * @param lookahead tfrf entries (may be empty: an empty tfrf box is still written)
   * @throws LiveContentException when {@code stored} is not a fragment the generator wrote
   */
  static byte[] rewrite(
      byte[] stored,
      String name,
      long sequenceNumber,
      long startTicks,
      long durationTicks,
      List<Lookahead> lookahead) {
    if (lookahead.size() > LiveOptions.MAX_LOOKAHEAD_COUNT) {
      throw new IllegalArgumentException(
          lookahead.size() + " tfrf entries; expected at most " + LiveOptions.MAX_LOOKAHEAD_COUNT);
    }
    Reader file = new Reader(stored, name);
    Box moof = file.box(0, stored.length, "the first top-level box");
    file.expectType(moof, "moof", "a fragment starting with moof");
    Box mdat = file.box(moof.end(), stored.length, "the box after moof");
    file.expectType(mdat, "mdat", "mdat right after moof");
    if (mdat.end() != stored.length) {
      throw file.problem(
          mdat.end(), "file continues after mdat", "exactly moof + mdat, as the generator writes");
    }

    ByteArrayOutputStream newMoofBody = new ByteArrayOutputStream(moof.size() + 64);
    int mfhdCount = 0;
    int trafCount = 0;
    int trunOffsetInNewMoof = -1; // where the trun data_offset field lands in the new moof
    int oldDataOffset = 0;
    for (int at = moof.start() + BOX_HEADER_BYTES; at < moof.end(); ) {
      Box child = file.box(at, moof.end(), "a box inside moof");
      if (child.type().equals("mfhd")) {
        mfhdCount++;
        if (child.size() != 16) {
          throw file.problem(child.start(), "mfhd is " + child.size() + " bytes", "16 bytes");
        }
        byte[] mfhd = Arrays.copyOfRange(stored, child.start(), child.end());
        ByteBuffer.wrap(mfhd).putInt(12, (int) sequenceNumber);
        newMoofBody.writeBytes(mfhd);
      } else if (child.type().equals("traf")) {
        trafCount++;
        int trafStartInNewMoof = BOX_HEADER_BYTES + newMoofBody.size();
        Traf traf = rewriteTraf(file, child, startTicks, durationTicks, lookahead);
        trunOffsetInNewMoof = trafStartInNewMoof + traf.dataOffsetFieldAt();
        oldDataOffset = traf.dataOffset();
        newMoofBody.writeBytes(traf.bytes());
      } else {
        newMoofBody.write(stored, child.start(), child.size());
      }
      at = child.end();
    }
    if (mfhdCount != 1 || trafCount != 1) {
      throw file.problem(
          moof.start(),
          "moof holds " + mfhdCount + " mfhd and " + trafCount + " traf boxes",
          "exactly one of each");
    }
    int mdatPayloadStart = mdat.start() + BOX_HEADER_BYTES - moof.start();
    if (oldDataOffset < mdatPayloadStart || oldDataOffset > mdatPayloadStart + mdat.payloadSize()) {
      throw file.problem(
          moof.start(),
          "trun data_offset " + oldDataOffset + " points outside the mdat payload",
          "an offset from the moof start into mdat (" + mdatPayloadStart + ")");
    }
    long newMoofSize = (long) BOX_HEADER_BYTES + newMoofBody.size();
    long total = newMoofSize + mdat.size();
    if (total > Integer.MAX_VALUE - 16) {
      throw file.problem(0, "rewritten fragment would be " + total + " bytes", "under 2 GiB");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total);
    out.putInt((int) newMoofSize).put(ascii("moof")).put(newMoofBody.toByteArray());
    out.put(stored, mdat.start(), mdat.size());
    long newDataOffset = oldDataOffset + (newMoofSize - moof.size());
    out.putInt(trunOffsetInNewMoof, Math.toIntExact(newDataOffset));
    return out.array();
  }

  /** The rewritten traf, where its trun data_offset field is, and that field's old value. */
  private record Traf(byte[] bytes, int dataOffsetFieldAt, int dataOffset) {}

  private static Traf rewriteTraf(
      Reader file, Box traf, long startTicks, long durationTicks, List<Lookahead> lookahead) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(traf.size() + 64);
    int tfhdCount = 0;
    int trunCount = 0;
    int dataOffsetFieldAt = -1;
    int dataOffset = 0;
    for (int at = traf.start() + BOX_HEADER_BYTES; at < traf.end(); ) {
      Box child = file.box(at, traf.end(), "a box inside traf");
      switch (child.type()) {
        case "tfhd" -> {
          tfhdCount++;
          int flags = file.fullBoxFlags(child);
          if ((flags & TFHD_BASE_DATA_OFFSET_PRESENT) != 0) {
            throw file.problem(
                child.start(),
                "tfhd carries a base_data_offset",
                "sample offsets relative to the moof (no base_data_offset)");
          }
          body.write(file.bytes(), child.start(), child.size());
        }
        case "trun" -> {
          trunCount++;
          int flags = file.fullBoxFlags(child);
          if ((flags & TRUN_DATA_OFFSET_PRESENT) == 0) {
            throw file.problem(child.start(), "trun has no data_offset", "a trun with data_offset");
          }
          file.require(child, 20, "trun sample_count and data_offset");
          dataOffsetFieldAt = BOX_HEADER_BYTES + body.size() + 16;
          dataOffset = file.int32(child.start() + 16);
          body.write(file.bytes(), child.start(), child.size());
        }
        case "uuid" -> {
          file.require(child, BOX_HEADER_BYTES + UUID_BYTES, "a uuid box with its 16-byte type");
          if (!file.isUuid(child, TFXD_UUID) && !file.isUuid(child, TFRF_UUID)) {
            body.write(file.bytes(), child.start(), child.size());
          } // the old tfxd and tfrf are dropped; live ones are appended below
        }
        default -> body.write(file.bytes(), child.start(), child.size());
      }
      at = child.end();
    }
    if (tfhdCount != 1 || trunCount != 1) {
      throw file.problem(
          traf.start(),
          "traf holds " + tfhdCount + " tfhd and " + trunCount + " trun boxes",
          "exactly one of each");
    }
    body.writeBytes(tfxd(startTicks, durationTicks));
    body.writeBytes(tfrf(lookahead));
    ByteBuffer out = ByteBuffer.allocate(BOX_HEADER_BYTES + body.size());
    out.putInt(out.capacity()).put(ascii("traf")).put(body.toByteArray());
    return new Traf(out.array(), dataOffsetFieldAt, dataOffset);
  }

  /** A version-1 tfxd box. */
  static byte[] tfxd(long startTicks, long durationTicks) {
    ByteBuffer box = ByteBuffer.allocate(BOX_HEADER_BYTES + UUID_BYTES + 4 + 16);
    box.putInt(box.capacity()).put(ascii("uuid")).put(TFXD_UUID);
    box.putInt(0x01000000); // version 1, flags 0
    box.putLong(startTicks).putLong(durationTicks);
    return box.array();
  }

  /** A version-1 tfrf box with these entries (none is allowed: count 0). */
  static byte[] tfrf(List<Lookahead> lookahead) {
    ByteBuffer box =
        ByteBuffer.allocate(BOX_HEADER_BYTES + UUID_BYTES + 4 + 1 + 16 * lookahead.size());
    box.putInt(box.capacity()).put(ascii("uuid")).put(TFRF_UUID);
    box.putInt(0x01000000); // version 1, flags 0
    box.put((byte) lookahead.size());
    for (Lookahead next : lookahead) {
      box.putLong(next.startTicks()).putLong(next.durationTicks());
    }
    return box.array();
  }

  private static byte[] ascii(String type) {
    return type.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * One box: where it starts, its total size and type.
   *
   * @param start offset of its size field in the file
   * @param size total size including the 8-byte header
   * @param type four-character type
   */
  private record Box(int start, int size, String type) {
    int end() {
      return start + size;
    }

    int payloadSize() {
      return size - BOX_HEADER_BYTES;
    }
  }

  /** Bounds-checked reads of one stored file. */
  private record Reader(byte[] bytes, String name) {
    Box box(int at, int parentEnd, String what) {
      if (parentEnd - at < BOX_HEADER_BYTES) {
        throw problem(at, (parentEnd - at) + " bytes left for " + what, "an 8-byte box header");
      }
      long size = Integer.toUnsignedLong(int32(at));
      String type = new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1);
      if (size < BOX_HEADER_BYTES) {
        throw problem(
            at,
            type + " declares size " + size,
            "a 32-bit size of at least 8 (no size 0 or 64-bit sizes in generated fragments)");
      }
      if (size > parentEnd - at) {
        throw problem(
            at,
            type + " declares " + size + " bytes but only " + (parentEnd - at) + " are left",
            "the whole box inside its parent");
      }
      return new Box(at, (int) size, type);
    }

    void expectType(Box box, String type, String expected) {
      if (!box.type().equals(type)) {
        throw problem(box.start(), "found " + box.type(), expected);
      }
    }

    void require(Box box, int bytesNeeded, String what) {
      if (box.size() < bytesNeeded) {
        throw problem(box.start(), box.type() + " is " + box.size() + " bytes", what);
      }
    }

    int fullBoxFlags(Box box) {
      require(box, BOX_HEADER_BYTES + 4, "a full box with version and flags");
      return int32(box.start() + BOX_HEADER_BYTES) & 0xFFFFFF;
    }

    boolean isUuid(Box box, byte[] uuid) {
      return Arrays.equals(
          bytes,
          box.start() + BOX_HEADER_BYTES,
          box.start() + BOX_HEADER_BYTES + UUID_BYTES,
          uuid,
          0,
          UUID_BYTES);
    }

    int int32(int at) {
      return ByteBuffer.wrap(bytes, at, 4).getInt();
    }

    LiveContentException problem(int offset, String problem, String expected) {
      return new LiveContentException(
          "stored fragment "
              + name
              + " at offset "
              + offset
              + ": "
              + problem
              + " (expected "
              + expected
              + ")");
    }
  }
}
