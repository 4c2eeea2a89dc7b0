package org.smoothplayer.assets.origin.live;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.assets.generate.LevelInfo;
import org.smoothplayer.assets.generate.PresentationInfo;
import org.smoothplayer.assets.generate.StreamInfo;

/**
 * Writes the live client Manifest ([MS-SSTR] 2.2.2): every stream and level of the presentation,
 * the given chunks (the first, and any after a gap, with {@code t}; the rest with {@code d} only).
 * While live: {@code IsLive="TRUE"}, {@code Duration="0"}, {@code LookAheadFragmentCount} and
 * {@code DVRWindowLength} (ticks, 0 = infinite). Once ended: {@code IsLive="FALSE"} and {@code
 * Duration} = the span of the listed chunks. With audio languages, the audio stream is listed once
 * per language ({@link LiveOptions#audioStreamName}, {@code Language}). A caption (text) stream is
 * listed like the generator lists it (Name, Subtype, Language, TimeScale). Stateless.
 */
final class LiveManifestWriter {
  /**
   * One listed chunk.
   *
   * @param startTicks public timestamp
   * @param durationTicks duration
   */
  record Chunk(long startTicks, long durationTicks) {}

  private LiveManifestWriter() {}

  /**
   * The Manifest text.
   *
   * @param info the presentation (levels, codec data)
   * @param chunks per stream of {@code info}, in the same order, the chunks to list
   * @param ended whether the broadcast has ended
   * @param lookaheadCount LookAheadFragmentCount
   * @param windowTicks DVRWindowLength
   * @param audioLanguages the languages the audio stream is listed in; empty for once, unnamed
   */
  static String write(
      PresentationInfo info,
      List<List<Chunk>> chunks,
      boolean ended,
      int lookaheadCount,
      long windowTicks,
      List<String> audioLanguages) {
    StringBuilder xml = new StringBuilder(4096);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<SmoothStreamingMedia MajorVersion=\"2\" MinorVersion=\"0\" TimeScale=\"")
        .append(info.timescale())
        .append("\" Duration=\"")
        .append(ended ? span(chunks) : 0)
        .append('"');
    if (ended) {
      xml.append(" IsLive=\"FALSE\"");
    } else {
      xml.append(" IsLive=\"TRUE\" LookAheadFragmentCount=\"").append(lookaheadCount);
      xml.append("\" DVRWindowLength=\"").append(windowTicks).append('"');
    }
    xml.append(">\n");
    for (int s = 0; s < info.streams().size(); s++) {
      StreamInfo stream = info.streams().get(s);
      if (stream.type().equals("audio") && !audioLanguages.isEmpty()) {
        for (String language : audioLanguages) {
          writeStream(
              xml,
              stream,
              info.timescale(),
              chunks.get(s),
              LiveOptions.audioStreamName(language),
              language);
        }
      } else {
        writeStream(
            xml,
            stream,
            info.timescale(),
            chunks.get(s),
            stream.name(),
            stream.language().isEmpty() ? null : stream.language());
      }
    }
    xml.append("</SmoothStreamingMedia>\n");
    return xml.toString();
  }

  /** From the earliest listed start to the latest listed end, over all streams; 0 if none. */
  private static long span(List<List<Chunk>> chunks) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (List<Chunk> stream : chunks) {
      if (!stream.isEmpty()) {
        first = Math.min(first, stream.get(0).startTicks());
        Chunk end = stream.get(stream.size() - 1);
        last = Math.max(last, end.startTicks() + end.durationTicks());
      }
    }
    return first == Long.MAX_VALUE ? 0 : last - first;
  }

  /**
   * One StreamIndex: {@code name} in its Name and Url (the stream's own name when it is listed
   * once), {@code language} as its Language attribute (none when null); a text stream also gets its
   * Subtype and TimeScale, and QualityLevels without codec data.
   */
  private static void writeStream(
      StringBuilder xml,
      StreamInfo stream,
      long timescale,
      List<Chunk> chunks,
      String name,
      @Nullable String language) {
    String type = escape(stream.type());
    boolean video = stream.type().equals("video");
    boolean text = stream.type().equals("text");
    xml.append("  <StreamIndex Type=\"").append(type);
    xml.append("\" Name=\"").append(escape(name));
    if (!stream.subtype().isEmpty()) {
      xml.append("\" Subtype=\"").append(escape(stream.subtype()));
    }
    if (language != null) {
      xml.append("\" Language=\"").append(escape(language));
    }
    if (text) {
      xml.append("\" TimeScale=\"").append(timescale);
    }
    xml.append("\" Chunks=\"").append(chunks.size());
    xml.append("\" QualityLevels=\"").append(stream.levels().size());
    xml.append("\" Url=\"QualityLevels({bitrate})/Fragments(")
        .append(escape(name))
        .append("={start time})\"");
    if (video) {
      int maxWidth = stream.levels().stream().mapToInt(LevelInfo::widthPx).max().orElse(0);
      int maxHeight = stream.levels().stream().mapToInt(LevelInfo::heightPx).max().orElse(0);
      xml.append(" MaxWidth=\"").append(maxWidth).append("\" MaxHeight=\"").append(maxHeight);
      xml.append("\" DisplayWidth=\"").append(maxWidth);
      xml.append("\" DisplayHeight=\"").append(maxHeight).append('"');
    }
    xml.append(">\n");
    for (LevelInfo level : stream.levels()) {
      xml.append("    <QualityLevel Index=\"").append(level.index());
      xml.append("\" Bitrate=\"").append(level.bitrateBps());
      xml.append("\" FourCC=\"").append(escape(level.fourCc())).append('"');
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
      xml.append(" CodecPrivateData=\"")
          .append(escape(level.codecPrivateDataHex()))
          .append("\"/>\n");
    }
    long previousEnd = Long.MIN_VALUE;
    for (Chunk chunk : chunks) {
      xml.append("    <c");
      if (chunk.startTicks() != previousEnd) {
        xml.append(" t=\"").append(chunk.startTicks()).append('"');
      }
      xml.append(" d=\"").append(chunk.durationTicks()).append("\"/>\n");
      previousEnd = chunk.startTicks() + chunk.durationTicks();
    }
    xml.append("  </StreamIndex>\n");
  }

  /** Escapes text for a double-quoted XML attribute value. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> out.append(c < 0x20 ? ' ' : c);
      }
    }
    return out.toString();
  }
}
