package org.smoothplayer.assets.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The caption (text) stream of a spec with {@link PresentationSpec#captions()}: one TTML document
 * per video fragment, with the same start and duration, times relative to the fragment start (the
 * Smooth Streaming convention) in ticks of {@link PresentationSpec#TIMESCALE}.
 *
 * <p>Content of fragment {@code k} (start {@code S}, end {@code E}, in ms): a cue from {@code S +
 * m} to {@code E - m}, {@code m = min(100, (E - S) / 4)}, with the lines {@code Caption k} and
 * {@code S to E} as clock times ({@code 0:06.0 to 0:08.0}); every fourth fragment ({@code k % 4 ==
 * 3}) has a second cue of up to 500 ms: {@code [flash]} at the first flash inside the fragment, or
 * {@code [cue 2]} at its middle when there is none. Stateless.
 */
public final class CaptionTrack {
  /** StreamIndex Type. */
  public static final String TYPE = "text";

  /** StreamIndex Name, also the stream name in the fragment URLs. */
  public static final String STREAM_NAME = "textstream_eng";

  /** StreamIndex Subtype: captions. */
  public static final String SUBTYPE = "CAPT";

  /** StreamIndex Language (ISO 639-2). */
  public static final String LANGUAGE = "eng";

  /** The documents' {@code xml:lang}. */
  public static final String XML_LANG = "en";

  /** Nominal bitrate of the single QualityLevel (and its folder name). */
  public static final long BITRATE_BPS = 1_000;

  /** QualityLevel FourCC. */
  public static final String FOUR_CC = "TTML";

  /** TTML namespace of every element. */
  public static final String TTML_NAMESPACE = "http://www.w3.org/ns/ttml";

  /** TTML parameter namespace ({@code ttp:tickRate}). */
  public static final String TTML_PARAMETER_NAMESPACE = "http://www.w3.org/ns/ttml#parameter";

  /** Gap between the fragment edges and its main cue (less for fragments under 400 ms). */
  static final long CUE_MARGIN_MS = 100;

  /** Every fragment {@code k} with {@code k % EXTRA_CUE_PERIOD == EXTRA_CUE_PERIOD - 1}. */
  static final int EXTRA_CUE_PERIOD = 4;

  /** Longest extra cue (cut at the fragment end). */
  static final long EXTRA_CUE_MS = 500;

  private static final long TICKS_PER_MS = PresentationSpec.TIMESCALE / 1000;

  /**
   * One cue of a document, relative to the fragment start.
   *
   * @param beginMs start after the fragment start
   * @param endMs end after the fragment start, after {@code beginMs}
   * @param lines text lines, top to bottom
   */
  record Cue(long beginMs, long endMs, List<String> lines) {}

  private CaptionTrack() {}

  /** Start of fragment {@code k} in ms. */
  static long fragmentStartMs(PresentationSpec spec, int fragment) {
    return Math.min(fragment * spec.fragmentDurationMs(), spec.durationMs());
  }

  /** The cues of fragment {@code fragment}, sorted by start (see the class comment). */
  static List<Cue> cues(PresentationSpec spec, int fragment) {
    long startMs = fragmentStartMs(spec, fragment);
    long durationMs = fragmentStartMs(spec, fragment + 1) - startMs;
    long marginMs = Math.min(CUE_MARGIN_MS, durationMs / 4);
    List<Cue> cues = new ArrayList<>();
    cues.add(
        new Cue(
            marginMs,
            durationMs - marginMs,
            List.of(
                "Caption " + fragment,
                clockTime(startMs) + " to " + clockTime(startMs + durationMs))));
    if (fragment % EXTRA_CUE_PERIOD == EXTRA_CUE_PERIOD - 1) {
      long flashMs =
          spec.flashTimesMs().stream()
              .filter(t -> t >= startMs && t < startMs + durationMs)
              .findFirst()
              .orElse(-1L);
      long beginMs = flashMs >= 0 ? flashMs - startMs : durationMs / 2;
      cues.add(
          new Cue(
              beginMs,
              Math.min(durationMs, beginMs + EXTRA_CUE_MS),
              List.of(flashMs >= 0 ? "[flash]" : "[cue 2]")));
    }
    cues.sort(Comparator.comparingLong(Cue::beginMs));
    return cues;
  }

  /** The cues of fragment {@code fragment} on the presentation timeline. */
  static List<CueInfo> cueInfos(PresentationSpec spec, int fragment) {
    long startMs = fragmentStartMs(spec, fragment);
    return cues(spec, fragment).stream()
        .map(
            c ->
                new CueInfo(
                    fragment,
                    (startMs + c.beginMs()) * 1000,
                    (startMs + c.endMs()) * 1000,
                    c.lines()))
        .toList();
  }

  /** The UTF-8 TTML document of fragment {@code fragment}. */
  static byte[] document(PresentationSpec spec, int fragment) {
    StringBuilder xml = new StringBuilder(512);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<tt xmlns=\"").append(TTML_NAMESPACE);
    xml.append("\" xmlns:ttp=\"").append(TTML_PARAMETER_NAMESPACE);
    xml.append("\" ttp:tickRate=\"").append(PresentationSpec.TIMESCALE);
    xml.append("\" xml:lang=\"").append(XML_LANG).append("\">\n");
    xml.append("  <body>\n    <div>\n");
    for (Cue cue : cues(spec, fragment)) {
      xml.append("      <p begin=\"").append(cue.beginMs() * TICKS_PER_MS);
      xml.append("t\" end=\"").append(cue.endMs() * TICKS_PER_MS).append("t\">");
      for (int i = 0; i < cue.lines().size(); i++) {
        if (i > 0) {
          xml.append("<br/>");
        }
        xml.append(escape(cue.lines().get(i)));
      }
      xml.append("</p>\n");
    }
    xml.append("    </div>\n  </body>\n</tt>\n");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A media time as people read it: {@code m:ss.t} ({@code 0:06.0}), with milliseconds ({@code
   * 0:06.040}) when it is not a whole tenth, and hours in front from one hour on ({@code
   * 1:02:03.0}).
   */
  static String clockTime(long ms) {
    long hours = ms / 3_600_000;
    long minutes = ms / 60_000 % 60;
    long seconds = ms / 1000 % 60;
    long millis = ms % 1000;
    String fraction =
        millis % 100 == 0 ? "." + millis / 100 : String.format(Locale.ROOT, ".%03d", millis);
    String secondsText = String.format(Locale.ROOT, "%02d", seconds) + fraction;
    return hours > 0
        ? hours + ":" + String.format(Locale.ROOT, "%02d", minutes) + ":" + secondsText
        : minutes + ":" + secondsText;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
