package org.smoothplayer.app.manifest;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A stable, human-readable text form of a {@link Manifest}: every attribute of the model, every
 * timeline run, the first fragment URL of each level. Used by golden tests and {@code --dump}-style
 * debugging; the format only changes together with the goldens.
 */
public final class ManifestDump {
  private ManifestDump() {}

  /** Dumps the whole manifest; lines end with {@code \n}. */
  public static String dump(Manifest m) {
    StringBuilder sb = new StringBuilder();
    sb.append("SmoothStreamingMedia\n");
    line(sb, 1, "MajorVersion=" + m.majorVersion() + " MinorVersion=" + m.minorVersion());
    line(
        sb,
        1,
        "TimeScale="
            + m.timeScale()
            + " Duration="
            + m.durationTicks()
            + " ("
            + m.durationUs()
            + " us) IsLive="
            + m.live());
    line(
        sb,
        1,
        "LookAheadFragmentCount="
            + m.lookAheadFragmentCount()
            + " DVRWindowLength="
            + m.dvrWindowTicks()
            + " ("
            + m.dvrWindowUs()
            + " us) CanSeek="
            + m.canSeek()
            + " CanPause="
            + m.canPause());
    if (!m.customAttributes().isEmpty()) {
      line(sb, 1, "CustomAttributes: " + attributes(m.customAttributes()));
    }
    Optional<Protection> protection = m.protection();
    if (protection.isEmpty()) {
      line(sb, 1, "Protection: none");
    } else {
      line(sb, 1, "Protection: " + protection.get().headers().size() + " header(s)");
      for (ProtectionHeader h : protection.get().headers()) {
        line(
            sb,
            2,
            "SystemID="
                + h.systemId()
                + " normalized="
                + h.normalizedSystemId()
                + " playReady="
                + h.isPlayReady()
                + " data="
                + h.dataBase64().length()
                + " base64 chars");
      }
    }
    int s = 0;
    for (StreamIndex stream : m.streams()) {
      stream(sb, m.baseUri(), s++, stream);
    }
    return sb.toString();
  }

  private static void stream(StringBuilder sb, URI base, int number, StreamIndex s) {
    line(
        sb,
        0,
        "StreamIndex #"
            + number
            + " (line "
            + s.line()
            + ") Type="
            + s.type().keyword()
            + " Subtype="
            + quote(s.subtype())
            + " Name="
            + quote(s.name())
            + " Language="
            + quote(s.language()));
    line(sb, 1, "Url=" + quote(s.urlTemplate()));
    line(
        sb,
        1,
        "TimeScale="
            + s.timeScale()
            + " Chunks(declared)="
            + s.declaredChunks()
            + " QualityLevels(declared)="
            + s.declaredQualityLevels()
            + " Max="
            + s.maxWidthPx()
            + "x"
            + s.maxHeightPx()
            + " Display="
            + s.displayWidthPx()
            + "x"
            + s.displayHeightPx()
            + " ParentStreamIndex="
            + quote(s.parentStreamIndex())
            + " ManifestOutput="
            + s.manifestOutput());
    for (QualityLevel q : s.qualityLevels()) {
      line(
          sb,
          1,
          "QualityLevel (line "
              + q.line()
              + ") Index="
              + q.index()
              + " Bitrate="
              + q.bitrateBps()
              + " FourCC="
              + quote(q.fourCc())
              + " Max="
              + q.maxWidthPx()
              + "x"
              + q.maxHeightPx()
              + " SamplingRate="
              + q.samplingRateHz()
              + " Channels="
              + q.channels()
              + " BitsPerSample="
              + q.bitsPerSample()
              + " PacketSize="
              + q.packetSizeBytes()
              + " AudioTag="
              + q.audioTag()
              + " NALUnitLengthField="
              + q.nalUnitLengthField());
      line(sb, 2, "CodecPrivateData=" + quote(q.codecPrivateDataHex()));
      if (!q.customAttributes().isEmpty()) {
        line(sb, 2, "CustomAttributes: " + attributes(q.customAttributes()));
      }
      line(sb, 2, "first URL: " + s.fragmentUri(base, q, 0).map(URI::toString).orElse("-"));
    }
    ChunkTimeline t = s.timeline();
    line(
        sb,
        1,
        "Timeline: "
            + t.chunkCount()
            + " chunks in "
            + t.runCount()
            + " runs, "
            + t.startUs()
            + " us .. "
            + t.endUs()
            + " us"
            + (t.lastDurationKnown() ? "" : " (last duration unknown)"));
    for (int r = 0; r < t.runCount(); r++) {
      ChunkTimeline.Run run = t.run(r);
      Chunk first = t.chunk(run.firstIndex());
      int lastIndex = run.firstIndex() + run.count() - 1;
      Chunk last = t.chunk(lastIndex);
      line(
          sb,
          2,
          "chunks "
              + run.firstIndex()
              + ".."
              + lastIndex
              + ": t="
              + run.startTicks()
              + " d="
              + run.durationTicks()
              + " x"
              + run.count()
              + " ("
              + first.startUs()
              + " us .. "
              + last.endUs()
              + " us)");
    }
    for (int i : t.chunksWithParts()) {
      line(
          sb,
          2,
          "chunk "
              + i
              + " parts: "
              + t.parts(i).stream().map(ManifestDump::part).collect(Collectors.joining("; ")));
    }
  }

  private static String part(FragmentPart p) {
    StringBuilder sb = new StringBuilder("f i=").append(p.trackIndex());
    p.attributes().forEach((k, v) -> sb.append(' ').append(k).append('=').append(quote(v)));
    if (!p.content().isEmpty()) {
      sb.append(" content=").append(quote(p.content()));
    }
    return sb.toString();
  }

  private static String attributes(List<CustomAttribute> attributes) {
    return attributes.stream()
        .map(a -> a.name() + "=" + quote(a.value()))
        .collect(Collectors.joining(", "));
  }

  private static String quote(@Nullable String s) {
    return s == null ? "-" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void line(StringBuilder sb, int indent, String text) {
    sb.append("  ".repeat(indent)).append(text).append('\n');
  }
}
