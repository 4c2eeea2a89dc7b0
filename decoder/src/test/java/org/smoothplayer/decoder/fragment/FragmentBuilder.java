package org.smoothplayer.decoder.fragment;

import static org.smoothplayer.decoder.fragment.TestBoxes.box;
import static org.smoothplayer.decoder.fragment.TestBoxes.concat;
import static org.smoothplayer.decoder.fragment.TestBoxes.fullBox;
import static org.smoothplayer.decoder.fragment.TestBoxes.u32;
import static org.smoothplayer.decoder.fragment.TestBoxes.u64;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a synthetic single-traf fragment ({@code moof} + {@code mdat}) with chosen tfhd/trun
 * versions and flags. Sample {@code i}'s bytes are all {@code i + 1}.
 */
public final class FragmentBuilder {
  /** How the base data offset is given. */
  public enum Base {
    /** tfhd base-data-offset (0x000001) = absolute offset of the mdat payload. */
    EXPLICIT,
    /** tfhd default-base-is-moof (0x020000). */
    DEFAULT_BASE_IS_MOOF,
    /** Neither: the first traf's base is the moof start anyway. */
    IMPLICIT
  }

  /** One sample as written; fields are only written when the flags say so. */
  public record Sample(long duration, int size, long flags, int compositionOffset) {}

  public long sequence = 7;
  public long trackId = 1;
  public Base base = Base.DEFAULT_BASE_IS_MOOF;
  public int tfhdDefaults; // subset of 0x08 | 0x10 | 0x20
  public long defaultDuration = 100;
  public int defaultSize = 10;
  public long defaultFlags = 0x0101_0000L;
  public int trunVersion;
  public int trunFlags = 0x000001 | 0x000100 | 0x000200 | 0x000400 | 0x000800;
  public long firstSampleFlags = 0x0200_0000L;
  public final List<Sample> samples = new ArrayList<>();
  public final List<byte[]> extraTrafBoxes = new ArrayList<>();
  public final List<byte[]> extraMoofBoxes = new ArrayList<>();

  /** Added to the correct data_offset (to point it elsewhere). */
  public long dataOffsetShift;

  public FragmentBuilder sample(long duration, int size, long flags, int compositionOffset) {
    samples.add(new Sample(duration, size, flags, compositionOffset));
    return this;
  }

  /** The size each sample really has in mdat (the default when trun carries no sizes). */
  public int effectiveSize(int i) {
    return (trunFlags & 0x200) != 0 ? samples.get(i).size() : defaultSize;
  }

  public byte[] build() {
    byte[] probe = moof(0, 0);
    long payloadStart = probe.length + 8L;
    long baseOffset = base == Base.EXPLICIT ? payloadStart : 0;
    long dataOffset = (base == Base.EXPLICIT ? 0 : payloadStart) + dataOffsetShift;
    byte[] moof = moof(baseOffset, dataOffset);
    ByteArrayOutputStream mdat = new ByteArrayOutputStream();
    for (int i = 0; i < samples.size(); i++) {
      byte[] bytes = new byte[effectiveSize(i)];
      Arrays.fill(bytes, (byte) (i + 1));
      mdat.writeBytes(bytes);
    }
    return concat(moof, box("mdat", mdat.toByteArray()));
  }

  public ByteBuffer buildBuffer() {
    return ByteBuffer.wrap(build());
  }

  private byte[] moof(long baseOffset, long dataOffset) {
    int flags = tfhdDefaults;
    ByteArrayOutputStream tfhd = new ByteArrayOutputStream();
    tfhd.writeBytes(u32(trackId));
    if (base == Base.EXPLICIT) {
      flags |= 0x000001;
      tfhd.writeBytes(u64(baseOffset));
    }
    if (base == Base.DEFAULT_BASE_IS_MOOF) {
      flags |= 0x020000;
    }
    if ((tfhdDefaults & 0x08) != 0) {
      tfhd.writeBytes(u32(defaultDuration));
    }
    if ((tfhdDefaults & 0x10) != 0) {
      tfhd.writeBytes(u32(defaultSize));
    }
    if ((tfhdDefaults & 0x20) != 0) {
      tfhd.writeBytes(u32(defaultFlags));
    }
    ByteArrayOutputStream trun = new ByteArrayOutputStream();
    trun.writeBytes(u32(samples.size()));
    if ((trunFlags & 0x1) != 0) {
      trun.writeBytes(u32(dataOffset));
    }
    if ((trunFlags & 0x4) != 0) {
      trun.writeBytes(u32(firstSampleFlags));
    }
    for (Sample s : samples) {
      if ((trunFlags & 0x100) != 0) {
        trun.writeBytes(u32(s.duration()));
      }
      if ((trunFlags & 0x200) != 0) {
        trun.writeBytes(u32(s.size()));
      }
      if ((trunFlags & 0x400) != 0) {
        trun.writeBytes(u32(s.flags()));
      }
      if ((trunFlags & 0x800) != 0) {
        trun.writeBytes(u32(s.compositionOffset()));
      }
    }
    List<byte[]> trafChildren = new ArrayList<>();
    trafChildren.add(fullBox("tfhd", 0, flags, tfhd.toByteArray()));
    trafChildren.add(fullBox("trun", trunVersion, trunFlags, trun.toByteArray()));
    trafChildren.addAll(extraTrafBoxes);
    List<byte[]> moofChildren = new ArrayList<>();
    moofChildren.add(fullBox("mfhd", 0, 0, u32(sequence)));
    moofChildren.add(box("traf", trafChildren.toArray(byte[][]::new)));
    moofChildren.addAll(extraMoofBoxes);
    return box("moof", moofChildren.toArray(byte[][]::new));
  }
}
