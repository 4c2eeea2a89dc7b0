package org.smoothplayer.decoder.fragment;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** A stable text dump of a parsed fragment, for golden files. */
public final class FragmentDump {
  private FragmentDump() {}

  /** Dumps every field of the fragment and one line per sample (with a CRC-32 of its bytes). */
  public static String dump(Fragment f) {
    StringBuilder sb = new StringBuilder();
    sb.append("sequence ").append(f.sequenceNumber()).append('\n');
    sb.append("startTicks ").append(f.startTicks()).append('\n');
    sb.append("durationTicks ").append(f.durationTicks()).append('\n');
    sb.append("tfxd ")
        .append(
            f.tfxd()
                .map(t -> "time=" + t.absoluteTimeTicks() + " duration=" + t.durationTicks())
                .orElse("none"))
        .append('\n');
    sb.append("tfrf ").append(f.lookahead().size()).append('\n');
    for (TfrfEntry e : f.lookahead()) {
      sb.append("  time=")
          .append(e.absoluteTimeTicks())
          .append(" duration=")
          .append(e.durationTicks())
          .append('\n');
    }
    sb.append("encrypted ").append(f.encrypted()).append('\n');
    long keys = f.samples().stream().filter(EncodedSample::keyFrame).count();
    sb.append("samples ").append(f.samples().size()).append(" keyFrames ").append(keys);
    sb.append('\n');
    sb.append("# index decodeUs presentationUs durationUs size key crc32\n");
    int i = 0;
    for (EncodedSample s : f.samples()) {
      sb.append(i++)
          .append(' ')
          .append(s.decodeTimeUs())
          .append(' ')
          .append(s.presentationTimeUs())
          .append(' ')
          .append(s.durationUs())
          .append(' ')
          .append(s.sizeBytes())
          .append(' ')
          .append(s.keyFrame() ? "K" : "-")
          .append(' ')
          .append(String.format("%08x", crc(s.data())))
          .append('\n');
    }
    return sb.toString();
  }

  static long crc(ByteBuffer data) {
    CRC32 crc = new CRC32();
    crc.update(data.duplicate());
    return crc.getValue();
  }
}
