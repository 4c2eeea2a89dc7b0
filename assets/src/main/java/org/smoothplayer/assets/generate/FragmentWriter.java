package org.smoothplayer.assets.generate;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes one Smooth Streaming fragment: {@code moof(mfhd, traf(tfhd, trun, tfxd, [tfrf])) + mdat}
 * ([MS-SSTR] 2.2.4, ISO/IEC 14496-12 movie fragments). Times are in 10 MHz ticks.
 */
final class FragmentWriter {
  /** Smooth Streaming tfxd box (fragment absolute time and duration). */
  static final byte[] TFXD_UUID = HexFormat.of().parseHex("6D1D9B0542D544E680E2141DAFF757B2");

  /** Smooth Streaming tfrf box (times of the following fragments). */
  static final byte[] TFRF_UUID = HexFormat.of().parseHex("D4807EF2CA3946958E5426CB9E46A79F");

  /** Flags of a sync sample: depends on no other sample. */
  static final int SYNC_SAMPLE_FLAGS = 0x02000000;

  /** Flags of a non-sync sample: depends on others, is a non-sync sample. */
  static final int NON_SYNC_SAMPLE_FLAGS = 0x01010000;

  /** Track ID written in tfhd (each fragment file holds a single track). */
  static final int TRACK_ID = 1;

  private static final int TRUN_DATA_OFFSET = 0x000001;
  private static final int TRUN_SAMPLE_DURATION = 0x000100;
  private static final int TRUN_SAMPLE_SIZE = 0x000200;
  private static final int TRUN_SAMPLE_FLAGS = 0x000400;
  private static final int TRUN_SAMPLE_CTO = 0x000800;
  private static final int TFHD_DEFAULT_SAMPLE_FLAGS = 0x000020;

  /**
   * One sample of a fragment.
   *
   * @param data sample bytes (length-prefixed NAL units, a raw AAC frame or an E-AC-3 syncframe)
   * @param durationTicks decode duration
   * @param sync whether it is a sync sample
   * @param compositionOffsetTicks presentation minus decode time (signed; 0 for audio)
   */
  record Sample(byte[] data, long durationTicks, boolean sync, long compositionOffsetTicks) {}

  /**
   * A following fragment announced in tfrf.
   *
   * @param startTicks its start time
   * @param durationTicks its duration
   */
  record Lookahead(long startTicks, long durationTicks) {}

  private FragmentWriter() {}

  /**
   * Writes the fragment to {@code out}.
   *
   * @param sequenceNumber mfhd sequence number (fragment index + 1)
   * @param video whether per-sample flags and composition offsets are written (trun version 1)
   * @return the number of bytes written
   */
  static long write(
      OutputStream out,
      int sequenceNumber,
      boolean video,
      List<Sample> samples,
      long startTicks,
      long durationTicks,
      List<Lookahead> lookahead)
      throws IOException {
    byte[] mfhd = fullBox("mfhd", 0, 0, b -> b.writeInt(sequenceNumber));
    byte[] tfhd =
        video
            ? fullBox("tfhd", 0, 0, b -> b.writeInt(TRACK_ID))
            : fullBox(
                "tfhd",
                0,
                TFHD_DEFAULT_SAMPLE_FLAGS,
                b -> {
                  b.writeInt(TRACK_ID);
                  b.writeInt(SYNC_SAMPLE_FLAGS);
                });
    byte[] tfxd =
        uuidBox(
            TFXD_UUID,
            b -> {
              b.writeInt(0x01000000); // version 1, flags 0
              b.writeLong(startTicks);
              b.writeLong(durationTicks);
            });
    byte[] tfrf =
        lookahead.isEmpty()
            ? new byte[0]
            : uuidBox(
                TFRF_UUID,
                b -> {
                  b.writeInt(0x01000000); // version 1, flags 0
                  b.writeByte(lookahead.size());
                  for (Lookahead next : lookahead) {
                    b.writeLong(next.startTicks());
                    b.writeLong(next.durationTicks());
                  }
                });
    int trunFlags =
        TRUN_DATA_OFFSET
            | TRUN_SAMPLE_DURATION
            | TRUN_SAMPLE_SIZE
            | (video ? TRUN_SAMPLE_FLAGS | TRUN_SAMPLE_CTO : 0);
    int perSampleBytes = video ? 16 : 8;
    int trunSize = 8 + 4 + 4 + 4 + perSampleBytes * samples.size();
    int trafSize = 8 + tfhd.length + trunSize + tfxd.length + tfrf.length;
    int moofSize = 8 + mfhd.length + trafSize;
    long mdatPayload = 0;
    for (Sample sample : samples) {
      mdatPayload += sample.data().length;
    }
    long mdatSize = 8 + mdatPayload;
    if (mdatSize > Integer.MAX_VALUE) {
      throw new GenerationException("fragment too large: " + mdatSize + " bytes");
    }
    int dataOffset = moofSize + 8; // from the start of moof to the first sample byte
    byte[] trun =
        fullBox(
            "trun",
            video ? 1 : 0,
            trunFlags,
            b -> {
              b.writeInt(samples.size());
              b.writeInt(dataOffset);
              for (Sample sample : samples) {
                b.writeInt(Math.toIntExact(sample.durationTicks()));
                b.writeInt(sample.data().length);
                if (video) {
                  b.writeInt(sample.sync() ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS);
                  b.writeInt(Math.toIntExact(sample.compositionOffsetTicks()));
                }
              }
            });
    if (trun.length != trunSize) {
      throw new IllegalStateException("trun size " + trun.length + " != " + trunSize);
    }
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(moofSize);
    data.writeBytes("moof");
    data.write(mfhd);
    data.writeInt(trafSize);
    data.writeBytes("traf");
    data.write(tfhd);
    data.write(trun);
    data.write(tfxd);
    data.write(tfrf);
    data.writeInt((int) mdatSize);
    data.writeBytes("mdat");
    for (Sample sample : samples) {
      data.write(sample.data());
    }
    data.flush();
    return moofSize + mdatSize;
  }

  @FunctionalInterface
  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] fullBox(String type, int version, int flags, Body body) throws IOException {
    return box(
        type,
        b -> {
          b.writeInt((version << 24) | flags);
          body.write(b);
        });
  }

  private static byte[] uuidBox(byte[] uuid, Body body) throws IOException {
    return box(
        "uuid",
        b -> {
          b.write(uuid);
          body.write(b);
        });
  }

  private static byte[] box(String type, Body body) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    body.write(new DataOutputStream(content));
    ByteArrayOutputStream box = new ByteArrayOutputStream(content.size() + 8);
    DataOutputStream out = new DataOutputStream(box);
    out.writeInt(content.size() + 8);
    out.writeBytes(type);
    content.writeTo(out);
    out.flush();
    return box.toByteArray();
  }
}
