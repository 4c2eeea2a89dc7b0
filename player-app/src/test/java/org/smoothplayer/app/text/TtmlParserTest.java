package org.smoothplayer.app.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TtmlParserTest {
  private static final String TTML = "http://www.w3.org/ns/ttml";
  private static final long NO_START = Long.MIN_VALUE;
  private static final long NO_END = Long.MAX_VALUE;

  /** A TTML document with these attributes on tt and this content in body. */
  private static String tt(String ttAttributes, String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<tt xmlns=\""
        + TTML
        + "\" xmlns:ttp=\""
        + TTML
        + "#parameter\" xmlns:tts=\""
        + TTML
        + "#styling\" "
        + ttAttributes
        + ">\n<body>\n"
        + body
        + "\n</body>\n</tt>\n";
  }

  private static List<Cue> parse(String xml) throws TtmlException {
    return TtmlParser.parse(xml.getBytes(StandardCharsets.UTF_8), 0, NO_START, NO_END);
  }

  private static List<Cue> parse(String xml, long offsetUs, long startUs, long endUs)
      throws TtmlException {
    return TtmlParser.parse(xml.getBytes(StandardCharsets.UTF_8), offsetUs, startUs, endUs);
  }

  /** The start of the single cue of a p with this begin, on a tt with these attributes. */
  private static long beginUs(String ttAttributes, String begin) throws TtmlException {
    List<Cue> cues = parse(tt(ttAttributes, "<p begin=\"" + begin + "\">x</p>"));
    assertThat(cues).hasSize(1);
    return cues.get(0).startUs();
  }

  private static Cue cue(long startUs, long endUs, String... lines) {
    return new Cue(startUs, endUs, List.of(lines));
  }

  private static TtmlException failure(ThrowingCallable call) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(TtmlException.class, e -> caught[0] = e);
    return (TtmlException) caught[0];
  }

  private static TtmlException failure(String xml) {
    return failure(() -> parse(xml));
  }

  // ---- Time expressions

  @Test
  void clock_times_with_a_fraction_give_exact_microseconds() throws Exception {
    assertThat(parse(tt("", "<p begin=\"00:00:01.5\" end=\"01:02:03.250001\">a</p>")))
        .containsExactly(cue(1_500_000, 3_723_250_001L, "a"));
    assertThat(beginUs("", "00:00:07")).isEqualTo(7_000_000);
    assertThat(beginUs("", "100:00:00"))
        .as("hours may have more digits")
        .isEqualTo(360_000_000_000L);
  }

  @Test
  void clock_times_with_frames_use_the_frame_rate_its_multiplier_and_sub_frames() throws Exception {
    assertThat(beginUs("", "00:00:01:15")).as("default 30 fps").isEqualTo(1_500_000);
    assertThat(beginUs("ttp:frameRate=\"25\"", "00:00:02:10")).isEqualTo(2_400_000);
    // 29.97 fps: 15 frames are 15 * 1001 / 30000 s.
    assertThat(beginUs("ttp:frameRate=\"30\" ttp:frameRateMultiplier=\"1000 1001\"", "00:00:01:15"))
        .isEqualTo(1_500_500);
    // One frame and one of two sub-frames: 1.5 frames of 25 fps.
    assertThat(beginUs("ttp:frameRate=\"25\" ttp:subFrameRate=\"2\"", "00:00:00:01.1"))
        .isEqualTo(60_000);
  }

  @Test
  void offset_times_accept_every_metric_with_or_without_a_fraction() throws Exception {
    assertThat(beginUs("", "1.5h")).isEqualTo(5_400_000_000L);
    assertThat(beginUs("", "2m")).isEqualTo(120_000_000);
    assertThat(beginUs("", "3.25s")).isEqualTo(3_250_000);
    assertThat(beginUs("", "500ms")).isEqualTo(500_000);
    assertThat(beginUs("", "0.5ms")).isEqualTo(500);
    assertThat(beginUs("", "15f")).as("default 30 fps").isEqualTo(500_000);
    assertThat(beginUs("ttp:frameRate=\"25\"", "50f")).isEqualTo(2_000_000);
    assertThat(beginUs("", "10t")).as("default tick rate 1 Hz").isEqualTo(10_000_000);
  }

  @Test
  void ticks_use_the_declared_tick_rate() throws Exception {
    assertThat(
            parse(
                tt(
                    "ttp:tickRate=\"10000000\"",
                    "<p begin=\"20000000t\" end=\"35000000t\">ticks</p>")))
        .containsExactly(cue(2_000_000, 3_500_000, "ticks"));
  }

  @Test
  void the_tick_rate_defaults_to_the_effective_frame_rate_times_the_sub_frame_rate()
      throws Exception {
    assertThat(beginUs("ttp:frameRate=\"25\" ttp:subFrameRate=\"2\"", "100t")).isEqualTo(2_000_000);
    assertThat(beginUs("ttp:frameRate=\"30\" ttp:frameRateMultiplier=\"1000 1001\"", "30t"))
        .isEqualTo(1_001_000);
    assertThat(beginUs("ttp:subFrameRate=\"4\"", "3t"))
        .as("no frame rate declared: one tick per second")
        .isEqualTo(3_000_000);
  }

  @Test
  void times_round_to_the_nearest_microsecond() throws Exception {
    assertThat(beginUs("ttp:tickRate=\"10000000\"", "15t")).isEqualTo(2);
    assertThat(beginUs("ttp:tickRate=\"10000000\"", "14t")).isEqualTo(1);
    assertThat(beginUs("", "0.0000004s")).isZero();
  }

  @Test
  void white_space_around_a_time_expression_is_ignored() throws Exception {
    assertThat(beginUs("", " 2s\n")).isEqualTo(2_000_000);
  }

  // ---- Timing

  @Test
  void nested_times_are_relative_to_the_parent_begin_and_end_by_the_parent_end() throws Exception {
    String body =
        "<div begin=\"10s\"><div begin=\"1s\"><p begin=\"1s\" end=\"3s\">relative</p></div>"
            + "<div begin=\"1s\" dur=\"2s\"><p begin=\"1s\" end=\"3s\">cut</p></div></div>";
    assertThat(parse(tt("", body)))
        .containsExactly(
            cue(12_000_000, 14_000_000, "relative"), cue(12_000_000, 13_000_000, "cut"));
  }

  @Test
  void body_timing_applies_to_everything_inside() throws Exception {
    String xml =
        "<tt xmlns=\""
            + TTML
            + "\"><body begin=\"5s\" end=\"8s\"><div><p begin=\"1s\">in body</p></div></body></tt>";
    assertThat(parse(xml)).containsExactly(cue(6_000_000, 8_000_000, "in body"));
  }

  @Test
  void dur_gives_the_end_when_there_is_no_end() throws Exception {
    assertThat(parse(tt("", "<p begin=\"1s\" dur=\"2s\">a</p>")))
        .containsExactly(cue(1_000_000, 3_000_000, "a"));
    assertThat(parse(tt("", "<p dur=\"2s\">b</p>"))).containsExactly(cue(0, 2_000_000, "b"));
  }

  @Test
  void the_earlier_of_end_and_dur_ends_an_element() throws Exception {
    assertThat(parse(tt("", "<p begin=\"1s\" end=\"5s\" dur=\"2s\">a</p>")))
        .containsExactly(cue(1_000_000, 3_000_000, "a"));
    assertThat(parse(tt("", "<p begin=\"1s\" end=\"2s\" dur=\"5s\">b</p>")))
        .containsExactly(cue(1_000_000, 2_000_000, "b"));
  }

  @Test
  void a_paragraph_without_an_end_ends_at_the_window_end() throws Exception {
    String xml = tt("", "<div><p begin=\"1s\">open</p></div>");
    assertThat(parse(xml, 0, 0, 4_000_000)).containsExactly(cue(1_000_000, 4_000_000, "open"));
    assertThat(parse(xml)).containsExactly(cue(1_000_000, NO_END, "open"));
    assertThat(parse(xml, 10_000_000, 10_000_000, 12_000_000))
        .as("the window end is not shifted by the offset")
        .containsExactly(cue(11_000_000, 12_000_000, "open"));
  }

  @Test
  void an_element_that_ends_before_it_begins_gives_no_cue() throws Exception {
    assertThat(parse(tt("", "<p begin=\"3s\" end=\"2s\">never</p><p dur=\"0s\">nor</p>")))
        .isEmpty();
    assertThat(parse(tt("", "<div dur=\"1s\"><p begin=\"2s\">after its div</p></div>"))).isEmpty();
  }

  @Test
  void the_offset_is_added_to_every_time() throws Exception {
    assertThat(parse(tt("", "<p begin=\"1s\" end=\"2s\">a</p>"), 20_000_000, NO_START, NO_END))
        .containsExactly(cue(21_000_000, 22_000_000, "a"));
    assertThat(parse(tt("", "<p begin=\"1s\" end=\"2s\">a</p>"), -500_000, NO_START, NO_END))
        .containsExactly(cue(500_000, 1_500_000, "a"));
  }

  @Test
  void cues_are_clipped_to_the_window_and_dropped_when_nothing_is_left() throws Exception {
    String xml =
        tt(
            "",
            "<p begin=\"0s\" end=\"1s\">straddles the start</p>"
                + "<p begin=\"2s\" end=\"5s\">straddles the end</p>"
                + "<p begin=\"3.5s\" end=\"4s\">after</p>"
                + "<p begin=\"0s\" end=\"0.5s\">before</p>"
                + "<p begin=\"0s\" end=\"0.5s\">touches the start</p>");
    assertThat(parse(xml, 20_000_000, 20_500_000, 23_000_000))
        .containsExactly(
            cue(20_500_000, 21_000_000, "straddles the start"),
            cue(22_000_000, 23_000_000, "straddles the end"));
  }

  @Test
  void extreme_offsets_and_windows_do_not_overflow() throws Exception {
    String xml = tt("", "<p begin=\"1s\" end=\"2s\">a</p><p begin=\"3s\">b</p>");
    assertThat(parse(xml, Long.MAX_VALUE - 10, NO_START, NO_END))
        .as("times past the long range stick at its end, leaving empty cues")
        .isEmpty();
    assertThat(parse(xml, Long.MIN_VALUE, NO_START, NO_END))
        .containsExactly(
            cue(Long.MIN_VALUE + 1_000_000, Long.MIN_VALUE + 2_000_000, "a"),
            cue(Long.MIN_VALUE + 3_000_000, NO_END, "b"));
    assertThat(parse(xml, 0, NO_END - 1, NO_END)).containsExactly(cue(NO_END - 1, NO_END, "b"));
    // Each begin is 1.8e18 us, under the limit; their sum is 3.6e18 us, still a long.
    String far = tt("", "<div begin=\"500000000h\"><p begin=\"500000000h\">far</p></div>");
    assertThat(parse(far)).containsExactly(cue(3_600_000_000_000_000_000L, NO_END, "far"));
  }

  // ---- Timed spans

  @Test
  void a_span_with_its_own_timing_shows_only_while_it_is_active() throws Exception {
    String xml =
        tt("", "<p begin=\"0s\" end=\"6s\">A <span begin=\"2s\" end=\"4s\">B</span> C</p>");
    assertThat(parse(xml))
        .containsExactly(
            cue(0, 2_000_000, "A C"),
            cue(2_000_000, 4_000_000, "A B C"),
            cue(4_000_000, 6_000_000, "A C"));
  }

  @Test
  void a_paragraph_splits_at_every_span_boundary_and_equal_neighbours_merge() throws Exception {
    // Roll-up: each word appears in turn and stays; the last span has the p's interval.
    String xml =
        tt(
            "",
            "<p begin=\"10s\" end=\"14s\"><span>One</span> <span begin=\"1s\">two</span>"
                + " <span begin=\"2s\" end=\"3s\">three</span><span begin=\"0s\" end=\"4s\"/></p>");
    assertThat(parse(xml))
        .containsExactly(
            cue(10_000_000, 11_000_000, "One"),
            cue(11_000_000, 12_000_000, "One two"),
            cue(12_000_000, 13_000_000, "One two three"),
            cue(13_000_000, 14_000_000, "One two"));
  }

  @Test
  void a_line_break_inside_a_timed_span_breaks_only_while_the_span_is_active() throws Exception {
    String xml =
        tt(
            "",
            "<p begin=\"0s\" end=\"2s\">Top<span begin=\"1s\"><br/>bottom</span></p>"
                + "<p begin=\"5s\" end=\"6s\">gone <span end=\"0s\">never</span></p>");
    assertThat(parse(xml))
        .containsExactly(
            cue(0, 1_000_000, "Top"),
            cue(1_000_000, 2_000_000, "Top", "bottom"),
            cue(5_000_000, 6_000_000, "gone"));
  }

  @Test
  void a_paragraph_that_is_empty_while_its_spans_are_inactive_gives_cues_only_for_the_spans()
      throws Exception {
    String xml =
        tt(
            "",
            "<p begin=\"0s\" end=\"9s\"> <span begin=\"1s\" end=\"2s\">first</span>"
                + " <span begin=\"5s\" end=\"6s\">second</span> </p>");
    assertThat(parse(xml))
        .containsExactly(cue(1_000_000, 2_000_000, "first"), cue(5_000_000, 6_000_000, "second"));
  }

  // ---- Text

  @Test
  void br_starts_a_new_line() throws Exception {
    assertThat(parse(tt("", "<p dur=\"1s\">first<br/>second<br></br>third</p>")))
        .containsExactly(cue(0, 1_000_000, "first", "second", "third"));
  }

  @Test
  void white_space_collapses_to_one_space_and_lines_are_trimmed_by_default() throws Exception {
    String p = "<p dur=\"1s\">\n    Hello,\t  \n  world <span> again </span>\r\n <br/>  next  </p>";
    assertThat(parse(tt("", p))).containsExactly(cue(0, 1_000_000, "Hello, world again", "next"));
  }

  @Test
  void xml_space_preserve_keeps_white_space_and_a_line_feed_starts_a_new_line() throws Exception {
    String p =
        "<p dur=\"1s\" xml:space=\"preserve\">  two  spaces\tand a tab\n"
            + "   indented<span xml:space=\"default\">  collapsed   here </span></p>";
    assertThat(parse(tt("", p)))
        .containsExactly(
            cue(0, 1_000_000, "  two  spaces\tand a tab", "   indented collapsed here"));
  }

  @Test
  void xml_space_is_inherited_from_tt_and_can_be_reset() throws Exception {
    String xml =
        tt(
            "xml:space=\"preserve\"",
            "<div><p dur=\"1s\">a  b</p><p dur=\"1s\" xml:space=\"default\">c  d</p></div>");
    assertThat(parse(xml)).containsExactly(cue(0, 1_000_000, "a  b"), cue(0, 1_000_000, "c d"));
  }

  @Test
  void blank_lines_are_dropped_and_a_paragraph_without_text_gives_no_cue() throws Exception {
    assertThat(parse(tt("", "<p dur=\"1s\"><br/> <br/>Hi<br/>   <br/></p>")))
        .containsExactly(cue(0, 1_000_000, "Hi"));
    assertThat(parse(tt("", "<p dur=\"1s\">  \n </p><p dur=\"1s\"/><p dur=\"1s\"><br/></p>")))
        .isEmpty();
    assertThat(parse(tt("", "<p dur=\"1s\" xml:space=\"preserve\">\n  x  \n\n</p>")))
        .containsExactly(cue(0, 1_000_000, "  x  "));
  }

  @Test
  void the_text_of_nested_spans_is_concatenated_and_entities_resolved() throws Exception {
    String p =
        "<p dur=\"1s\"><span>Hel<span tts:fontStyle=\"italic\">lo</span></span> <span>y&amp;u"
            + "<![CDATA[ <3]]>&#x2026;</span></p>";
    assertThat(parse(tt("", p))).containsExactly(cue(0, 1_000_000, "Hello y&u <3…"));
  }

  // ---- Namespaces and skipped content

  @Test
  void the_dfxp_2006_namespaces_and_their_parameters_are_accepted() throws Exception {
    for (String ns :
        List.of("http://www.w3.org/2006/10/ttaf1", "http://www.w3.org/2006/04/ttaf1")) {
      String xml =
          "<tt xmlns=\""
              + ns
              + "\" xmlns:ttp=\""
              + ns
              + "#parameter\" ttp:tickRate=\"1000\"><body><div>"
              + "<p begin=\"1500t\" end=\"2000t\">old</p></div></body></tt>";
      assertThat(parse(xml)).as(ns).containsExactly(cue(1_500_000, 2_000_000, "old"));
    }
  }

  @Test
  void a_prefixed_ttml_namespace_is_the_same_as_the_default_one() throws Exception {
    String xml =
        "<tt:tt xmlns:tt=\""
            + TTML
            + "\"><tt:body><tt:div><tt:p begin=\"1s\" end=\"2s\">a<tt:br/>b</tt:p>"
            + "</tt:div></tt:body></tt:tt>";
    assertThat(parse(xml)).containsExactly(cue(1_000_000, 2_000_000, "a", "b"));
  }

  @Test
  void head_metadata_set_and_elements_of_other_namespaces_are_skipped() throws Exception {
    String xml =
        "<tt xmlns=\""
            + TTML
            + "\" xmlns:x=\"urn:example\" xmlns:ttm=\""
            + TTML
            + "#metadata\"><head><metadata><ttm:title>title</ttm:title></metadata>"
            + "<styling><style xml:id=\"s\"/></styling><layout><region xml:id=\"r\"/></layout>"
            + "</head><body><metadata>body meta</metadata>"
            + "<x:p begin=\"0s\" end=\"1s\">foreign p</x:p>"
            + "<div><p begin=\"0s\" end=\"1s\">shown<metadata>meta</metadata>"
            + "<set begin=\"0s\" dur=\"1s\">set</set><x:span>foreign</x:span>"
            + "<image>unknown ttml</image><span><x:b>deep</x:b>!</span></p>"
            + "text directly in a div</div></body></tt>";
    assertThat(parse(xml)).containsExactly(cue(0, 1_000_000, "shown!"));
  }

  @Test
  void spans_outside_a_paragraph_and_a_p_inside_a_p_are_not_shown() throws Exception {
    assertThat(
            parse(
                tt(
                    "",
                    "<div><span dur=\"1s\">loose</span><p dur=\"1s\">outer<p>inner</p></p></div>")))
        .containsExactly(cue(0, 1_000_000, "outer"));
  }

  // ---- Order and encodings

  @Test
  void cues_are_sorted_by_start_and_equal_starts_keep_document_order() throws Exception {
    String xml =
        tt(
            "",
            "<p begin=\"3s\" end=\"4s\">third</p><p begin=\"1s\" end=\"9s\">first</p>"
                + "<p begin=\"1s\" end=\"2s\">second</p><p begin=\"0.5s\" end=\"1s\">zeroth</p>");
    assertThat(parse(xml))
        .containsExactly(
            cue(500_000, 1_000_000, "zeroth"),
            cue(1_000_000, 9_000_000, "first"),
            cue(1_000_000, 2_000_000, "second"),
            cue(3_000_000, 4_000_000, "third"));
  }

  @Test
  void the_declared_encoding_and_a_byte_order_mark_are_honoured() throws Exception {
    String body = "<tt xmlns=\"" + TTML + "\"><body><p dur=\"1s\">Grüße €</p></body></tt>";
    List<Cue> expected = List.of(cue(0, 1_000_000, "Grüße €"));
    byte[] utf16 =
        ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + body).getBytes(StandardCharsets.UTF_16);
    assertThat(TtmlParser.parse(utf16, 0, NO_START, NO_END)).isEqualTo(expected);
    ByteArrayOutputStream bom = new ByteArrayOutputStream();
    bom.write(0xEF);
    bom.write(0xBB);
    bom.write(0xBF);
    bom.writeBytes(body.getBytes(StandardCharsets.UTF_8));
    assertThat(TtmlParser.parse(bom.toByteArray(), 0, NO_START, NO_END)).isEqualTo(expected);
    String latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>" + body;
    assertThat(
            TtmlParser.parse(latin.getBytes(Charset.forName("ISO-8859-15")), 0, NO_START, NO_END))
        .isEqualTo(expected);
  }

  // ---- Cue

  @Test
  void a_cue_needs_a_non_empty_interval_and_a_line_and_keeps_its_own_copy() {
    assertThatThrownBy(() -> new Cue(5, 5, List.of("a")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Cue(1, 2, List.of())).isInstanceOf(IllegalArgumentException.class);
    List<String> lines = new ArrayList<>(List.of("a"));
    Cue c = new Cue(1, 2, lines);
    lines.add("b");
    assertThat(c.lines()).containsExactly("a");
    assertThatThrownBy(() -> c.lines().add("c")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void a_window_that_ends_before_it_starts_is_a_caller_error() {
    assertThatThrownBy(() -> parse(tt("", ""), 0, 5, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
  }

  // ---- Errors

  @Test
  void malformed_xml_is_a_ttml_exception_with_its_line() {
    TtmlException e = failure("<tt xmlns=\"" + TTML + "\">\n<body>\n<p>unclosed</body></tt>");
    assertThat(e).hasMessageContaining("not well-formed XML").hasMessageContaining("expected");
    assertThat(e.line()).isEqualTo(3);
    assertThat(failure("")).hasMessageContaining("not well-formed XML");
    assertThat(failure("<tt xmlns=\"" + TTML + "\"><body><p dur=\"1s\">cut"))
        .hasMessageContaining("not well-formed XML");
    assertThat(failure(tt("", "<p>&nbsp;</p>")))
        .as("undeclared entity")
        .hasMessageContaining("not well-formed XML");
    assertThat(failure(tt("", "") + "<tt/>")).as("a second root").hasMessageContaining("XML");
    ByteArrayOutputStream badUtf8 = new ByteArrayOutputStream();
    badUtf8.writeBytes(
        ("<tt xmlns=\"" + TTML + "\"><body><p dur=\"1s\">").getBytes(StandardCharsets.UTF_8));
    badUtf8.write(0xC3);
    badUtf8.write(0x28);
    badUtf8.writeBytes("</p></body></tt>".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> TtmlParser.parse(badUtf8.toByteArray(), 0, NO_START, NO_END))
        .as("invalid UTF-8")
        .isInstanceOf(TtmlException.class)
        .hasMessageContaining("not well-formed XML");
  }

  @Test
  void a_root_other_than_tt_in_the_ttml_namespace_is_refused() {
    TtmlException html = failure("<html><body/></html>");
    assertThat(html)
        .hasMessageContaining("root element is <html> in no namespace")
        .hasMessageContaining("expected <tt> in namespace " + TTML);
    assertThat(html.element()).isEqualTo("html");
    assertThat(failure("<tt><body/></tt>")).hasMessageContaining("<tt> in no namespace");
    assertThat(failure("<tt xmlns=\"urn:other\"/>")).hasMessageContaining("namespace urn:other");
  }

  @Test
  void a_dtd_is_refused() {
    String xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tt [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + "<tt xmlns=\""
            + TTML
            + "\"><body><p dur=\"1s\">&x;</p></body></tt>";
    assertThat(failure(xml)).hasMessageContaining("DTD");
  }

  @Test
  void a_malformed_time_expression_names_the_element_attribute_and_value() {
    TtmlException e = failure(tt("", "<div>\n  <p begin=\"1x\">a</p></div>"));
    assertThat(e.element()).isEqualTo("p");
    assertThat(e.attribute()).isEqualTo("begin");
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.column()).isPositive();
    assertThat(e)
        .hasMessageContaining("<p> attribute begin at line 5")
        .hasMessageContaining("time expression \"1x\" is not a TTML time expression")
        .hasMessageContaining("expected clock time");
    for (String bad :
        List.of(
            "",
            "1",
            "-1s",
            "1.s",
            ".5s",
            "1 s",
            "1S",
            "00:01",
            "0:0:01",
            "00:00:01.",
            "00:00:01:02:03",
            "1e3s",
            "١s",
            "00:00:01.5:02",
            "infinity",
            "indefinite")) {
      assertThat(failure(tt("", "<p end=\"" + bad + "\">a</p>")))
          .as(bad)
          .hasMessageContaining("attribute end")
          .hasMessageContaining("\"" + bad + "\"");
    }
  }

  @Test
  void out_of_range_clock_fields_are_refused() {
    assertThat(failure(tt("", "<p dur=\"00:60:00\">a</p>")))
        .hasMessageContaining("attribute dur")
        .hasMessageContaining("minutes above 59");
    assertThat(failure(tt("", "<p dur=\"00:00:61\">a</p>")))
        .hasMessageContaining("seconds above 60");
    assertThat(failure(tt("ttp:frameRate=\"25\"", "<p begin=\"00:00:01:25\">a</p>")))
        .hasMessageContaining("25 frames; expected fewer than the frame rate 25");
    assertThat(failure(tt("ttp:subFrameRate=\"2\"", "<p begin=\"00:00:01:01.2\">a</p>")))
        .hasMessageContaining("2 sub-frames; expected fewer than the sub-frame rate 2");
  }

  @Test
  void too_long_or_too_late_time_expressions_are_refused() {
    String longTime = "1" + "0".repeat(TtmlParser.MAX_TIME_EXPRESSION_CHARS) + "s";
    assertThat(failure(tt("", "<p begin=\"" + longTime + "\">a</p>")))
        .hasMessageContaining("longer than " + TtmlParser.MAX_TIME_EXPRESSION_CHARS);
    assertThat(failure(tt("", "<p begin=\"99999999999999999h\">a</p>")))
        .hasMessageContaining("is later than " + TtmlParser.MAX_TIME_EXPRESSION_US + " us");
  }

  @Test
  void malformed_parameters_are_refused_with_their_name_and_value() {
    TtmlException zero = failure(tt("ttp:tickRate=\"0\"", "<p>a</p>"));
    assertThat(zero.attribute()).isEqualTo("ttp:tickRate");
    assertThat(zero)
        .hasMessageContaining("<tt> attribute ttp:tickRate")
        .hasMessageContaining("\"0\" is not a positive integer");
    assertThat(failure(tt("ttp:frameRate=\"29.97\"", "<p>a</p>")))
        .hasMessageContaining("ttp:frameRate")
        .hasMessageContaining("\"29.97\"");
    assertThat(failure(tt("ttp:subFrameRate=\"x\"", "<p>a</p>")))
        .hasMessageContaining("ttp:subFrameRate");
    assertThat(failure(tt("ttp:frameRateMultiplier=\"1000\"", "<p>a</p>")))
        .hasMessageContaining("ttp:frameRateMultiplier")
        .hasMessageContaining("expected \"numerator denominator\"");
    assertThat(failure(tt("ttp:frameRateMultiplier=\"1000 0\"", "<p>a</p>")))
        .hasMessageContaining("ttp:frameRateMultiplier");
    assertThat(failure(tt("", "<p xml:space=\"keep\">a</p>")))
        .hasMessageContaining("<p> attribute xml:space")
        .hasMessageContaining("\"keep\" is not \"default\" or \"preserve\"");
  }

  @Test
  void a_document_larger_than_the_limit_is_refused_before_parsing() {
    byte[] big = new byte[TtmlParser.MAX_DOCUMENT_BYTES + 1];
    assertThatThrownBy(() -> TtmlParser.parse(big, 0, NO_START, NO_END))
        .isInstanceOf(TtmlException.class)
        .hasMessageContaining(
            "document is "
                + (TtmlParser.MAX_DOCUMENT_BYTES + 1)
                + " bytes; expected at most "
                + TtmlParser.MAX_DOCUMENT_BYTES);
  }

  @Test
  void elements_nested_deeper_than_the_limit_are_refused() throws Exception {
    // tt, body, p and spans: exactly the limit is fine, one more is refused.
    int spansAtLimit = TtmlParser.MAX_ELEMENT_DEPTH - 3;
    String ok = "<span>".repeat(spansAtLimit) + "deep" + "</span>".repeat(spansAtLimit);
    assertThat(parse(tt("", "<p dur=\"1s\">" + ok + "</p>")))
        .containsExactly(cue(0, 1_000_000, "deep"));
    String tooDeep = "<span>".repeat(spansAtLimit + 1) + "x" + "</span>".repeat(spansAtLimit + 1);
    TtmlException e = failure(tt("", "<p>" + tooDeep + "</p>"));
    assertThat(e)
        .hasMessageContaining("<span>")
        .hasMessageContaining("nested more than " + TtmlParser.MAX_ELEMENT_DEPTH + " deep");
    String inHead = "<x xmlns=\"urn:x\">".repeat(100) + "</x>".repeat(100);
    assertThat(failure("<tt xmlns=\"" + TTML + "\"><head>" + inHead + "</head></tt>"))
        .as("skipped subtrees count too")
        .hasMessageContaining("nested more than");
  }

  @Test
  void more_cues_than_the_limit_are_refused() throws Exception {
    StringBuilder ps = new StringBuilder();
    for (int i = 0; i < TtmlParser.MAX_CUES_PER_DOCUMENT; i++) {
      ps.append("<p begin=\"").append(i).append("s\" dur=\"1s\">c</p>");
    }
    assertThat(parse(tt("", ps.toString()))).hasSize(TtmlParser.MAX_CUES_PER_DOCUMENT);
    ps.append("<p dur=\"1s\">one more</p>");
    assertThat(failure(tt("", ps.toString())))
        .hasMessageContaining(
            "more than " + TtmlParser.MAX_CUES_PER_DOCUMENT + " cues in one document");
  }

  @Test
  void a_paragraph_split_into_more_pieces_than_the_cue_limit_is_refused() {
    StringBuilder spans = new StringBuilder();
    for (int i = 0; i <= TtmlParser.MAX_CUES_PER_DOCUMENT / 2; i++) {
      spans.append("<span begin=\"").append(2 * i).append("t\" dur=\"1t\">w</span>");
    }
    assertThat(failure(tt("", "<p>" + spans + "</p>")))
        .hasMessageContaining("split it into")
        .hasMessageContaining("expected at most " + TtmlParser.MAX_CUES_PER_DOCUMENT);
  }

  @Test
  void text_repeated_by_splitting_beyond_the_text_limit_is_refused() {
    // 100 kB of text shown through 201 pieces is 20 MB of cue text.
    StringBuilder p = new StringBuilder("<p dur=\"1000s\">").append("x".repeat(100_000));
    for (int i = 1; i <= 100; i++) {
      p.append("<span begin=\"")
          .append(2 * i)
          .append("s\" dur=\"1s\">")
          .append(i)
          .append("</span>");
    }
    p.append("</p>");
    assertThat(failure(tt("", p.toString())))
        .hasMessageContaining("more than " + TtmlParser.MAX_CUE_TEXT_CHARS + " characters");
  }
}
