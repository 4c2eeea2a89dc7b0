package org.smoothplayer.assets.origin.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.mp4parser.Box;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.MovieFragmentBox;
import org.mp4parser.boxes.iso14496.part12.MovieFragmentHeaderBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentBox;
import org.mp4parser.boxes.iso14496.part12.TrackRunBox;
import org.mp4parser.boxes.microsoft.TfrfBox;
import org.mp4parser.boxes.microsoft.TfxdBox;
import org.mp4parser.tools.ByteBufferByteChannel;

/**
 * A fragment parsed with mp4parser (independent of the rewriter under test); the samples are cut
 * out at the trun data_offset, and they must end exactly at the end of the fragment.
 *
 * @param trafChildren types of the traf's children, tfxd/tfrf named as such
 * @param sequenceNumber mfhd sequence number
 * @param tfxdTime tfxd fragment absolute time
 * @param tfxdDuration tfxd fragment duration
 * @param tfrf the tfrf entries as (time, duration), or null without a tfrf box
 * @param samples sample bytes in order
 */
record ParsedLiveFragment(
    List<String> trafChildren,
    long sequenceNumber,
    long tfxdTime,
    long tfxdDuration,
    List<LiveTestContent.Chunk> tfrf,
    boolean hasTfrf,
    List<byte[]> samples) {

  static ParsedLiveFragment parse(byte[] bytes) throws IOException {
    assertBoxesTile(bytes);
    try (IsoFile iso = new IsoFile(new ByteBufferByteChannel(bytes.clone()))) {
      List<String> top = iso.getBoxes().stream().map(Box::getType).toList();
      if (!top.equals(List.of("moof", "mdat"))) {
        throw new IOException("top-level boxes " + top + ", expected [moof, mdat]");
      }
      MovieFragmentBox moof = iso.getBoxes(MovieFragmentBox.class).get(0);
      TrackFragmentBox traf = moof.getBoxes(TrackFragmentBox.class).get(0);
      List<String> children =
          traf.getBoxes().stream()
              .map(b -> b instanceof TfxdBox ? "tfxd" : b instanceof TfrfBox ? "tfrf" : b.getType())
              .toList();
      TrackRunBox trun = traf.getBoxes(TrackRunBox.class).get(0);
      List<byte[]> samples = new ArrayList<>();
      int offset = trun.getDataOffset(); // from the start of moof, which is at 0
      for (TrackRunBox.Entry entry : trun.getEntries()) {
        int size = (int) entry.getSampleSize();
        byte[] sample = new byte[size];
        System.arraycopy(bytes, offset, sample, 0, size);
        samples.add(sample);
        offset += size;
      }
      if (offset != bytes.length) {
        throw new IOException("samples end at " + offset + ", fragment has " + bytes.length);
      }
      TfxdBox tfxd = traf.getBoxes(TfxdBox.class).get(0);
      List<TfrfBox> tfrfs = traf.getBoxes(TfrfBox.class);
      List<LiveTestContent.Chunk> entries = new ArrayList<>();
      if (!tfrfs.isEmpty()) {
        for (TfrfBox.Entry e : tfrfs.get(0).getEntries()) {
          entries.add(
              new LiveTestContent.Chunk(
                  e.getFragmentAbsoluteTime(), e.getFragmentAbsoluteDuration()));
        }
      }
      return new ParsedLiveFragment(
          children,
          moof.getBoxes(MovieFragmentHeaderBox.class).get(0).getSequenceNumber(),
          tfxd.getFragmentAbsoluteTime(),
          tfxd.getFragmentAbsoluteDuration(),
          entries,
          !tfrfs.isEmpty(),
          samples);
    }
  }

  /** Every container's children exactly fill it (moof, traf), and moof + mdat fill the file. */
  private static void assertBoxesTile(byte[] bytes) throws IOException {
    int moofSize = readInt(bytes, 0);
    int mdatSize = readInt(bytes, moofSize);
    if (moofSize + mdatSize != bytes.length) {
      throw new IOException("moof " + moofSize + " + mdat " + mdatSize + " != " + bytes.length);
    }
    int at = 8;
    while (at < moofSize) {
      int size = readInt(bytes, at);
      String type = new String(bytes, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
      if (type.equals("traf")) {
        int inner = at + 8;
        while (inner < at + size) {
          inner += readInt(bytes, inner);
        }
        if (inner != at + size) {
          throw new IOException("traf children end at " + inner + ", traf at " + (at + size));
        }
      }
      at += size;
    }
    if (at != moofSize) {
      throw new IOException("moof children end at " + at + ", moof at " + moofSize);
    }
  }

  private static int readInt(byte[] bytes, int at) {
    return java.nio.ByteBuffer.wrap(bytes, at, 4).getInt();
  }
}
