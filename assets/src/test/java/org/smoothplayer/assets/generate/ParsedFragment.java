package org.smoothplayer.assets.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mp4parser.Box;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.MovieFragmentBox;
import org.mp4parser.boxes.iso14496.part12.MovieFragmentHeaderBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentBox;
import org.mp4parser.boxes.iso14496.part12.TrackFragmentHeaderBox;
import org.mp4parser.boxes.iso14496.part12.TrackRunBox;
import org.mp4parser.boxes.microsoft.TfrfBox;
import org.mp4parser.boxes.microsoft.TfxdBox;

/** A fragment file parsed with mp4parser (independent of the writer under test). */
record ParsedFragment(
    List<String> topLevelTypes,
    List<String> trafChildTypes,
    long sequenceNumber,
    TrackFragmentHeaderBox tfhd,
    TrackRunBox trun,
    TfxdBox tfxd,
    List<TfrfBox> tfrf,
    List<byte[]> samples) {

  static ParsedFragment read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try (IsoFile iso = new IsoFile(file.toFile())) {
      List<String> top = iso.getBoxes().stream().map(Box::getType).toList();
      MovieFragmentBox moof = iso.getBoxes(MovieFragmentBox.class).get(0);
      TrackFragmentBox traf = moof.getBoxes(TrackFragmentBox.class).get(0);
      List<String> trafChildren =
          traf.getBoxes().stream()
              .map(b -> b instanceof TfxdBox ? "tfxd" : b instanceof TfrfBox ? "tfrf" : b.getType())
              .toList();
      TrackRunBox trun = traf.getBoxes(TrackRunBox.class).get(0);
      List<byte[]> samples = new ArrayList<>();
      int offset = trun.getDataOffset(); // relative to the start of moof, which is at 0
      for (TrackRunBox.Entry entry : trun.getEntries()) {
        int size = (int) entry.getSampleSize();
        byte[] sample = new byte[size];
        System.arraycopy(bytes, offset, sample, 0, size);
        samples.add(sample);
        offset += size;
      }
      if (offset != bytes.length) {
        throw new IOException("samples end at " + offset + ", file has " + bytes.length + " bytes");
      }
      return new ParsedFragment(
          top,
          trafChildren,
          moof.getBoxes(MovieFragmentHeaderBox.class).get(0).getSequenceNumber(),
          traf.getBoxes(TrackFragmentHeaderBox.class).get(0),
          trun,
          traf.getBoxes(TfxdBox.class).get(0),
          traf.getBoxes(TfrfBox.class),
          samples);
    }
  }
}
