package org.smoothplayer.decoder.ffmpeg;

import java.nio.ByteBuffer;
import org.smoothplayer.decoder.codec.VideoCodecConfig.VideoCodec;

/**
 * Checks and rewrites the NAL units of H.264/HEVC samples before they reach native code:
 * length-prefixed samples (as stored in MP4) are walked exactly, then rewritten as Annex-B (each
 * NAL unit behind a {@code 00 00 00 01} start code).
 */
public final class NalUnits {

  /** Largest sample accepted, in bytes (far above any real access unit). */
  public static final int MAX_SAMPLE_BYTES = 16 << 20;

  /** Bytes of the Annex-B start code written before each NAL unit. */
  public static final int START_CODE_BYTES = 4;

  private static final int H264_SPS = 7;
  private static final int H264_PPS = 8;
  private static final int HEVC_VPS = 32;
  private static final int HEVC_SPS = 33;
  private static final int HEVC_PPS = 34;

  private NalUnits() {}

  /**
   * What a walk over NAL units found.
   *
   * @param nalUnitCount number of NAL units
   * @param annexBSizeBytes size of the same units in Annex-B form (4-byte start codes)
   * @param hasSps whether a sequence parameter set is among them
   * @param hasPps whether a picture parameter set is among them
   * @param hasVps whether an HEVC video parameter set is among them
   */
  public record Summary(
      int nalUnitCount, int annexBSizeBytes, boolean hasSps, boolean hasPps, boolean hasVps) {

    /** Whether the units carry every parameter set the codec needs to start decoding. */
    public boolean hasParameterSets(VideoCodec codec) {
      return hasSps && hasPps && (codec != VideoCodec.HEVC || hasVps);
    }
  }

  /**
   * Walks the length-prefixed NAL units of {@code sample} (from its position to its limit) without
   * moving it.
   *
   * @throws MalformedNalUnitsException unless the prefixes tile the sample exactly with non-empty
   *     units whose forbidden bit is clear
   */
  public static Summary walkLengthPrefixed(
      ByteBuffer sample, int nalLengthSizeBytes, VideoCodec codec) {
    checkLengthSize(nalLengthSizeBytes);
    int start = sample.position();
    int end = sample.limit();
    if (end - start > MAX_SAMPLE_BYTES) {
      throw new MalformedNalUnitsException(
          "sample of " + (end - start) + " bytes exceeds " + MAX_SAMPLE_BYTES, 0);
    }
    int count = 0;
    long annexB = 0;
    boolean sps = false;
    boolean pps = false;
    boolean vps = false;
    int at = start;
    while (at < end) {
      if (end - at < nalLengthSizeBytes) {
        throw new MalformedNalUnitsException(
            "truncated NAL length prefix: "
                + (end - at)
                + " bytes left, expected "
                + nalLengthSizeBytes,
            at - start);
      }
      long length = readLength(sample, at, nalLengthSizeBytes);
      at += nalLengthSizeBytes;
      if (length == 0) {
        throw new MalformedNalUnitsException(
            "zero-length NAL unit (wrong NAL length size or zeroed data?)", at - start);
      }
      if (length > end - at) {
        throw new MalformedNalUnitsException(
            "NAL unit of "
                + length
                + " bytes runs past the sample end ("
                + (end - at)
                + " bytes left): truncated sample or wrong NAL length size "
                + nalLengthSizeBytes,
            at - start);
      }
      int header = sample.get(at) & 0xFF;
      if ((header & 0x80) != 0) {
        throw new MalformedNalUnitsException(
            "NAL unit header 0x" + Integer.toHexString(header) + " has the forbidden bit set",
            at - start);
      }
      int type = nalType(header, codec);
      sps |= type == (codec == VideoCodec.HEVC ? HEVC_SPS : H264_SPS);
      pps |= type == (codec == VideoCodec.HEVC ? HEVC_PPS : H264_PPS);
      vps |= codec == VideoCodec.HEVC && type == HEVC_VPS;
      count++;
      annexB += START_CODE_BYTES + length;
      at += (int) length;
    }
    if (count == 0) {
      throw new MalformedNalUnitsException("sample holds no NAL unit", 0);
    }
    if (annexB > MAX_SAMPLE_BYTES) {
      throw new MalformedNalUnitsException(
          "sample of " + annexB + " Annex-B bytes exceeds " + MAX_SAMPLE_BYTES, 0);
    }
    return new Summary(count, (int) annexB, sps, pps, vps);
  }

  /**
   * Writes the length-prefixed NAL units of {@code sample} (already checked by {@link
   * #walkLengthPrefixed}) into {@code out} as Annex-B, from {@code out}'s position. Neither
   * buffer's position moves except {@code out}'s, which ends after the last byte written.
   */
  public static void writeAnnexB(ByteBuffer sample, int nalLengthSizeBytes, ByteBuffer out) {
    int at = sample.position();
    int end = sample.limit();
    ByteBuffer source = sample.duplicate();
    while (at < end) {
      int length = (int) readLength(sample, at, nalLengthSizeBytes);
      at += nalLengthSizeBytes;
      out.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 1);
      source.limit(at + length).position(at);
      out.put(source);
      source.limit(end);
      at += length;
    }
  }

  /**
   * Walks an Annex-B block of NAL units (e.g. parameter sets from a manifest): each unit preceded
   * by a 3- or 4-byte start code.
   *
   * @throws MalformedNalUnitsException if the block does not start with a start code, holds an
   *     empty unit or one with the forbidden bit set
   */
  public static Summary walkAnnexB(byte[] annexB, VideoCodec codec) {
    if (annexB.length > MAX_SAMPLE_BYTES) {
      throw new MalformedNalUnitsException(
          "parameter sets of " + annexB.length + " bytes exceed " + MAX_SAMPLE_BYTES, 0);
    }
    int at = startCodeEnd(annexB, 0);
    if (at < 0) {
      throw new MalformedNalUnitsException("expected a 00 00 01 start code", 0);
    }
    int count = 0;
    long size = 0;
    boolean sps = false;
    boolean pps = false;
    boolean vps = false;
    while (at < annexB.length) {
      int next = findStartCode(annexB, at);
      int unitEnd = next < 0 ? annexB.length : next;
      // A 4-byte start code's leading zero belongs to the start code, not to the unit before.
      while (unitEnd > at && next >= 0 && annexB[unitEnd - 1] == 0) {
        unitEnd--;
      }
      if (unitEnd <= at) {
        throw new MalformedNalUnitsException("empty NAL unit", at);
      }
      int header = annexB[at] & 0xFF;
      if ((header & 0x80) != 0) {
        throw new MalformedNalUnitsException(
            "NAL unit header 0x" + Integer.toHexString(header) + " has the forbidden bit set", at);
      }
      int type = nalType(header, codec);
      sps |= type == (codec == VideoCodec.HEVC ? HEVC_SPS : H264_SPS);
      pps |= type == (codec == VideoCodec.HEVC ? HEVC_PPS : H264_PPS);
      vps |= codec == VideoCodec.HEVC && type == HEVC_VPS;
      count++;
      size += START_CODE_BYTES + (unitEnd - at);
      if (next < 0) {
        break;
      }
      at = startCodeEnd(annexB, next);
    }
    if (count == 0) {
      throw new MalformedNalUnitsException("no NAL unit after the start code", annexB.length);
    }
    return new Summary(count, (int) size, sps, pps, vps);
  }

  private static int nalType(int header, VideoCodec codec) {
    return codec == VideoCodec.HEVC ? (header >> 1) & 0x3F : header & 0x1F;
  }

  /** Index just after a start code beginning at {@code at} (00 00 01 or 00 00 00 01), else -1. */
  private static int startCodeEnd(byte[] data, int at) {
    if (at + 3 <= data.length && data[at] == 0 && data[at + 1] == 0) {
      if (data[at + 2] == 1) {
        return at + 3;
      }
      if (at + 4 <= data.length && data[at + 2] == 0 && data[at + 3] == 1) {
        return at + 4;
      }
    }
    return -1;
  }

  /** Index of the next {@code 00 00 01} at or after {@code from}, else -1. */
  private static int findStartCode(byte[] data, int from) {
    for (int i = from; i + 2 < data.length; i++) {
      if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
        return i;
      }
    }
    return -1;
  }

  /** Big-endian unsigned length prefix, whatever the buffer's byte order. */
  private static long readLength(ByteBuffer sample, int at, int sizeBytes) {
    long value = 0;
    for (int i = 0; i < sizeBytes; i++) {
      value = (value << 8) | (sample.get(at + i) & 0xFFL);
    }
    return value;
  }

  private static void checkLengthSize(int nalLengthSizeBytes) {
    if (nalLengthSizeBytes != 1 && nalLengthSizeBytes != 2 && nalLengthSizeBytes != 4) {
      throw new IllegalArgumentException(
          "NAL length size must be 1, 2 or 4 bytes, was " + nalLengthSizeBytes);
    }
  }
}
