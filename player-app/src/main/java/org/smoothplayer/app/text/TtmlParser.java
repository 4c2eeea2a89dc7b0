package org.smoothplayer.app.text;

import com.ctc.wstx.exc.WstxLazyException;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.manifest.HardenedXml;

/**
 * Turns one TTML document (one sample of a Smooth Streaming text stream, or of a DASH {@code stpp}
 * track) into {@link Cue}s.
 *
 * <p>Supported: {@code tt}, {@code head} (skipped), {@code body}, {@code div}, {@code p}, {@code
 * span} and {@code br} in the TTML namespace or one of the two DFXP 2006 namespaces; {@code begin},
 * {@code end} and {@code dur} with {@code par} semantics on {@code body}, {@code div}, {@code p}
 * and {@code span}; clock and offset time expressions with the {@code ttp:frameRate}, {@code
 * ttp:frameRateMultiplier}, {@code ttp:subFrameRate} and {@code ttp:tickRate} parameters of {@code
 * tt}; {@code xml:space}. Styling, layout, regions, {@code metadata}, {@code set} and elements of
 * other namespaces are skipped. docs/CAPTIONS.md describes the rules.
 *
 * <p>The parse is a hardened StAX (Woodstox) pass: no DTD, no entity expansion, bounded size,
 * depth, cue count and cue text. Anything wrong with the document is a {@link TtmlException}.
 * Thread-safe: the class holds no state but its immutable, configured reader factory.
 */
public final class TtmlParser {
  /** Largest document accepted, in bytes (1 MiB). */
  public static final int MAX_DOCUMENT_BYTES = 1 << 20;

  /** Deepest element nesting accepted, counting the root {@code tt} as depth 1. */
  public static final int MAX_ELEMENT_DEPTH = 64;

  /** Most cues one document may give (after clipping to the window). */
  public static final int MAX_CUES_PER_DOCUMENT = 10_000;

  /**
   * Most characters of cue text one document may give, counting every text run and line break as
   * one more; text repeated in several cues (a paragraph split by timed spans) counts each time.
   */
  public static final int MAX_CUE_TEXT_CHARS = 4 << 20;

  /** Longest time expression accepted, in characters. */
  public static final int MAX_TIME_EXPRESSION_CHARS = 64;

  /** Latest time a time expression may denote, in microseconds (about 73,000 years). */
  public static final long MAX_TIME_EXPRESSION_US = Long.MAX_VALUE / 4;

  /** Longest attribute value Woodstox accepts, in characters. */
  private static final int MAX_ATTRIBUTE_CHARS = 64 * 1024;

  /** Most attributes Woodstox accepts on one element. */
  private static final int MAX_ATTRIBUTES_PER_ELEMENT = 256;

  /** {@code ttp:frameRate} when the document gives none (TTML1 §6.2.3). */
  private static final BigInteger DEFAULT_FRAME_RATE = BigInteger.valueOf(30);

  /** The TTML namespace and the two DFXP 2006 drafts' namespaces, accepted alike. */
  public static final Set<String> TTML_NAMESPACES =
      Set.of(
          "http://www.w3.org/ns/ttml",
          "http://www.w3.org/2006/10/ttaf1",
          "http://www.w3.org/2006/04/ttaf1");

  private static final Set<String> PARAMETER_NAMESPACES =
      Set.of(
          "http://www.w3.org/ns/ttml#parameter",
          "http://www.w3.org/2006/10/ttaf1#parameter",
          "http://www.w3.org/2006/04/ttaf1#parameter");

  /** An end that no timing attribute bounds: the caller's window end. */
  private static final long INDEFINITE = Long.MAX_VALUE;

  private static final BigInteger MICROS_PER_SECOND = BigInteger.valueOf(1_000_000);

  /** hours:minutes:seconds, then .fraction or :frames(.sub-frames). */
  private static final Pattern CLOCK_TIME =
      Pattern.compile("(\\d+):(\\d\\d):(\\d\\d)(?:\\.(\\d+)|:(\\d+)(?:\\.(\\d+))?)?");

  /** count(.fraction) and a metric. */
  private static final Pattern OFFSET_TIME = Pattern.compile("(\\d+)(?:\\.(\\d+))?(h|ms|m|s|f|t)");

  private static final Pattern POSITIVE_INTEGER = Pattern.compile("0*[1-9]\\d{0,17}");
  private static final Pattern MULTIPLIER =
      Pattern.compile("(0*[1-9]\\d{0,17})[ \\t\\r\\n]+(0*[1-9]\\d{0,17})");

  private static final XMLInputFactory FACTORY = newFactory();

  private TtmlParser() {}

  private static XMLInputFactory newFactory() {
    // Depth one more than ours, so our own check (with the element's name and line) fires first.
    return HardenedXml.factory(
        MAX_ELEMENT_DEPTH + 1, MAX_ATTRIBUTE_CHARS, MAX_DOCUMENT_BYTES, MAX_ATTRIBUTES_PER_ELEMENT);
  }

  /**
   * Parses one TTML document into cues sorted by start (document order among equal starts).
   *
   * <p>A cue's times are its document times plus {@code offsetUs}, clipped to {@code
   * [windowStartUs, windowEndUs)}; a cue empty after clipping is dropped, and a paragraph whose end
   * no timing attribute gives ends at {@code windowEndUs}. Pass {@link Long#MIN_VALUE} and {@link
   * Long#MAX_VALUE} for no window.
   *
   * @param document the document's bytes; the encoding comes from its BOM or XML declaration, UTF-8
   *     by default
   * @param offsetUs added to every document time: the fragment's start for Smooth Streaming (times
   *     relative to the sample), 0 for times on the track timeline
   * @param windowStartUs start of the period the document is active for (the sample's start)
   * @param windowEndUs end of that period (exclusive)
   * @return the cues, possibly none
   * @throws TtmlException if the document is not well-formed, not TTML, has a malformed time
   *     expression or parameter, or exceeds a limit of this class
   * @throws IllegalArgumentException if {@code windowStartUs >= windowEndUs}
   */
  public static List<Cue> parse(
      byte[] document, long offsetUs, long windowStartUs, long windowEndUs) throws TtmlException {
    if (windowStartUs >= windowEndUs) {
      throw new IllegalArgumentException(
          "window start " + windowStartUs + " us is not before its end " + windowEndUs + " us");
    }
    if (document.length > MAX_DOCUMENT_BYTES) {
      throw new TtmlException(
          "document is "
              + document.length
              + " bytes; expected at most "
              + MAX_DOCUMENT_BYTES
              + " bytes (refused before parsing)");
    }
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
      return new Run(r, offsetUs, windowStartUs, windowEndUs).document();
    } catch (XMLStreamException e) {
      throw translate(e, e.getLocation(), e.getMessage());
    } catch (WstxLazyException e) {
      throw translate(e, null, e.getMessage());
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // Closing releases buffers only; the input is in memory.
        }
      }
    }
  }

  private static TtmlException translate(
      Exception e, @Nullable Location location, @Nullable String rawMessage) {
    String message = firstLine(String.valueOf(rawMessage));
    int line = location == null ? 0 : Math.max(0, location.getLineNumber());
    int column = location == null ? 0 : Math.max(0, location.getColumnNumber());
    String lower = message.toLowerCase(Locale.ROOT);
    String detail =
        lower.contains("limit") && lower.contains("exceed")
            ? "the document exceeds a parser limit: " + message
            : "not well-formed XML (expected a TTML document): " + message;
    return new TtmlException(null, null, line, column, detail, e);
  }

  /** The first line of a Woodstox message (the location follows on further lines). */
  private static String firstLine(String s) {
    String text = s;
    if (text.startsWith("ParseError at")) {
      int m = text.indexOf("Message:");
      text = m >= 0 ? text.substring(m + "Message:".length()).strip() : text;
    }
    int nl = text.indexOf('\n');
    return (nl >= 0 ? text.substring(0, nl) : text).strip();
  }

  /** The interval of an element in document time and its white-space mode. */
  private record Scope(long beginUs, long endUs, boolean preserve) {}

  /** A piece of paragraph content: a text run or (text null) a line break, with its interval. */
  private record Item(@Nullable String text, boolean preserve, long beginUs, long endUs) {
    int cost() {
      return text == null ? 1 : text.length() + 1;
    }
  }

  /** The frame and tick rates of a document, from the ttp: attributes of {@code tt}. */
  private record Rates(
      BigInteger frameRate,
      BigInteger multiplierNum,
      BigInteger multiplierDen,
      BigInteger subFrameRate,
      BigInteger tickRateNum,
      BigInteger tickRateDen) {
    static final Rates DEFAULT =
        new Rates(
            DEFAULT_FRAME_RATE,
            BigInteger.ONE,
            BigInteger.ONE,
            BigInteger.ONE,
            BigInteger.ONE,
            BigInteger.ONE);
  }

  /** One parse: the reader, the caller's offset and window, and what has been read. */
  private static final class Run {
    private final XMLStreamReader r;
    private final long offsetUs;
    private final long windowStartUs;
    private final long windowEndUs;
    private final List<Cue> cues = new ArrayList<>();
    private Rates rates = Rates.DEFAULT;
    private int depth;
    private long textBudget = MAX_CUE_TEXT_CHARS;

    Run(XMLStreamReader r, long offsetUs, long windowStartUs, long windowEndUs) {
      this.r = r;
      this.offsetUs = offsetUs;
      this.windowStartUs = windowStartUs;
      this.windowEndUs = windowEndUs;
    }

    List<Cue> document() throws XMLStreamException, TtmlException {
      while (true) {
        int ev = next();
        if (ev == XMLStreamConstants.DTD) {
          throw error(
              null,
              null,
              "the document has a DTD (<!DOCTYPE ...>); DTDs and entity declarations are refused"
                  + " (expected a plain TTML document)");
        }
        if (ev == XMLStreamConstants.START_ELEMENT) {
          break;
        }
        if (ev == XMLStreamConstants.END_DOCUMENT) {
          throw error(null, null, "the document has no root element; expected <tt>");
        }
      }
      if (!isTtml("tt")) {
        String ns = r.getNamespaceURI();
        throw error(
            r.getLocalName(),
            null,
            "root element is <"
                + r.getLocalName()
                + "> in "
                + (ns == null || ns.isEmpty() ? "no namespace" : "namespace " + ns)
                + "; expected <tt> in namespace http://www.w3.org/ns/ttml (or"
                + " http://www.w3.org/2006/10/ttaf1, http://www.w3.org/2006/04/ttaf1)");
      }
      Scope root = tt();
      while (nextChild()) {
        if (isTtml("body")) {
          container(root);
        } else {
          skip(); // head (styling, layout, metadata) and anything else.
        }
      }
      while (r.hasNext()) {
        r.next(); // Lets Woodstox reject anything but comments and white space after the root.
      }
      cues.sort(Comparator.comparingLong(Cue::startUs));
      return List.copyOf(cues);
    }

    /** Reads the parameters and white-space mode of {@code tt}. */
    private Scope tt() throws TtmlException {
      String frameRate = null;
      String multiplier = null;
      String subFrameRate = null;
      String tickRate = null;
      boolean preserve = false;
      for (int i = 0; i < r.getAttributeCount(); i++) {
        String ns = r.getAttributeNamespace(i);
        String local = r.getAttributeLocalName(i);
        String value = r.getAttributeValue(i);
        if (ns != null && PARAMETER_NAMESPACES.contains(ns)) {
          switch (local) {
            case "frameRate" -> frameRate = value;
            case "frameRateMultiplier" -> multiplier = value;
            case "subFrameRate" -> subFrameRate = value;
            case "tickRate" -> tickRate = value;
            default -> {
              // timeBase, dropMode, cellResolution, profile, ...: not needed for cue times.
            }
          }
        } else if (XMLConstants.XML_NS_URI.equals(ns) && local.equals("space")) {
          preserve = space(value, i);
        }
      }
      BigInteger fr = frameRate == null ? DEFAULT_FRAME_RATE : positive("ttp:frameRate", frameRate);
      BigInteger mulNum = BigInteger.ONE;
      BigInteger mulDen = BigInteger.ONE;
      if (multiplier != null) {
        Matcher m = MULTIPLIER.matcher(trimXml(multiplier));
        if (!m.matches()) {
          throw error(
              "tt",
              "ttp:frameRateMultiplier",
              "value \""
                  + clip(multiplier)
                  + "\" is not two positive integers; expected \"numerator denominator\","
                  + " e.g. \"1000 1001\"");
        }
        mulNum = new BigInteger(m.group(1));
        mulDen = new BigInteger(m.group(2));
      }
      BigInteger sfr =
          subFrameRate == null ? BigInteger.ONE : positive("ttp:subFrameRate", subFrameRate);
      BigInteger tickNum;
      BigInteger tickDen;
      if (tickRate != null) {
        tickNum = positive("ttp:tickRate", tickRate);
        tickDen = BigInteger.ONE;
      } else if (frameRate != null) {
        // TTML1 §6.2.10: the effective frame rate times the sub-frame rate.
        tickNum = fr.multiply(mulNum).multiply(sfr);
        tickDen = mulDen;
      } else {
        tickNum = BigInteger.ONE;
        tickDen = BigInteger.ONE;
      }
      rates = new Rates(fr, mulNum, mulDen, sfr, tickNum, tickDen);
      return new Scope(0, INDEFINITE, preserve);
    }

    private BigInteger positive(String attribute, String value) throws TtmlException {
      String v = trimXml(value);
      if (!POSITIVE_INTEGER.matcher(v).matches()) {
        throw error(
            "tt",
            attribute,
            "value \"" + clip(value) + "\" is not a positive integer (of at most 18 digits)");
      }
      return new BigInteger(v);
    }

    /** A time container: body or div. */
    private void container(Scope parent) throws XMLStreamException, TtmlException {
      Scope s = scope(parent);
      while (nextChild()) {
        if (isTtml("div")) {
          container(s);
        } else if (isTtml("p")) {
          paragraph(s);
        } else {
          skip(); // metadata, set, anything foreign; text directly in a div is not shown.
        }
      }
    }

    private void paragraph(Scope parent) throws XMLStreamException, TtmlException {
      Scope p = scope(parent);
      List<Item> items = new ArrayList<>();
      content(p, items);
      emit(p, items);
    }

    /** Reads the content of a p or span up to its end tag. */
    private void content(Scope s, List<Item> items) throws XMLStreamException, TtmlException {
      while (true) {
        int ev = next();
        switch (ev) {
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
              items.add(new Item(r.getText(), s.preserve(), s.beginUs(), s.endUs()));
          case XMLStreamConstants.START_ELEMENT -> {
            if (isTtml("span")) {
              content(scope(s), items);
            } else if (isTtml("br")) {
              Scope b = scope(s);
              items.add(new Item(null, b.preserve(), b.beginUs(), b.endUs()));
              skip();
            } else {
              skip();
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            return;
          }
          default -> {
            // Comments and processing instructions.
          }
        }
      }
    }

    /**
     * Turns a paragraph into cues: its interval is split at every boundary of its content's
     * intervals, each piece shows the content active then, and equal neighbouring pieces merge.
     */
    private void emit(Scope p, List<Item> items) throws TtmlException {
      if (p.beginUs() >= p.endUs()) {
        return;
      }
      long[] bounds = new long[2 * items.size() + 2];
      int n = 0;
      bounds[n++] = p.beginUs();
      bounds[n++] = p.endUs();
      for (Item it : items) {
        if (it.beginUs() > p.beginUs() && it.beginUs() < p.endUs()) {
          bounds[n++] = it.beginUs();
        }
        if (it.endUs() > p.beginUs() && it.endUs() < p.endUs()) {
          bounds[n++] = it.endUs();
        }
      }
      Arrays.sort(bounds, 0, n);
      int distinct = 0;
      for (int i = 0; i < n; i++) {
        if (distinct == 0 || bounds[distinct - 1] != bounds[i]) {
          bounds[distinct++] = bounds[i];
        }
      }
      int pieces = distinct - 1;
      if (pieces > MAX_CUES_PER_DOCUMENT) {
        throw error(
            "p",
            null,
            "the timed spans of one paragraph split it into "
                + pieces
                + " intervals; expected at most "
                + MAX_CUES_PER_DOCUMENT
                + " (the cue limit per document)");
      }
      List<List<Item>> active = new ArrayList<>(pieces);
      for (int k = 0; k < pieces; k++) {
        active.add(new ArrayList<>());
      }
      for (Item it : items) {
        if (it.beginUs() >= it.endUs()) {
          continue;
        }
        int first = Arrays.binarySearch(bounds, 0, distinct, it.beginUs());
        int last = Arrays.binarySearch(bounds, 0, distinct, it.endUs()) - 1;
        for (int k = first; k <= last; k++) {
          textBudget -= it.cost();
          if (textBudget < 0) {
            throw error(
                "p",
                null,
                "the cues of the document hold more than "
                    + MAX_CUE_TEXT_CHARS
                    + " characters of text; expected at most that");
          }
          active.get(k).add(it);
        }
      }
      List<String> pending = null;
      long pendingStart = 0;
      long pendingEnd = 0;
      for (int k = 0; k < pieces; k++) {
        List<String> lines = lines(active.get(k));
        if (pending != null
            && (lines.isEmpty() || pendingEnd != bounds[k] || !pending.equals(lines))) {
          addCue(pendingStart, pendingEnd, pending);
          pending = null;
        }
        if (lines.isEmpty()) {
          continue;
        }
        if (pending == null) {
          pending = lines;
          pendingStart = bounds[k];
        }
        pendingEnd = bounds[k + 1];
      }
      if (pending != null) {
        addCue(pendingStart, pendingEnd, pending);
      }
    }

    /** Applies the caller's offset and window to one cue in document time and keeps it. */
    private void addCue(long docStartUs, long docEndUs, List<String> lines) throws TtmlException {
      long start = Math.max(saturatedAdd(docStartUs, offsetUs), windowStartUs);
      long end =
          docEndUs == INDEFINITE
              ? windowEndUs
              : Math.min(saturatedAdd(docEndUs, offsetUs), windowEndUs);
      if (start >= end) {
        return;
      }
      if (cues.size() >= MAX_CUES_PER_DOCUMENT) {
        throw error(
            null,
            null,
            "more than " + MAX_CUES_PER_DOCUMENT + " cues in one document; expected at most that");
      }
      cues.add(new Cue(start, end, lines));
    }

    /** The interval and white-space mode of the element at the reader, within its parent's. */
    private Scope scope(Scope parent) throws TtmlException {
      Long begin = null;
      Long end = null;
      Long dur = null;
      boolean preserve = parent.preserve();
      for (int i = 0; i < r.getAttributeCount(); i++) {
        String ns = r.getAttributeNamespace(i);
        String local = r.getAttributeLocalName(i);
        if (ns == null || ns.isEmpty()) {
          switch (local) {
            case "begin" -> begin = timeUs(i);
            case "end" -> end = timeUs(i);
            case "dur" -> dur = timeUs(i);
            default -> {
              // style, region, xml:id and the like: not needed for cue text and times.
            }
          }
        } else if (XMLConstants.XML_NS_URI.equals(ns) && local.equals("space")) {
          preserve = space(r.getAttributeValue(i), i);
        }
      }
      long beginUs = saturatedAdd(parent.beginUs(), begin == null ? 0 : begin);
      long endUs = INDEFINITE;
      if (end != null) {
        endUs = saturatedAdd(parent.beginUs(), end);
      }
      if (dur != null) {
        endUs = Math.min(endUs, saturatedAdd(beginUs, dur));
      }
      endUs = Math.min(endUs, parent.endUs());
      return new Scope(beginUs, endUs, preserve);
    }

    private boolean space(String value, int attribute) throws TtmlException {
      return switch (trimXml(value)) {
        case "preserve" -> true;
        case "default" -> false;
        default -> {
          throw error(
              r.getLocalName(),
              attributeName(attribute),
              "value \"" + clip(value) + "\" is not \"default\" or \"preserve\"");
        }
      };
    }

    /** The time expression of attribute {@code i}, in microseconds of document time. */
    private long timeUs(int i) throws TtmlException {
      String raw = r.getAttributeValue(i);
      String value = trimXml(raw);
      if (value.length() > MAX_TIME_EXPRESSION_CHARS) {
        throw badTime(
            i,
            raw,
            "is longer than "
                + MAX_TIME_EXPRESSION_CHARS
                + " characters; expected a clock or offset time expression");
      }
      BigInteger num;
      BigInteger den;
      Matcher clock = CLOCK_TIME.matcher(value);
      Matcher offset = OFFSET_TIME.matcher(value);
      if (clock.matches()) {
        BigInteger hours = new BigInteger(clock.group(1));
        int minutes = Integer.parseInt(clock.group(2));
        int seconds = Integer.parseInt(clock.group(3));
        if (minutes > 59 || seconds > 60) {
          throw badTime(
              i,
              raw,
              "has minutes above 59 or seconds above 60; expected hh:mm:ss with mm 00-59, ss 00-60");
        }
        BigInteger whole =
            hours
                .multiply(BigInteger.valueOf(3600))
                .add(BigInteger.valueOf(minutes * 60L + seconds));
        String fraction = clock.group(4);
        String frames = clock.group(5);
        String subFrames = clock.group(6);
        if (fraction != null) {
          den = BigInteger.TEN.pow(fraction.length());
          num = whole.multiply(den).add(new BigInteger(fraction));
        } else if (frames != null) {
          BigInteger f = new BigInteger(frames);
          if (f.compareTo(rates.frameRate()) >= 0) {
            throw badTime(
                i,
                raw,
                "counts " + f + " frames; expected fewer than the frame rate " + rates.frameRate());
          }
          BigInteger sub = subFrames == null ? BigInteger.ZERO : new BigInteger(subFrames);
          if (sub.compareTo(rates.subFrameRate()) >= 0) {
            throw badTime(
                i,
                raw,
                "counts "
                    + sub
                    + " sub-frames; expected fewer than the sub-frame rate "
                    + rates.subFrameRate());
          }
          // whole + frames / efr + sub / (efr * sfr), efr = frameRate * mulNum / mulDen.
          den = rates.frameRate().multiply(rates.multiplierNum()).multiply(rates.subFrameRate());
          num =
              whole
                  .multiply(den)
                  .add(f.multiply(rates.multiplierDen()).multiply(rates.subFrameRate()))
                  .add(sub.multiply(rates.multiplierDen()));
        } else {
          num = whole;
          den = BigInteger.ONE;
        }
      } else if (offset.matches()) {
        String fraction = offset.group(2);
        BigInteger scale =
            fraction == null ? BigInteger.ONE : BigInteger.TEN.pow(fraction.length());
        num =
            new BigInteger(offset.group(1))
                .multiply(scale)
                .add(fraction == null ? BigInteger.ZERO : new BigInteger(fraction));
        den = scale;
        switch (offset.group(3)) {
          case "h" -> num = num.multiply(BigInteger.valueOf(3600));
          case "m" -> num = num.multiply(BigInteger.valueOf(60));
          case "s" -> {}
          case "ms" -> den = den.multiply(BigInteger.valueOf(1000));
          case "f" -> {
            num = num.multiply(rates.multiplierDen());
            den = den.multiply(rates.frameRate()).multiply(rates.multiplierNum());
          }
          default -> { // "t"
            num = num.multiply(rates.tickRateDen());
            den = den.multiply(rates.tickRateNum());
          }
        }
      } else {
        throw badTime(
            i,
            raw,
            "is not a TTML time expression; expected clock time (hh:mm:ss, hh:mm:ss.fraction,"
                + " hh:mm:ss:frames) or offset time (a number and one of h, m, s, ms, f, t),"
                + " e.g. \"00:00:01.500\" or \"15000000t\"");
      }
      // Rounded to the nearest microsecond (halves up); all values are non-negative.
      BigInteger us =
          num.multiply(MICROS_PER_SECOND).shiftLeft(1).add(den).divide(den.shiftLeft(1));
      if (us.compareTo(BigInteger.valueOf(MAX_TIME_EXPRESSION_US)) > 0) {
        throw badTime(
            i, raw, "is later than " + MAX_TIME_EXPRESSION_US + " us; expected at most that");
      }
      return us.longValueExact();
    }

    private TtmlException badTime(int attribute, String value, String problemAndExpected) {
      return error(
          r.getLocalName(),
          attributeName(attribute),
          "time expression \"" + clip(value) + "\" " + problemAndExpected);
    }

    private String attributeName(int i) {
      String prefix = r.getAttributePrefix(i);
      String local = r.getAttributeLocalName(i);
      return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private TtmlException error(
        @Nullable String element, @Nullable String attribute, String detail) {
      Location loc = r.getLocation();
      int line = loc == null ? 0 : Math.max(0, loc.getLineNumber());
      int column = loc == null ? 0 : Math.max(0, loc.getColumnNumber());
      return new TtmlException(element, attribute, line, column, detail, null);
    }

    private boolean isTtml(String localName) {
      String ns = r.getNamespaceURI();
      return ns != null && TTML_NAMESPACES.contains(ns) && localName.equals(r.getLocalName());
    }

    /** The next event, with the element depth kept and bounded. */
    private int next() throws XMLStreamException, TtmlException {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
        if (depth > MAX_ELEMENT_DEPTH) {
          throw error(
              r.getLocalName(),
              null,
              "elements are nested more than "
                  + MAX_ELEMENT_DEPTH
                  + " deep; expected at most that");
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (ev == XMLStreamConstants.END_DOCUMENT && depth > 0) {
        throw error(null, null, "the document ends inside an element");
      }
      return ev;
    }

    /** Advances to the next child start tag (true) or to the current element's end tag (false). */
    private boolean nextChild() throws XMLStreamException, TtmlException {
      while (true) {
        int ev = next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          return true;
        }
        if (ev == XMLStreamConstants.END_ELEMENT) {
          return false;
        }
      }
    }

    /** Skips the element at the reader (at its start tag) with everything inside it. */
    private void skip() throws XMLStreamException, TtmlException {
      int outside = depth - 1;
      while (depth > outside) {
        next();
      }
    }
  }

  /** Adds without overflow, sticking at the ends of the long range. */
  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }

  /** Strips XML white space (space, tab, CR, LF) from both ends. */
  private static String trimXml(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isXmlSpace(s.charAt(from))) {
      from++;
    }
    while (to > from && isXmlSpace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  private static boolean isXmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** A value shortened for a message. */
  private static String clip(String value) {
    return value.length() <= 80 ? value : value.substring(0, 77) + "...";
  }

  /**
   * The lines of some paragraph content: line breaks start new lines; in default white-space mode
   * runs of white space collapse to one space and lines are trimmed; in preserve mode white space
   * is kept and a line feed starts a new line. Blank lines are dropped.
   */
  private static List<String> lines(List<Item> items) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    boolean pendingSpace = false;
    for (Item it : items) {
      String text = it.text();
      if (text == null) {
        endLine(lines, line);
        pendingSpace = false;
        continue;
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (it.preserve()) {
          if (c == '\n') {
            endLine(lines, line);
            pendingSpace = false;
            continue;
          }
          if (pendingSpace) {
            line.append(' ');
            pendingSpace = false;
          }
          line.append(c);
        } else if (isXmlSpace(c)) {
          pendingSpace = line.length() > 0;
        } else {
          if (pendingSpace) {
            line.append(' ');
            pendingSpace = false;
          }
          line.append(c);
        }
      }
    }
    endLine(lines, line);
    return lines;
  }

  private static void endLine(List<String> lines, StringBuilder line) {
    for (int i = 0; i < line.length(); i++) {
      if (!isXmlSpace(line.charAt(i))) {
        lines.add(line.toString());
        break;
      }
    }
    line.setLength(0);
  }
}
