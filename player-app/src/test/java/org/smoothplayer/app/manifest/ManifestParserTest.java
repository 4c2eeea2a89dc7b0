package org.smoothplayer.app.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.manifest.ManifestException.Kind;
import org.smoothplayer.decoder.codec.UnsupportedCodecException;

class ManifestParserTest {
  private static final URI BASE = URI.create("http://127.0.0.1:8080/video.ism/Manifest");
  private final ManifestParser parser = new ManifestParser();

  private Manifest parse(String xml) throws ManifestException {
    return parser.parse(xml.getBytes(StandardCharsets.UTF_8), BASE);
  }

  private static String audio(String chunks) {
    return audio("", chunks);
  }

  private static String audio(String streamAttrs, String chunks) {
    return "<SmoothStreamingMedia MajorVersion=\"2\" MinorVersion=\"2\" Duration=\"100000000\">\n"
        + "<StreamIndex Type=\"audio\" Url=\"QualityLevels({bitrate})/Fragments(a={start time})\""
        + streamAttrs
        + ">\n"
        + "<QualityLevel Index=\"0\" Bitrate=\"128000\" FourCC=\"AACL\" SamplingRate=\"48000\""
        + " Channels=\"2\" CodecPrivateData=\"1190\"/>\n"
        + chunks
        + "</StreamIndex>\n</SmoothStreamingMedia>\n";
  }

  private static ManifestException failure(ThrowingCallable call) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(ManifestException.class, e -> caught[0] = e);
    return (ManifestException) caught[0];
  }

  @Test
  void an_absent_t_continues_from_the_previous_end_and_an_absent_d_ends_at_the_next_t()
      throws Exception {
    ChunkTimeline t =
        parse(audio("<c d=\"20000000\"/>\n<c/>\n<c t=\"50000000\"/>\n"))
            .streams()
            .get(0)
            .timeline();
    assertThat(t.chunkCount()).isEqualTo(3);
    assertThat(t.chunk(0).startTicks()).isZero();
    assertThat(t.chunk(1).startTicks()).as("t absent: previous end").isEqualTo(20_000_000L);
    assertThat(t.chunk(1).durationTicks()).as("d absent: next t - t").isEqualTo(30_000_000L);
    assertThat(t.chunk(2).startUs()).isEqualTo(5_000_000L);
    // The last chunk without d ends at Duration (10 s).
    assertThat(t.chunk(2).durationUs()).isEqualTo(5_000_000L);
    assertThat(t.endUs()).isEqualTo(10_000_000L);
    assertThat(t.lastDurationKnown()).isTrue();
    ChunkTimeline last = parse(audio("<c d=\"20000000\"/>\n<c/>\n")).streams().get(0).timeline();
    assertThat(last.chunk(1).durationUs()).as("last d from Duration").isEqualTo(8_000_000L);
  }

  @Test
  void r_counts_the_fragments_of_a_run_one_based() throws Exception {
    ChunkTimeline t =
        parse(audio("<c t=\"0\" d=\"30000000\" r=\"12\"/>\n")).streams().get(0).timeline();
    assertThat(t.chunkCount()).isEqualTo(12);
    assertThat(t.runCount()).isEqualTo(1);
    assertThat(t.chunk(11).startUs()).isEqualTo(33_000_000L);
    assertThat(t.chunk(11).durationUs()).isEqualTo(3_000_000L);
  }

  @Test
  void a_billion_repeats_are_one_run_and_lookups_stay_exact() throws Exception {
    ChunkTimeline t =
        parse(audio("<c t=\"0\" d=\"20000000\" r=\"1000000000\"/>\n")).streams().get(0).timeline();
    assertThat(t.chunkCount()).isEqualTo(1_000_000_000);
    assertThat(t.runCount()).isEqualTo(1);
    Chunk last = t.chunk(999_999_999);
    assertThat(last.startTicks()).isEqualTo(999_999_999L * 20_000_000L);
    assertThat(last.startUs()).isEqualTo(999_999_999L * 2_000_000L);
    assertThat(t.indexOf(last.startUs() + 1)).isEqualTo(999_999_999);
    assertThat(t.indexOf(4_000_000L)).isEqualTo(2);
    assertThat(t.indexOf(3_999_999L)).isEqualTo(1);
  }

  @Test
  void equal_back_to_back_chunks_merge_into_runs_and_a_gap_starts_a_new_one() throws Exception {
    ChunkTimeline t =
        parse(
                audio(
                    "<c d=\"20000000\"/><c d=\"20000000\"/><c d=\"10000000\"/>"
                        + "<c t=\"60000000\" d=\"10000000\"/>\n"))
            .streams()
            .get(0)
            .timeline();
    assertThat(t.runCount()).isEqualTo(3);
    assertThat(t.run(0)).isEqualTo(new ChunkTimeline.Run(0, 0, 20_000_000L, 2));
    assertThat(t.run(2)).isEqualTo(new ChunkTimeline.Run(3, 60_000_000L, 10_000_000L, 1));
    assertThat(t.indexOf(-1)).isEqualTo(-1);
    assertThat(t.indexOf(5_500_000L)).as("a time in the gap maps to the chunk before").isEqualTo(2);
    assertThat(t.indexOf(6_000_000L)).isEqualTo(3);
    assertThat(t.indexOf(99_000_000L)).isEqualTo(3);
  }

  @Test
  void a_stream_time_scale_overrides_the_manifest_one_and_converts_exactly() throws Exception {
    Manifest m = parse(audio(" TimeScale=\"3\"", "<c t=\"1\" d=\"1\"/><c d=\"1\"/><c d=\"3\"/>\n"));
    ChunkTimeline t = m.streams().get(0).timeline();
    assertThat(m.timeScale()).isEqualTo(Ticks.DEFAULT_TIME_SCALE);
    assertThat(t.timeScale()).isEqualTo(3);
    assertThat(t.chunk(0).startUs()).isEqualTo(333_333L);
    assertThat(t.chunk(0).durationUs()).isEqualTo(333_333L);
    assertThat(t.chunk(1).startUs()).isEqualTo(666_666L);
    assertThat(t.chunk(1).durationUs()).as("end minus start: no drift").isEqualTo(333_334L);
    assertThat(t.chunk(2).endUs()).isEqualTo(2_000_000L);
  }

  @Test
  void a_live_stream_without_a_final_d_has_a_last_chunk_of_unknown_duration() throws Exception {
    String xml =
        "<SmoothStreamingMedia MajorVersion=\"2\" MinorVersion=\"2\" Duration=\"0\" IsLive=\"TRUE\""
            + " DVRWindowLength=\"600000000\" LookAheadFragmentCount=\"2\">"
            + "<StreamIndex Type=\"video\" Url=\"q({bitrate})/f({start time})\">"
            + "<QualityLevel Bitrate=\"1\" FourCC=\"H264\"/>"
            + "<c t=\"3903180167058030\" d=\"20000000\"/><c t=\"3903180187058030\"/>"
            + "</StreamIndex></SmoothStreamingMedia>";
    Manifest m = parse(xml);
    assertThat(m.live()).isTrue();
    assertThat(m.dvrWindowUs()).isEqualTo(60_000_000L);
    ChunkTimeline t = m.streams().get(0).timeline();
    assertThat(t.lastDurationKnown()).isFalse();
    assertThat(t.chunk(1).durationKnown()).isFalse();
    assertThat(t.chunk(1).startUs()).isEqualTo(390_318_018_705_803L);
  }

  @Test
  void unknown_elements_and_attributes_are_ignored() throws Exception {
    String xml =
        "<SmoothStreamingMedia Duration=\"20000000\" Vendor=\"x\"><Future a=\"1\"><Deep/></Future>"
            + "<StreamIndex Type=\"audio\" Url=\"u\" Shiny=\"yes\"><Content><M Time=\"?\"/></Content>"
            + "<QualityLevel Bitrate=\"1\" FourCC=\"AACL\" FourCCData=\"00\"/>"
            + "<c d=\"20000000\" extra=\"1\"><x/></c></StreamIndex></SmoothStreamingMedia>";
    Manifest m = parse(xml);
    assertThat(m.streams()).hasSize(1);
    assertThat(m.streams().get(0).timeline().chunkCount()).isEqualTo(1);
  }

  @Test
  void utf16_with_bom_and_crlf_and_utf8_with_bom_parse() throws Exception {
    String xml =
        "<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n"
            + audio("<c d=\"20000000\"/>\r\n").replace("\n", "\r\n");
    ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
    utf16.write(0xFF);
    utf16.write(0xFE);
    utf16.write(xml.getBytes(StandardCharsets.UTF_16LE));
    assertThat(parser.parse(utf16.toByteArray(), BASE).streams().get(0).qualityLevels()).hasSize(1);

    ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
    utf8.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    utf8.write(audio("<c d=\"20000000\"/>").getBytes(StandardCharsets.UTF_8));
    assertThat(parser.parse(utf8.toByteArray(), BASE).durationUs()).isEqualTo(10_000_000L);
  }

  @Test
  void a_protection_element_is_modelled_and_refused_for_playback() throws Exception {
    Manifest m =
        parse(
            audio("<c d=\"20000000\"/>")
                .replace(
                    "<StreamIndex",
                    "<Protection><ProtectionHeader SystemID=\"{9A04F079-9840-4286-AB92-E65BE0885F95}\">"
                        + "\n AAAA\n BBBB \n</ProtectionHeader></Protection><StreamIndex"));
    assertThat(m.protection()).isPresent();
    ProtectionHeader h = m.protection().get().headers().get(0);
    assertThat(h.isPlayReady()).isTrue();
    assertThat(h.dataBase64()).isEqualTo("AAAABBBB");
    ManifestException e = failure(m::requireUnprotected);
    assertThat(e.kind()).isEqualTo(Kind.PROTECTED_CONTENT);
    assertThat(e.getMessage()).contains("PlayReady-protected content is not supported");
  }

  @Test
  void a_file_parses_with_its_own_uri_as_base(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("Manifest");
    Files.writeString(file, audio("<c d=\"20000000\"/>"));
    Manifest m = parser.parse(file);
    StreamIndex s = m.streams().get(0);
    assertThat(s.fragmentUri(m.baseUri(), s.qualityLevels().get(0), 0))
        .contains(dir.toUri().resolve("QualityLevels(128000)/Fragments(a=0)"));
  }

  // ---- bad input: each with its type and a message naming the problem ----

  @Test
  void bytes_that_are_not_xml_are_refused_as_not_xml() {
    ManifestException e = failure(() -> parse("this is { not xml"));
    assertThat(e.kind()).isEqualTo(Kind.NOT_XML);
    assertThat(e.getMessage()).contains("not well-formed XML");
    assertThat(failure(() -> parse("")).kind()).isEqualTo(Kind.NOT_XML);
    assertThat(failure(() -> parse("<SmoothStreamingMedia Duration=\"1\">")).kind())
        .isEqualTo(Kind.NOT_XML);
  }

  @Test
  void another_root_element_is_refused_naming_it() {
    ManifestException e = failure(() -> parse("<MPD Duration=\"1\"/>"));
    assertThat(e.kind()).isEqualTo(Kind.WRONG_ROOT);
    assertThat(e.getMessage())
        .isEqualTo(
            "MPD at line 1: root element is <MPD>; expected <SmoothStreamingMedia> (this is a DASH"
                + " manifest; only Smooth Streaming is played)");
    assertThat(failure(() -> parse("<html><body>404</body></html>")).getMessage())
        .isEqualTo(
            "html at line 1: root element is <html>; expected <SmoothStreamingMedia> (this is a"
                + " web page, not a manifest)");
    assertThat(failure(() -> parse("<Manifest/>")).getMessage())
        .isEqualTo(
            "Manifest at line 1: root element is <Manifest>; expected <SmoothStreamingMedia>");
  }

  @Test
  void an_hls_playlist_is_named_as_one_rather_than_as_broken_xml() {
    ManifestException e =
        failure(() -> parse("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n"));
    assertThat(e.kind()).isEqualTo(Kind.NOT_XML);
    assertThat(e.getMessage())
        .isEqualTo(
            "at line 1: this is an HLS playlist (#EXTM3U); only Smooth Streaming is played"
                + " (expected a SmoothStreamingMedia document)");
    // Shorter than the signature, or only like it: reported as XML that is not well formed.
    assertThat(failure(() -> parse("#EXT")).getMessage()).contains("not well-formed XML");
    assertThat(failure(() -> parse("#EXTM3X")).getMessage()).contains("not well-formed XML");
  }

  @Test
  void an_mp4_fragment_given_instead_of_the_manifest_is_named_as_one() {
    byte[] moof = {0, 0, 0, 24, 'm', 'o', 'o', 'f', 0, 0, 0, 16, 'm', 'f', 'h', 'd', 0, 0, 0, 0};
    ManifestException e = failure(() -> parser.parse(moof, BASE));
    assertThat(e.kind()).isEqualTo(Kind.NOT_XML);
    assertThat(e.getMessage())
        .isEqualTo(
            "at line 1: this is an MP4 file or fragment (it starts with a 'moof' box), not a"
                + " manifest; open the presentation's Manifest URL (expected a SmoothStreamingMedia"
                + " document)");
    byte[] ftyp = {0, 0, 0, 20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 0, 1};
    assertThat(failure(() -> parser.parse(ftyp, BASE)).getMessage()).contains("a 'ftyp' box");
    // Other binary input is still reported as XML that is not well formed.
    byte[] other = {0, 0, 0, 24, 'a', 'b', 'c', 'd', 1, 2, 3};
    assertThat(failure(() -> parser.parse(other, BASE)).getMessage())
        .contains("not well-formed XML");
  }

  @Test
  void a_missing_duration_names_element_attribute_and_line() {
    ManifestException e =
        failure(
            () -> parse("<?xml version=\"1.0\"?>\n\n<SmoothStreamingMedia MajorVersion=\"2\"/>"));
    assertThat(e.kind()).isEqualTo(Kind.MISSING_ATTRIBUTE);
    assertThat(e.element()).isEqualTo("SmoothStreamingMedia");
    assertThat(e.attribute()).isEqualTo("Duration");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.getMessage())
        .isEqualTo(
            "SmoothStreamingMedia@Duration at line 3: is missing; expected the presentation"
                + " duration in TimeScale ticks");
  }

  @Test
  void an_empty_time_scale_is_a_missing_value() {
    ManifestException e =
        failure(
            () ->
                parse(
                    audio("<c d=\"20000000\"/>").replace("Duration=", "TimeScale=\"\" Duration=")));
    assertThat(e.kind()).isEqualTo(Kind.MISSING_ATTRIBUTE);
    assertThat(e.attribute()).isEqualTo("TimeScale");
    assertThat(e.getMessage()).contains("is empty; expected ticks per second");
    assertThat(failure(() -> parse(audio(" TimeScale=\"0\"", "<c d=\"1\"/>"))).kind())
        .isEqualTo(Kind.INVALID_VALUE);
  }

  @Test
  void a_missing_bitrate_names_the_quality_level_and_its_line() {
    ManifestException e =
        failure(() -> parse(audio("<c d=\"20000000\"/>").replace("Bitrate=\"128000\"", "")));
    assertThat(e.kind()).isEqualTo(Kind.MISSING_ATTRIBUTE);
    assertThat(e.getMessage()).startsWith("QualityLevel@Bitrate at line 3: is missing");
  }

  @Test
  void a_video_level_without_fourcc_is_read_and_its_codec_named_unsupported() throws Exception {
    String xml =
        "<SmoothStreamingMedia Duration=\"1\">\n<StreamIndex Type=\"video\" Url=\"u\">\n\n"
            + "<QualityLevel Bitrate=\"1\" CodecPrivateData=\"00\"/></StreamIndex>"
            + "</SmoothStreamingMedia>";
    StreamIndex video = parse(xml).streams(StreamType.VIDEO).get(0);
    QualityLevel level = video.qualityLevels().get(0);
    assertThat(level.fourCc()).isNull();
    assertThat(CodecSupport.evaluate(video, level).reason())
        .isEqualTo(
            "QualityLevel at line 4: unsupported codec (no FourCC) (supported: "
                + UnsupportedCodecException.SUPPORTED
                + ")");
  }

  @Test
  void negative_numbers_are_refused() {
    ManifestException e = failure(() -> parse(audio("<c t=\"-5\" d=\"1\"/>")));
    assertThat(e.kind()).isEqualTo(Kind.NEGATIVE_NUMBER);
    assertThat(e.getMessage()).isEqualTo("c@t at line 4: is -5; expected a non-negative integer");
    assertThat(failure(() -> parse(audio("<c d=\"abc\"/>"))).kind()).isEqualTo(Kind.INVALID_VALUE);
  }

  @Test
  void numbers_beyond_64_bits_and_times_that_overflow_are_refused() {
    ManifestException e = failure(() -> parse(audio("<c d=\"99999999999999999999\"/>")));
    assertThat(e.kind()).isEqualTo(Kind.NUMBER_OVERFLOW);
    assertThat(e.getMessage()).contains("c@d at line 4").contains("expected at most");
    ManifestException sum =
        failure(() -> parse(audio("<c t=\"9223372036854775000\" d=\"1000\" r=\"2\"/>")));
    assertThat(sum.kind()).isEqualTo(Kind.NUMBER_OVERFLOW);
    assertThat(sum.getMessage()).contains("does not fit in 64-bit");
    assertThat(
            failure(() -> parse(audio("<QualityLevel Bitrate=\"1\" Channels=\"4294967296\"/>")))
                .kind())
        .isEqualTo(Kind.NUMBER_OVERFLOW);
  }

  @Test
  void overlapping_or_backwards_chunk_times_are_refused() {
    ManifestException overlap =
        failure(() -> parse(audio("<c t=\"0\" d=\"20000000\"/>\n<c t=\"10000000\" d=\"1\"/>")));
    assertThat(overlap.kind()).isEqualTo(Kind.INCONSISTENT_TIMELINE);
    assertThat(overlap.getMessage())
        .isEqualTo(
            "c@t at line 5: t=10000000 starts before the previous chunk ends at 20000000 (chunks"
                + " overlap or go backwards)");
    ManifestException backwards = failure(() -> parse(audio("<c t=\"50\"/>\n<c t=\"40\"/>")));
    assertThat(backwards.kind()).isEqualTo(Kind.INCONSISTENT_TIMELINE);
    assertThat(backwards.getMessage()).contains("t=40 is not after the previous chunk's start 50");
  }

  @Test
  void chunks_shorter_than_a_microsecond_are_refused() {
    ManifestException e = failure(() -> parse(audio("<c t=\"0\" d=\"9\" r=\"3\"/>")));
    assertThat(e.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(e.getMessage())
        .isEqualTo(
            "c@d at line 4: is 9 ticks, shorter than 1 microsecond at time scale 10000000;"
                + " expected a real fragment duration");
  }

  @Test
  void a_d_that_cannot_be_derived_is_a_missing_attribute() {
    ManifestException e = failure(() -> parse(audio("<c t=\"0\"/>\n<c/>\n<c/>")));
    assertThat(e.kind()).isEqualTo(Kind.MISSING_ATTRIBUTE);
    assertThat(e.getMessage()).startsWith("c@d at line 4: is missing and the next c (line 5)");
  }

  @Test
  void r_of_ten_to_the_twelfth_is_refused_by_the_chunk_bound_without_allocating() {
    ManifestException e = failure(() -> parse(audio("<c t=\"0\" d=\"1\" r=\"1000000000000\"/>")));
    assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_CHUNKS);
    assertThat(e.getMessage())
        .isEqualTo("c@r at line 4: is 1000000000000; a stream may have at most 1000000000 chunks");
    ManifestException sum =
        failure(
            () ->
                parse(
                    audio(
                        "<c t=\"0\" d=\"10\" r=\"600000000\"/><c d=\"20\""
                            + " r=\"600000000\"/>")));
    assertThat(sum.kind()).isEqualTo(Kind.TOO_MANY_CHUNKS);
    assertThat(sum.getMessage()).contains("more than 1000000000 chunks");
  }

  @Test
  void a_200_megabyte_manifest_is_refused_at_the_size_limit_while_streaming() {
    long total = 200L * 1024 * 1024;
    LazyManifestStream in = new LazyManifestStream(total);
    ManifestException e = failure(() -> parser.parse(in, BASE));
    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
    assertThat(e.getMessage())
        .isEqualTo("manifest is larger than the limit of 33554432 bytes; refused while reading");
    assertThat(in.produced).as("read no further than the limit").isLessThan(34L * 1024 * 1024);
  }

  @Test
  void a_document_of_exactly_the_limit_is_accepted() throws Exception {
    byte[] doc = audio("<c d=\"20000000\"/>").getBytes(StandardCharsets.UTF_8);
    ManifestParser exact =
        new ManifestParser(ManifestLimits.defaults().withMaxDocumentBytes(doc.length));
    assertThat(exact.parse(doc, BASE).streams()).hasSize(1);
    ManifestParser smaller =
        new ManifestParser(ManifestLimits.defaults().withMaxDocumentBytes(doc.length - 1));
    assertThat(failure(() -> smaller.parse(doc, BASE)).kind()).isEqualTo(Kind.TOO_LARGE);
  }

  @Test
  void an_external_entity_is_refused_and_never_read(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE SmoothStreamingMedia [\n<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">\n]>\n<SmoothStreamingMedia Duration=\"1\"><StreamIndex Type=\"text\""
            + " Name=\"&xxe;\"/></SmoothStreamingMedia>";
    ManifestException e = failure(() -> parse(xxe));
    assertThat(e.kind()).isEqualTo(Kind.DTD_REFUSED);
    assertThat(e.getMessage()).doesNotContain("TOP-SECRET").contains("DTD");
  }

  @Test
  void a_billion_laughs_entity_bomb_is_refused_before_any_expansion() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      dtd.append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10));
      dtd.append("\">");
    }
    dtd.append("]>");
    String bomb = dtd + "<SmoothStreamingMedia Duration=\"&lol9;\"/>";
    ManifestException e = failure(() -> parse(bomb));
    assertThat(e.kind()).isEqualTo(Kind.DTD_REFUSED);
  }

  @Test
  void an_entity_reference_without_a_dtd_is_not_xml() {
    assertThat(failure(() -> parse("<SmoothStreamingMedia Duration=\"&x;\"/>")).kind())
        .isEqualTo(Kind.NOT_XML);
  }

  @Test
  void deep_nesting_is_refused_by_the_depth_limit() {
    String deep = "<a>".repeat(100) + "</a>".repeat(100);
    ManifestException e =
        failure(
            () ->
                parse("<SmoothStreamingMedia Duration=\"1\">" + deep + "</SmoothStreamingMedia>"));
    assertThat(e.kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
  }

  /** A well-formed manifest head followed by endless chunks, generated as it is read. */
  static final class LazyManifestStream extends InputStream {
    private static final byte[] HEAD =
        ("<SmoothStreamingMedia Duration=\"1\"><StreamIndex Type=\"audio\" Url=\"u\">"
                + "<QualityLevel Bitrate=\"1\" FourCC=\"AACL\"/>\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNK = "<c d=\"20000000\"/>\n".getBytes(StandardCharsets.US_ASCII);
    private final long total;
    long produced;

    LazyManifestStream(long total) {
      this.total = total;
    }

    @Override
    public int read() {
      if (produced >= total) {
        return -1;
      }
      long p = produced++;
      return p < HEAD.length ? HEAD[(int) p] : CHUNK[(int) ((p - HEAD.length) % CHUNK.length)];
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (produced >= total) {
        return -1;
      }
      if (produced < HEAD.length) {
        int n = (int) Math.min(len, HEAD.length - produced);
        System.arraycopy(HEAD, (int) produced, b, off, n);
        produced += n;
        return n;
      }
      int at = (int) ((produced - HEAD.length) % CHUNK.length);
      int n = (int) Math.min(Math.min(len, CHUNK.length - at), total - produced);
      System.arraycopy(CHUNK, at, b, off, n);
      produced += n;
      return n;
    }
  }
}
