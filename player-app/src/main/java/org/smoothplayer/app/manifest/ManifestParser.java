package org.smoothplayer.app.manifest;

import com.ctc.wstx.exc.WstxLazyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.manifest.ManifestException.Kind;

/**
 * Parses a client manifest into a {@link Manifest}, safely.
 *
 * <p>A streaming (StAX) parse with Woodstox: one pass, no document tree, the line of every element
 * at hand for messages, and chunks folded into {@link ChunkTimeline} runs as they are read. DTDs
 * are refused (no external entities, no entity expansion), the input is counted while it is read
 * and refused past {@link ManifestLimits#maxDocumentBytes()}, and Woodstox's own depth, attribute
 * and text limits are set. The encoding comes from the BOM or XML declaration (UTF-8, UTF-16).
 *
 * <p>Unknown elements and attributes are ignored. Instances are immutable and thread-safe.
 */
public final class ManifestParser {
  private static final String ROOT = "SmoothStreamingMedia";

  private final ManifestLimits limits;
  private final XMLInputFactory factory;

  /** Most attributes one element may carry. */
  private static final int MAX_ATTRIBUTES_PER_ELEMENT = 256;

  /** A parser with {@link ManifestLimits#defaults()}. */
  public ManifestParser() {
    this(ManifestLimits.defaults());
  }

  /** A parser with the given limits. */
  public ManifestParser(ManifestLimits limits) {
    this.limits = limits;
    this.factory =
        HardenedXml.factory(
            limits.maxElementDepth(),
            limits.maxAttributeChars(),
            limits.maxTextChars(),
            MAX_ATTRIBUTES_PER_ELEMENT);
  }

  /** The limits in force. */
  public ManifestLimits limits() {
    return limits;
  }

  /** Parses a manifest held in memory. */
  public Manifest parse(byte[] document, URI baseUri) throws ManifestException {
    return parse(new ByteArrayInputStream(document), baseUri);
  }

  /** Parses a manifest file; fragment URLs resolve next to it. */
  public Manifest parse(Path file) throws ManifestException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toAbsolutePath().normalize().toUri());
    } catch (IOException e) {
      throw new ManifestException(
          Kind.READ_FAILED, null, null, 0, "cannot read manifest file " + file + ": " + e, e);
    }
  }

  /**
   * Parses a manifest from a stream (not closed), reading at most {@link
   * ManifestLimits#maxDocumentBytes()} + 1 bytes of it.
   *
   * @param in the document
   * @param baseUri the URL the document was finally read from (after redirects)
   */
  public Manifest parse(InputStream in, URI baseUri) throws ManifestException {
    BoundedInputStream bounded = new BoundedInputStream(in, limits.maxDocumentBytes());
    PushbackInputStream head = new PushbackInputStream(bounded, SNIFF_BYTES);
    refuseOtherFormats(head);
    XMLStreamReader r = null;
    try {
      r = factory.createXMLStreamReader(head);
      return new Run(r, baseUri).document();
    } catch (XMLStreamException | WstxLazyException e) {
      throw translate(e, bounded);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // Closing a reader releases buffers only; nothing to report.
        }
      }
    }
  }

  /** The first bytes of an HLS playlist. */
  private static final byte[] HLS_SIGNATURE = "#EXTM3U".getBytes(StandardCharsets.US_ASCII);

  /** Bytes read ahead to recognise a file that is not XML: an ISO BMFF box header is 8. */
  private static final int SNIFF_BYTES = 8;

  /** Top-level ISO BMFF box types an MP4 file or fragment starts with. */
  private static final Set<String> MP4_FIRST_BOXES =
      Set.of("ftyp", "styp", "moof", "moov", "sidx", "mdat", "free", "emsg", "prft", "uuid");

  /**
   * Names an HLS playlist or an MP4 file (often a fragment URL given instead of the manifest's) as
   * such, instead of reporting it as XML that is not well formed.
   */
  private static void refuseOtherFormats(PushbackInputStream head) throws ManifestException {
    byte[] first = new byte[SNIFF_BYTES];
    int n;
    try {
      n = head.readNBytes(first, 0, first.length);
      head.unread(first, 0, n);
    } catch (IOException e) {
      throw new ManifestException(
          Kind.READ_FAILED, null, null, 0, "cannot read the manifest: " + e, e);
    }
    String problem = null;
    if (n >= HLS_SIGNATURE.length
        && Arrays.equals(Arrays.copyOf(first, HLS_SIGNATURE.length), HLS_SIGNATURE)) {
      problem = "this is an HLS playlist (#EXTM3U); only Smooth Streaming is played";
    } else if (n == SNIFF_BYTES) {
      String box = new String(first, 4, 4, StandardCharsets.ISO_8859_1);
      if (MP4_FIRST_BOXES.contains(box)) {
        problem =
            "this is an MP4 file or fragment (it starts with a '"
                + box
                + "' box), not a manifest; open the presentation's Manifest URL";
      }
    }
    if (problem != null) {
      throw new ManifestException(
          Kind.NOT_XML,
          null,
          null,
          1,
          problem + " (expected a SmoothStreamingMedia document)",
          null);
    }
  }

  private ManifestException translate(Exception e, BoundedInputStream bounded) {
    if (bounded.exceeded()) {
      return new ManifestException(
          Kind.TOO_LARGE,
          null,
          null,
          0,
          "manifest is larger than the limit of "
              + limits.maxDocumentBytes()
              + " bytes; refused while reading",
          null);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof IOException io && !(root instanceof java.io.CharConversionException)) {
      return new ManifestException(
          Kind.READ_FAILED, null, null, 0, "cannot read the manifest: " + io, e);
    }
    int line = 0;
    if (e instanceof XMLStreamException xe && xe.getLocation() != null) {
      line = xe.getLocation().getLineNumber();
    }
    String message = firstLine(String.valueOf(e.getMessage()));
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("limit") && lower.contains("exceed")) {
      return new ManifestException(
          Kind.LIMIT_EXCEEDED, null, null, line, "manifest exceeds a parser limit: " + message, e);
    }
    return new ManifestException(
        Kind.NOT_XML,
        null,
        null,
        line,
        "not well-formed XML (expected a SmoothStreamingMedia document): " + message,
        e);
  }

  /** What a document with root element {@code root} probably is, for the viewer; "" if unknown. */
  private static String whatItIs(String root) {
    return switch (root.toLowerCase(Locale.ROOT)) {
      case "mpd" -> " (this is a DASH manifest; only Smooth Streaming is played)";
      case "html" -> " (this is a web page, not a manifest)";
      default -> "";
    };
  }

  private static String firstLine(String s) {
    // Woodstox messages carry the location on further lines; the exception has it already.
    int nl = s.indexOf('\n');
    String head = nl >= 0 ? s.substring(0, nl) : s;
    return head.startsWith("ParseError at") && nl >= 0 ? s.substring(nl + 1).strip() : head;
  }

  /** One parse: the reader and the state of the document. */
  private final class Run {
    private final XMLStreamReader r;
    private final URI baseUri;
    private long rootTimeScale;
    private long durationTicks;

    Run(XMLStreamReader r, URI baseUri) {
      this.r = r;
      this.baseUri = baseUri;
    }

    Manifest document() throws XMLStreamException, ManifestException {
      while (true) {
        int ev = r.next();
        if (ev == XMLStreamConstants.DTD) {
          throw new ManifestException(
              Kind.DTD_REFUSED,
              null,
              null,
              line(),
              "the document has a DTD (<!DOCTYPE ...>); DTDs, entity declarations and external"
                  + " entities are refused (expected a plain SmoothStreamingMedia document)",
              null);
        }
        if (ev == XMLStreamConstants.START_ELEMENT) {
          break;
        }
        if (ev == XMLStreamConstants.END_DOCUMENT) {
          throw new ManifestException(Kind.NOT_XML, "the document has no root element");
        }
      }
      if (!ROOT.equals(r.getLocalName())) {
        throw new ManifestException(
            Kind.WRONG_ROOT,
            r.getLocalName(),
            null,
            line(),
            "root element is <"
                + r.getLocalName()
                + ">; expected <"
                + ROOT
                + ">"
                + whatItIs(r.getLocalName()),
            null);
      }
      Manifest m = root();
      while (r.hasNext()) {
        r.next(); // Lets Woodstox reject anything but comments/white space after the root.
      }
      return m;
    }

    private Manifest root() throws XMLStreamException, ManifestException {
      Attrs a = new Attrs(ROOT);
      int major = a.optInt("MajorVersion", 2);
      int minor = a.optInt("MinorVersion", 0);
      rootTimeScale = a.timeScale(Ticks.DEFAULT_TIME_SCALE);
      durationTicks = a.requiredLong("Duration", "the presentation duration in TimeScale ticks");
      boolean live = a.optBool("IsLive", false);
      int lookAhead = a.optInt("LookAheadFragmentCount", 0);
      long dvrTicks = a.optLong("DVRWindowLength", 0);
      boolean canSeek = a.optBool("CanSeek", true);
      boolean canPause = a.optBool("CanPause", true);
      long durationUs = a.toUs("Duration", durationTicks, rootTimeScale);
      long dvrUs = a.toUs("DVRWindowLength", dvrTicks, rootTimeScale);

      List<CustomAttribute> custom = new ArrayList<>();
      List<ProtectionHeader> headers = new ArrayList<>();
      boolean protectedContent = false;
      List<StreamIndex> streams = new ArrayList<>();
      while (nextChild()) {
        switch (r.getLocalName()) {
          case "StreamIndex" -> {
            if (streams.size() >= limits.maxStreams()) {
              throw new ManifestException(
                  Kind.LIMIT_EXCEEDED,
                  "StreamIndex",
                  null,
                  line(),
                  "more than " + limits.maxStreams() + " StreamIndex elements",
                  null);
            }
            streams.add(streamIndex());
          }
          case "Protection" -> {
            protectedContent = true;
            protection(headers);
          }
          case "CustomAttributes" -> customAttributes(custom);
          default -> skip();
        }
      }
      return new Manifest(
          baseUri,
          major,
          minor,
          rootTimeScale,
          durationTicks,
          durationUs,
          live,
          lookAhead,
          dvrTicks,
          dvrUs,
          canSeek,
          canPause,
          custom,
          protectedContent ? Optional.of(new Protection(headers)) : Optional.empty(),
          streams);
    }

    private void protection(List<ProtectionHeader> headers)
        throws XMLStreamException, ManifestException {
      while (nextChild()) {
        if (r.getLocalName().equals("ProtectionHeader")) {
          Attrs a = new Attrs("ProtectionHeader");
          String systemId = a.requiredString("SystemID", "the DRM system's GUID");
          String text = text();
          headers.add(new ProtectionHeader(systemId, text.replaceAll("\\s+", "")));
        } else {
          skip();
        }
      }
    }

    private void customAttributes(List<CustomAttribute> into)
        throws XMLStreamException, ManifestException {
      while (nextChild()) {
        if (r.getLocalName().equals("Attribute")) {
          Attrs a = new Attrs("Attribute");
          into.add(
              new CustomAttribute(
                  a.requiredString("Name", "the custom attribute's name"),
                  a.optString("Value", "")));
          skip();
        } else {
          skip();
        }
      }
    }

    private StreamIndex streamIndex() throws XMLStreamException, ManifestException {
      int line = line();
      Attrs a = new Attrs("StreamIndex");
      String typeText = a.requiredString("Type", "video, audio or text");
      StreamType type =
          StreamType.fromKeyword(typeText)
              .orElseThrow(
                  () ->
                      a.error(
                          Kind.INVALID_VALUE,
                          "Type",
                          "is \"" + typeText + "\"; expected video, audio or text"));
      String url = a.nullable("Url");
      if (url == null && type != StreamType.TEXT) {
        a.requiredString("Url", "the fragment URL template of a " + type.keyword() + " stream");
      }
      long timeScale = a.timeScale(rootTimeScale);
      String streamFourCc = a.nullable("FourCC");
      String subtype = a.optString("Subtype", "");
      String name = a.nullable("Name");
      String language = a.nullable("Language");
      int declaredChunks = a.optInt("Chunks", -1);
      int declaredLevels = a.optInt("QualityLevels", -1);
      int maxWidth = a.optInt("MaxWidth", 0);
      int maxHeight = a.optInt("MaxHeight", 0);
      int displayWidth = a.optInt("DisplayWidth", 0);
      int displayHeight = a.optInt("DisplayHeight", 0);
      String parent = a.nullable("ParentStreamIndex");
      boolean manifestOutput = a.optBool("ManifestOutput", false);

      List<QualityLevel> levels = new ArrayList<>();
      TimelineReader timeline = new TimelineReader(timeScale);
      while (nextChild()) {
        switch (r.getLocalName()) {
          case "QualityLevel" -> {
            if (levels.size() >= limits.maxQualityLevelsPerStream()) {
              throw new ManifestException(
                  Kind.LIMIT_EXCEEDED,
                  "QualityLevel",
                  null,
                  line(),
                  "more than " + limits.maxQualityLevelsPerStream() + " levels in one stream",
                  null);
            }
            levels.add(qualityLevel(type, streamFourCc, levels.size()));
          }
          case "c" -> timeline.chunk();
          default -> skip();
        }
      }
      if (url != null) {
        for (QualityLevel level : levels) {
          try {
            UrlTemplate.resolve(baseUri, url, level, 0);
          } catch (IllegalArgumentException e) {
            throw new ManifestException(
                Kind.INVALID_VALUE,
                "StreamIndex",
                "Url",
                line,
                "\""
                    + abbreviate(url)
                    + "\" does not form a URL for QualityLevel at line "
                    + level.line()
                    + ": "
                    + e.getMessage(),
                null);
          }
        }
      }
      if (levels.isEmpty() && type != StreamType.TEXT) {
        throw new ManifestException(
            Kind.MISSING_ELEMENT,
            "StreamIndex",
            null,
            line,
            "a " + type.keyword() + " stream needs at least one QualityLevel",
            null);
      }
      return new StreamIndex(
          type,
          subtype,
          name,
          language,
          url,
          timeScale,
          declaredChunks,
          declaredLevels,
          maxWidth,
          maxHeight,
          displayWidth,
          displayHeight,
          parent,
          manifestOutput,
          levels,
          timeline.finish(),
          line);
    }

    private QualityLevel qualityLevel(StreamType type, @Nullable String streamFourCc, int position)
        throws XMLStreamException, ManifestException {
      int line = line();
      Attrs a = new Attrs("QualityLevel");
      int index = a.optInt("Index", position);
      long bitrate =
          type == StreamType.TEXT
              ? a.optLong("Bitrate", 0)
              : a.requiredLong("Bitrate", "the level's bit rate in bits per second");
      String fourCc = a.nullable("FourCC");
      if (fourCc != null && fourCc.isBlank()) {
        fourCc = null;
      }
      if (fourCc == null) {
        fourCc = streamFourCc;
      }
      // A video level without a FourCC is read (its codec is then unsupported, and the level left
      // out with that reason), as other players drop such a stream and play the rest.
      String cpd = a.optString("CodecPrivateData", "").replaceAll("\\s+", "");
      int maxWidth = a.optInt("MaxWidth", a.optInt("Width", 0));
      int maxHeight = a.optInt("MaxHeight", a.optInt("Height", 0));
      int samplingRate = a.optInt("SamplingRate", 0);
      int channels = a.optInt("Channels", 0);
      int bitsPerSample = a.optInt("BitsPerSample", 0);
      int packetSize = a.optInt("PacketSize", 0);
      int audioTag = a.optInt("AudioTag", 0);
      int nalLength = a.optInt("NALUnitLengthField", QualityLevel.DEFAULT_NAL_UNIT_LENGTH_FIELD);
      List<CustomAttribute> custom = new ArrayList<>();
      while (nextChild()) {
        if (r.getLocalName().equals("CustomAttributes")) {
          customAttributes(custom);
        } else {
          skip();
        }
      }
      return new QualityLevel(
          index,
          bitrate,
          fourCc == null ? null : fourCc.strip(),
          cpd,
          maxWidth,
          maxHeight,
          samplingRate,
          channels,
          bitsPerSample,
          packetSize,
          audioTag,
          nalLength,
          custom,
          line);
    }

    /**
     * Folds {@code c} elements into runs. One {@code c} is held back while its duration depends on
     * the next one's {@code t}.
     */
    private final class TimelineReader {
      private final long timeScale;
      private final ChunkTimeline.Builder builder;
      private boolean pending;
      private long pendingStart;
      private long pendingDuration; // -1 when d is absent
      private long pendingRepeat;
      private int pendingLine;
      private List<FragmentPart> pendingParts = List.of();

      TimelineReader(long timeScale) {
        this.timeScale = timeScale;
        this.builder = new ChunkTimeline.Builder(timeScale, limits.maxChunksPerStream());
      }

      void chunk() throws XMLStreamException, ManifestException {
        int line = line();
        Attrs a = new Attrs("c");
        long t = a.optLong("t", -1);
        long d = a.optLong("d", -1);
        long repeat = a.optLong("r", 1);
        a.optLong("n", 0); // validated, not stored: a chunk's number is its position
        if (d == 0) {
          throw a.error(Kind.INVALID_VALUE, "d", "is 0; expected a positive duration in ticks");
        }
        if (repeat == 0) {
          throw a.error(
              Kind.INVALID_VALUE, "r", "is 0; expected the number of fragments in the run (>= 1)");
        }
        if (repeat > limits.maxChunksPerStream()) {
          throw a.error(
              Kind.TOO_MANY_CHUNKS,
              "r",
              "is "
                  + repeat
                  + "; a stream may have at most "
                  + limits.maxChunksPerStream()
                  + " chunks");
        }
        if (repeat > 1 && d < 0) {
          throw a.error(
              Kind.MISSING_ATTRIBUTE, "d", "is missing; a c with r > 1 needs its duration d");
        }
        List<FragmentPart> parts = new ArrayList<>();
        while (nextChild()) {
          if (r.getLocalName().equals("f")) {
            parts.add(fragmentPart());
          } else {
            skip();
          }
        }
        if (pending) {
          commitPending(t, line);
        }
        long start = t >= 0 ? t : builder.endTicks();
        if (t >= 0 && builder.total() > 0 && t < builder.endTicks()) {
          throw new ManifestException(
              Kind.INCONSISTENT_TIMELINE,
              "c",
              "t",
              line,
              "t="
                  + t
                  + " starts before the previous chunk ends at "
                  + builder.endTicks()
                  + " (chunks overlap or go backwards)",
              null);
        }
        pending = true;
        pendingStart = start;
        pendingDuration = d;
        pendingRepeat = repeat;
        pendingLine = line;
        pendingParts = parts;
      }

      private FragmentPart fragmentPart() throws XMLStreamException, ManifestException {
        Attrs a = new Attrs("f");
        int trackIndex = a.optInt("i", -1);
        Map<String, String> others = new HashMap<>(a.values);
        others.remove("i");
        String content = text().strip();
        return new FragmentPart(trackIndex, others, content);
      }

      /** Appends the held-back chunk; {@code nextT} is the next chunk's t (-1 if none). */
      private void commitPending(long nextT, int nextLine) throws ManifestException {
        int first = (int) builder.total();
        long duration = pendingDuration;
        if (duration < 0) {
          if (nextT < 0) {
            throw new ManifestException(
                Kind.MISSING_ATTRIBUTE,
                "c",
                "d",
                pendingLine,
                "is missing and the next c (line "
                    + nextLine
                    + ") has no t; a chunk's duration needs d or the next chunk's start t",
                null);
          }
          if (nextT <= pendingStart) {
            throw new ManifestException(
                Kind.INCONSISTENT_TIMELINE,
                "c",
                "t",
                nextLine,
                "t="
                    + nextT
                    + " is not after the previous chunk's start "
                    + pendingStart
                    + " (chunks overlap or go backwards)",
                null);
          }
          duration = nextT - pendingStart;
        }
        append(pendingStart, duration, pendingRepeat);
        builder.addParts(first, pendingParts);
        pending = false;
      }

      ChunkTimeline finish() throws ManifestException {
        if (pending) {
          if (pendingDuration >= 0) {
            commitPending(-1, 0);
          } else {
            int first = (int) builder.total();
            long end;
            try {
              end = Ticks.rescale(durationTicks, rootTimeScale, timeScale);
            } catch (ArithmeticException e) {
              throw overflow(pendingLine, "Duration in the stream's time scale", e);
            }
            if (end > pendingStart) {
              append(pendingStart, end - pendingStart, 1);
            } else {
              try {
                builder.appendUnknownLast(pendingStart);
              } catch (ArithmeticException e) {
                throw overflow(pendingLine, "chunk start", e);
              }
            }
            builder.addParts(first, pendingParts);
            pending = false;
          }
        }
        return builder.build();
      }

      private void append(long start, long duration, long repeat) throws ManifestException {
        // Below 1 µs, chunk starts in µs would collide (no product overflow: duration < 10^12).
        if (duration < timeScale && duration * Ticks.US_PER_SECOND < timeScale) {
          throw new ManifestException(
              Kind.INVALID_VALUE,
              "c",
              "d",
              pendingLine,
              "is "
                  + duration
                  + " ticks, shorter than 1 microsecond at time scale "
                  + timeScale
                  + "; expected a real fragment duration",
              null);
        }
        try {
          builder.append(start, duration, repeat);
        } catch (ArithmeticException e) {
          throw overflow(pendingLine, "chunk end time (t + d * r)", e);
        } catch (IllegalStateException e) {
          throw new ManifestException(
              Kind.TOO_MANY_CHUNKS,
              "c",
              "r",
              pendingLine,
              e.getMessage() + "; at most " + limits.maxChunksPerStream() + " are accepted",
              null);
        }
      }

      private ManifestException overflow(int line, String what, ArithmeticException e) {
        return new ManifestException(
            Kind.NUMBER_OVERFLOW,
            "c",
            null,
            line,
            what + " does not fit in 64-bit ticks/microseconds at time scale " + timeScale,
            e);
      }
    }

    /** Advances to the next child start tag (true) or to the current element's end tag (false). */
    private boolean nextChild() throws XMLStreamException {
      while (true) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          return true;
        }
        if (ev == XMLStreamConstants.END_ELEMENT) {
          return false;
        }
      }
    }

    /** Skips the current element (at its start tag) with everything inside it. */
    private void skip() throws XMLStreamException {
      int depth = 1;
      while (depth > 0) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }

    /** Reads the text of the current element (child elements skipped) up to its end tag. */
    private String text() throws XMLStreamException {
      StringBuilder sb = new StringBuilder();
      while (true) {
        int ev = r.next();
        if (ev == XMLStreamConstants.CHARACTERS
            || ev == XMLStreamConstants.CDATA
            || ev == XMLStreamConstants.SPACE) {
          sb.append(r.getText());
        } else if (ev == XMLStreamConstants.START_ELEMENT) {
          skip();
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          return sb.toString();
        }
      }
    }

    private int line() {
      Location loc = r.getLocation();
      return loc == null ? 0 : Math.max(0, loc.getLineNumber());
    }

    /** The attributes of the element at the reader, with typed, located accessors. */
    private final class Attrs {
      final String element;
      final int line;
      final Map<String, String> values = new HashMap<>();

      Attrs(String element) {
        this.element = element;
        this.line = line();
        for (int i = 0; i < r.getAttributeCount(); i++) {
          String ns = r.getAttributeNamespace(i);
          if (ns == null || ns.isEmpty()) {
            values.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
          }
        }
      }

      ManifestException error(Kind kind, String attribute, String detail) {
        return new ManifestException(kind, element, attribute, line, detail, null);
      }

      @Nullable String nullable(String name) {
        return values.get(name);
      }

      String optString(String name, String fallback) {
        String v = values.get(name);
        return v == null ? fallback : v;
      }

      String requiredString(String name, String expected) throws ManifestException {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
          throw error(
              Kind.MISSING_ATTRIBUTE,
              name,
              (v == null ? "is missing" : "is empty") + "; expected " + expected);
        }
        return v.strip();
      }

      long requiredLong(String name, String expected) throws ManifestException {
        String v = values.get(name);
        if (v == null) {
          throw error(Kind.MISSING_ATTRIBUTE, name, "is missing; expected " + expected);
        }
        return number(name, v);
      }

      long optLong(String name, long fallback) throws ManifestException {
        String v = values.get(name);
        return v == null ? fallback : number(name, v);
      }

      int optInt(String name, int fallback) throws ManifestException {
        String v = values.get(name);
        if (v == null) {
          return fallback;
        }
        long n = number(name, v);
        if (n > Integer.MAX_VALUE) {
          throw error(
              Kind.NUMBER_OVERFLOW, name, "is " + n + "; expected at most " + Integer.MAX_VALUE);
        }
        return (int) n;
      }

      long timeScale(long fallback) throws ManifestException {
        String v = values.get("TimeScale");
        if (v == null) {
          return fallback;
        }
        if (v.isBlank()) {
          throw error(
              Kind.MISSING_ATTRIBUTE,
              "TimeScale",
              "is empty; expected ticks per second (a positive integer), or no attribute for the"
                  + " default "
                  + fallback);
        }
        long ts = number("TimeScale", v);
        if (ts == 0 || ts > Ticks.MAX_TIME_SCALE) {
          throw error(
              ts == 0 ? Kind.INVALID_VALUE : Kind.NUMBER_OVERFLOW,
              "TimeScale",
              "is " + ts + "; expected ticks per second in 1.." + Ticks.MAX_TIME_SCALE);
        }
        return ts;
      }

      boolean optBool(String name, boolean fallback) throws ManifestException {
        String v = values.get(name);
        if (v == null) {
          return fallback;
        }
        String s = v.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
          case "true", "1" -> true;
          case "false", "0" -> false;
          default ->
              throw error(Kind.INVALID_VALUE, name, "is \"" + v + "\"; expected true or false");
        };
      }

      long toUs(String name, long ticks, long timeScale) throws ManifestException {
        try {
          return Ticks.toUs(ticks, timeScale);
        } catch (ArithmeticException e) {
          throw error(
              Kind.NUMBER_OVERFLOW,
              name,
              "is " + ticks + " ticks, which does not fit in 64-bit microseconds");
        }
      }

      /** A non-negative decimal integer that fits in a long. */
      long number(String name, String raw) throws ManifestException {
        String s = raw.strip();
        if (s.isEmpty()) {
          throw error(Kind.MISSING_ATTRIBUTE, name, "is empty; expected a non-negative integer");
        }
        boolean negative = s.charAt(0) == '-';
        String digits = negative || s.charAt(0) == '+' ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw error(
              Kind.INVALID_VALUE,
              name,
              "is \"" + abbreviate(raw) + "\"; expected a non-negative integer");
        }
        if (negative && !digits.chars().allMatch(c -> c == '0')) {
          throw error(
              Kind.NEGATIVE_NUMBER,
              name,
              "is " + abbreviate(s) + "; expected a non-negative integer");
        }
        String trimmed = digits.replaceFirst("^0+(?=.)", "");
        if (trimmed.length() > 19
            || (trimmed.length() == 19 && trimmed.compareTo("9223372036854775807") > 0)) {
          throw error(
              Kind.NUMBER_OVERFLOW,
              name,
              "is " + abbreviate(s) + "; expected at most 9223372036854775807");
        }
        return Long.parseLong(trimmed);
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
