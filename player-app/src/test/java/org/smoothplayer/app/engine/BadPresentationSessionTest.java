package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.engine.EngineRun.Outcome;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * Bad presentations inside a real session, other than corrupt samples: a copy of {@code tiny} (4 s,
 * 1-s fragments, 25 fps, video levels of 150 and 400 kbps) with one fragment that does not parse or
 * is encrypted, or with a manifest whose levels or streams cannot be played, served whole over
 * loopback and played headless: what the viewer gets and what the session log says.
 */
class BadPresentationSessionTest {
  private static final String THIRD_VIDEO = "Fragments(video=20000000)";
  private static final String LOW_LEVEL = "QualityLevels(150000)";
  private static final int FRAMES_PER_FRAGMENT = 25;

  /** At most this long for a session that fails at start (it must not wait for anything). */
  private static final long FAIL_FAST_TIMEOUT_MS = 10_000;

  private static Path tiny;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  private static Outcome play(Path presentation, QualityChoice quality, long timeoutMs)
      throws Exception {
    return EngineRun.play(
        LocalOrigin.builder(presentation), o -> o.withQuality(quality), timeoutMs);
  }

  /** The manifest URL of the session. */
  private static String url(Outcome o) {
    return o.events(SessionEvent.SessionStarted.class).get(0).url();
  }

  private static List<String> notices(Outcome o, String prefix) {
    return o.events(SessionEvent.Notice.class).stream()
        .map(SessionEvent.Notice::message)
        .filter(m -> m.startsWith(prefix))
        .toList();
  }

  /**
   * One video fragment could not be used: exactly one {@code FRAGMENT} decoder error with {@code
   * message}, nothing retried, the frames of that second not shown, those of the next one shown,
   * and the session ends normally.
   */
  private static void oneFragmentLeftOutAndTheRestPlays(Outcome o, String message) {
    o.playedToTheEnd(3_800_000L);
    assertThat(o.decoderErrors("video"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo("FRAGMENT");
              assertThat(e.message()).isEqualTo(message);
            });
    assertThat(o.decoderErrors("audio")).isEmpty();
    // The bytes arrived whole: a parse error is not retried, every fragment was loaded once.
    assertThat(o.failures()).isEmpty();
    assertThat(o.loadedChunks("video")).containsExactly(0, 1, 2, 3);
    assertThat(o.events(SessionEvent.StallStarted.class)).isEmpty();
    // The damaged second is not shown (100 frames when nothing is wrong), and the fourth fragment,
    // decoded after it, is.
    o.thirdSecondLostAndFourthShown(FRAMES_PER_FRAGMENT);
  }

  // ---------------------------------------------------------------- bad fragments

  @Test
  @Timeout(60)
  void
      a_video_fragment_whose_mdat_claims_more_bytes_than_were_served_is_reported_once_and_playback_goes_on(
          @TempDir Path dir) throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    Path fragment = copy.resolve(LOW_LEVEL).resolve(THIRD_VIDEO);
    ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(fragment));
    int[] mdat = box(data, 0, data.limit(), "mdat");
    int declared = mdat[1] + 1000;
    data.putInt(mdat[0], declared);
    Files.write(fragment, data.array());

    Outcome o = play(copy, QualityChoice.level(0), 40_000);

    oneFragmentLeftOutAndTheRestPlays(
        o,
        "fragment 2 at 2000000 us: mdat at offset "
            + mdat[0]
            + ": declares "
            + declared
            + " bytes but the fragment ends after "
            + mdat[1]
            + " (expected the whole box inside the fragment)");
  }

  @Test
  @Timeout(60)
  void a_video_fragment_carrying_a_senc_box_is_refused_as_playready_content_and_playback_goes_on(
      @TempDir Path dir) throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    Path fragment = copy.resolve(LOW_LEVEL).resolve(THIRD_VIDEO);
    addSencToTraf(fragment);

    Outcome o = play(copy, QualityChoice.level(0), 40_000);

    oneFragmentLeftOutAndTheRestPlays(
        o, "fragment 2 at 2000000 us: PlayReady-protected content is not supported");
  }

  // ---------------------------------------------------------------- levels and streams

  @Test
  @Timeout(60)
  void a_level_with_an_unsupported_fourcc_is_left_out_with_a_notice_and_the_other_plays(
      @TempDir Path dir) throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    PresentationCopies.editManifest(
        copy, "FourCC=\"H264\" MaxWidth=\"320\"", "FourCC=\"WVC1\" MaxWidth=\"320\"");

    Outcome o = play(copy, QualityChoice.auto(), 40_000);

    o.playedToTheEnd(3_800_000L);
    assertThat(notices(o, "level left out: "))
        .singleElement()
        .asString()
        .startsWith(
            "level left out: video QualityLevel 1 (400000 bps, line 5): unsupported codec WVC1"
                + " (supported: H264, ");
    leftWithTheLowLevelOnly(o);
  }

  @Test
  @Timeout(60)
  void a_level_with_bad_codec_private_data_is_left_out_with_a_notice_and_the_other_plays(
      @TempDir Path dir) throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    String xml = Files.readString(copy.resolve("Manifest"), StandardCharsets.UTF_8);
    int at = xml.indexOf("Bitrate=\"400000\"");
    int cpd = xml.indexOf("CodecPrivateData=\"", at) + "CodecPrivateData=\"".length();
    int cpdEnd = xml.indexOf('"', cpd);
    // Only a start code and the first two bytes of an SPS are left: no PPS, no usable SPS.
    String cut = xml.substring(0, cpd) + "000000016764" + xml.substring(cpdEnd);
    Files.writeString(copy.resolve("Manifest"), cut, StandardCharsets.UTF_8);

    Outcome o = play(copy, QualityChoice.auto(), 40_000);

    o.playedToTheEnd(3_800_000L);
    assertThat(notices(o, "level left out: "))
        .containsExactly(
            "level left out: video QualityLevel 1 (400000 bps, line 5): CodecPrivateData: no PPS"
                + " (NAL unit type 8) among NAL unit types [7] (expected a PPS (NAL unit type 8))");
    leftWithTheLowLevelOnly(o);
  }

  /** Only the 150-kbps level is offered, chosen, fetched and shown; nothing failed. */
  private static void leftWithTheLowLevelOnly(Outcome o) {
    assertThat(o.end().levels()).extracting(LevelInfo::bitrateBps).containsExactly(150_000L);
    assertThat(o.events(SessionEvent.ManifestLoaded.class).get(0).videoBitratesBps())
        .containsExactly(150_000L);
    assertThat(o.events(SessionEvent.Decision.class))
        .isNotEmpty()
        .extracting(SessionEvent.Decision::level)
        .containsOnly(0);
    assertThat(o.events(SessionEvent.FragmentRequested.class))
        .filteredOn(r -> r.stream().equals("video"))
        .extracting(SessionEvent.FragmentRequested::level)
        .containsOnly(0);
    assertThat(o.loadedChunks("video")).containsExactly(0, 1, 2, 3);
    assertThat(o.events(SessionEvent.DecoderError.class)).isEmpty();
    assertThat(o.failures()).isEmpty();
    assertThat(o.ended().renderedFrames() + o.ended().droppedFrames())
        .isGreaterThanOrEqualTo(4L * FRAMES_PER_FRAGMENT - 5);
  }

  @Test
  @Timeout(30)
  void a_manifest_with_no_playable_video_level_plays_its_audio_alone_and_says_why(@TempDir Path dir)
      throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    PresentationCopies.editManifest(copy, "FourCC=\"H264\"", "FourCC=\"WVC1\"");

    Outcome o = play(copy, QualityChoice.auto(), 30_000);

    o.playedToTheEnd(3_800_000L);
    assertThat(o.end().audioOnlyReason()).isEqualTo(PlaybackEngine.AUDIO_ONLY_VIDEO_UNPLAYABLE);
    // Every level left out is named, each with its reason.
    assertThat(notices(o, "the video cannot be played"))
        .singleElement()
        .satisfies(
            n ->
                assertThat(n)
                    .startsWith(
                        "the video cannot be played (no playable video level in "
                            + url(o)
                            + ": video QualityLevel 0 (150000 bps, line 4): unsupported codec"
                            + " WVC1 (")
                    .contains(
                        "; video QualityLevel 1 (400000 bps, line 5): unsupported codec WVC1 (")
                    .endsWith("); playing the audio alone"));
    assertThat(o.events(SessionEvent.FragmentRequested.class))
        .extracting(SessionEvent.FragmentRequested::stream)
        .containsOnly("audio");
  }

  @Test
  @Timeout(30)
  void a_manifest_with_no_playable_video_level_and_no_audio_fails_the_session_at_once(
      @TempDir Path dir) throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    PresentationCopies.editManifest(copy, "FourCC=\"H264\"", "FourCC=\"WVC1\"");
    PresentationCopies.removeStream(copy, "audio");

    Outcome o = play(copy, QualityChoice.auto(), FAIL_FAST_TIMEOUT_MS);

    // Every level left out is named, each with its reason.
    assertThat(failedWith(o))
        .startsWith(
            "no playable video level in "
                + url(o)
                + ": video QualityLevel 0 (150000 bps, line 4): unsupported codec WVC1 (")
        .contains("; video QualityLevel 1 (400000 bps, line 5): unsupported codec WVC1 (");
  }

  @Test
  @Timeout(30)
  void a_manifest_without_a_video_or_an_audio_stream_fails_the_session_at_once(@TempDir Path dir)
      throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    PresentationCopies.removeStream(copy, "video");
    PresentationCopies.removeStream(copy, "audio");

    Outcome o = play(copy, QualityChoice.auto(), FAIL_FAST_TIMEOUT_MS);

    assertThat(failedWith(o)).isEqualTo("the manifest " + url(o) + " has no video or audio stream");
  }

  @Test
  @Timeout(30)
  void a_manifest_that_is_not_xml_fails_the_session_at_once_without_retrying(@TempDir Path dir)
      throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    Files.writeString(copy.resolve("Manifest"), "this is not a manifest\n", StandardCharsets.UTF_8);

    Outcome o = play(copy, QualityChoice.auto(), FAIL_FAST_TIMEOUT_MS);

    // The rest of the message is the XML reader's own account of the first bad character.
    assertThat(failedWith(o))
        .startsWith(
            "cannot read the manifest "
                + url(o)
                + ": at line 1: not well-formed XML (expected a SmoothStreamingMedia document)");
  }

  /**
   * The session failed at start, fetched no fragment and retried nothing; returns its error, the
   * same in the snapshot the viewer sees and in {@code session_ended}.
   */
  private static String failedWith(Outcome o) {
    assertThat(o.end().state()).as("state").isEqualTo(PlayerState.FAILED);
    String error = o.ended().error();
    assertThat(o.ended().reason()).isEqualTo("error");
    assertThat(o.end().error()).contains(error);
    assertThat(o.events(SessionEvent.ManifestLoaded.class)).isEmpty();
    assertThat(o.events(SessionEvent.FragmentRequested.class)).isEmpty();
    assertThat(o.failures()).isEmpty();
    return error;
  }

  // ---------------------------------------------------------------- changing the files

  /** The box {@code type} among the boxes in {@code [from, to)} of {@code data}: {offset, size}. */
  private static int[] box(ByteBuffer data, int from, int to, String type) {
    int at = from;
    while (at + 8 <= to) {
      int size = data.getInt(at);
      String t = new String(data.array(), at + 4, 4, StandardCharsets.US_ASCII);
      if (t.equals(type)) {
        return new int[] {at, size};
      }
      assertThat(size).as("box size at %d", at).isGreaterThanOrEqualTo(8);
      at += size;
    }
    throw new AssertionError("no " + type + " box in [" + from + ", " + to + ")");
  }

  /**
   * Appends an empty {@code senc} box (version 0, flags 0, no sample) to the fragment's {@code
   * traf}, growing {@code traf} and {@code moof} and moving the {@code trun} data offset past the
   * added bytes, so the fragment stays well-formed apart from the encryption box.
   */
  private static void addSencToTraf(Path fragment) throws IOException {
    byte[] original = Files.readAllBytes(fragment);
    ByteBuffer data = ByteBuffer.wrap(original);
    int[] moof = box(data, 0, data.limit(), "moof");
    int[] traf = box(data, moof[0] + 8, moof[0] + moof[1], "traf");
    int[] trun = box(data, traf[0] + 8, traf[0] + traf[1], "trun");
    int trunFlags = data.getInt(trun[0] + 8) & 0xFF_FFFF;
    assertThat(trunFlags & 0x1).as("trun data_offset present").isEqualTo(1);
    byte[] senc = new byte[16];
    ByteBuffer.wrap(senc).putInt(16).put("senc".getBytes(StandardCharsets.US_ASCII));
    int sencAt = traf[0] + traf[1];
    ByteBuffer out = ByteBuffer.allocate(original.length + senc.length);
    out.put(original, 0, sencAt).put(senc).put(original, sencAt, original.length - sencAt);
    out.putInt(moof[0], moof[1] + senc.length);
    out.putInt(traf[0], traf[1] + senc.length);
    int dataOffsetAt = trun[0] + 16; // after size, type, version and flags, sample_count
    out.putInt(dataOffsetAt, data.getInt(dataOffsetAt) + senc.length);
    Files.write(fragment, out.array());
  }
}
