package org.smoothplayer.assets.generate;

import java.util.List;

/** Writes the Smooth Streaming client Manifest ([MS-SSTR] 2.2.2) from what was encoded. */
final class ManifestWriter {
  private ManifestWriter() {}

  /** The Manifest text of {@code info} in the spec's {@link ManifestStyle}. */
  static String write(PresentationInfo info) {
    PresentationSpec spec = info.spec();
    ManifestStyle style = spec.manifestStyle();
    StringBuilder xml = new StringBuilder(4096);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<SmoothStreamingMedia MajorVersion=\"2\" MinorVersion=\"")
        .append(style == ManifestStyle.REPEAT ? 2 : 0)
        .append("\" TimeScale=\"")
        .append(info.timescale())
        .append("\" Duration=\"")
        .append(spec.durationTicks())
        .append("\">\n");
    for (StreamInfo stream : info.streams()) {
      writeStream(xml, stream, style);
    }
    xml.append("</SmoothStreamingMedia>\n");
    return xml.toString();
  }

  private static void writeStream(StringBuilder xml, StreamInfo stream, ManifestStyle style) {
    boolean video = stream.type().equals("video");
    boolean text = stream.type().equals(CaptionTrack.TYPE);
    xml.append("  <StreamIndex Type=\"")
        .append(stream.type())
        .append("\" Name=\"")
        .append(stream.name());
    if (text) {
      // A text stream states its kind, language and timescale (the streams' default is the root's).
      xml.append("\" Subtype=\"").append(stream.subtype());
      xml.append("\" Language=\"").append(stream.language());
      xml.append("\" TimeScale=\"").append(PresentationSpec.TIMESCALE);
    }
    xml.append("\" Chunks=\"")
        .append(stream.fragments().size())
        .append("\" QualityLevels=\"")
        .append(stream.levels().size())
        .append("\" Url=\"QualityLevels({bitrate})/Fragments(")
        .append(stream.name())
        .append("={start time})\"");
    if (video) {
      int maxWidth = stream.levels().stream().mapToInt(LevelInfo::widthPx).max().orElseThrow();
      int maxHeight = stream.levels().stream().mapToInt(LevelInfo::heightPx).max().orElseThrow();
      xml.append(" MaxWidth=\"").append(maxWidth).append("\" MaxHeight=\"").append(maxHeight);
      xml.append("\" DisplayWidth=\"").append(maxWidth);
      xml.append("\" DisplayHeight=\"").append(maxHeight).append('"');
    }
    xml.append(">\n");
    for (LevelInfo level : stream.levels()) {
      xml.append("    <QualityLevel Index=\"")
          .append(level.index())
          .append("\" Bitrate=\"")
          .append(level.bitrateBps())
          .append("\" FourCC=\"")
          .append(level.fourCc())
          .append('"');
      if (text) {
        xml.append("/>\n"); // TTML needs no codec data
        continue;
      }
      if (video) {
        xml.append(" MaxWidth=\"").append(level.widthPx());
        xml.append("\" MaxHeight=\"").append(level.heightPx()).append('"');
      } else {
        xml.append(" SamplingRate=\"").append(level.samplingRateHz());
        xml.append("\" Channels=\"").append(level.channels());
        xml.append("\" BitsPerSample=\"16\" PacketSize=\"").append(level.packetSizeBytes());
        xml.append("\" AudioTag=\"").append(level.audioTag()).append('"');
      }
      xml.append(" CodecPrivateData=\"").append(level.codecPrivateDataHex()).append("\"/>\n");
    }
    writeChunks(xml, stream.fragments(), style);
    xml.append("  </StreamIndex>\n");
  }

  private static void writeChunks(
      StringBuilder xml, List<FragmentInfo> fragments, ManifestStyle style) {
    switch (style) {
      case PLAIN -> {
        for (FragmentInfo f : fragments) {
          xml.append("    <c d=\"").append(f.durationTicks()).append("\"/>\n");
        }
      }
      case TIMED -> {
        for (FragmentInfo f : fragments) {
          xml.append("    <c t=\"").append(f.startTicks());
          xml.append("\" d=\"").append(f.durationTicks()).append("\"/>\n");
        }
      }
      case REPEAT -> {
        int i = 0;
        while (i < fragments.size()) {
          long duration = fragments.get(i).durationTicks();
          int run = 1;
          while (i + run < fragments.size() && fragments.get(i + run).durationTicks() == duration) {
            run++;
          }
          xml.append("    <c");
          if (i == 0) {
            xml.append(" t=\"").append(fragments.get(0).startTicks()).append('"');
          }
          xml.append(" d=\"").append(duration).append('"');
          if (run > 1) {
            xml.append(" r=\"").append(run).append('"');
          }
          xml.append("/>\n");
          i += run;
        }
      }
    }
  }
}
