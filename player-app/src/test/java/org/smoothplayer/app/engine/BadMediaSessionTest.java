package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.engine.EngineRun.Outcome;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * Bad media inside a real session: a copy of {@code tiny} (4 s, 1-s fragments, 25 fps, every
 * fragment starting with an IDR picture) with one fragment or one level's codec data damaged,
 * served over loopback and played headless: what the viewer gets and what the session log says.
 */
class BadMediaSessionTest {
  private static final String THIRD_VIDEO = "Fragments(video=20000000)";
  private static final String THIRD_AUDIO = "Fragments(audio=20053333)";
  private static final String[] VIDEO_LEVELS = {"QualityLevels(150000)", "QualityLevels(400000)"};
  private static final int FRAMES_PER_FRAGMENT = 25;

  private static Path tiny;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  /** Played to the end of {@code tiny} (4 s). */
  private static void playedToTheEnd(Outcome o) {
    o.playedToTheEnd(3_800_000L);
  }

  private static Outcome play(Path presentation, QualityChoice quality) throws Exception {
    return EngineRun.play(LocalOrigin.builder(presentation), o -> o.withQuality(quality), 40_000);
  }

  @Test
  @Timeout(60)
  void a_video_fragment_of_garbage_slices_is_reported_and_the_next_key_frame_plays(
      @TempDir Path dir) throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    for (String level : VIDEO_LEVELS) {
      Path fragment = copy.resolve(level).resolve(THIRD_VIDEO);
      long size = Files.size(fragment);
      int damaged = damageSliceData(fragment, new Random(7));
      assertThat(damaged).as("slice NAL units damaged in %s", level).isEqualTo(FRAMES_PER_FRAGMENT);
      assertThat(Files.size(fragment)).isEqualTo(size);
    }

    Outcome o = play(copy, QualityChoice.auto());

    playedToTheEnd(o);
    // The bytes arrived whole: nothing to retry, every fragment was loaded once.
    assertThat(o.events(SessionEvent.FragmentFailed.class)).isEmpty();
    assertThat(o.loadedChunks("video")).containsExactly(0, 1, 2, 3);
    // The decoder reports the damage (at most once per sample), then waits for a key frame.
    assertThat(o.decoderErrors("video"))
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(FRAMES_PER_FRAGMENT)
        .allSatisfy(e -> assertThat(e.kind()).isIn("CORRUPT_BITSTREAM", "CORRUPT_PICTURE"));
    assertThat(o.decoderErrors("audio")).isEmpty();
    // The damaged second is not shown (100 frames when nothing is wrong), and the fourth fragment,
    // which starts with an IDR picture, is.
    o.thirdSecondLostAndFourthShown(FRAMES_PER_FRAGMENT);
  }

  @Test
  @Timeout(60)
  void an_audio_fragment_of_garbage_is_reported_and_video_and_the_clock_go_on(@TempDir Path dir)
      throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    Path fragment = copy.resolve("QualityLevels(128000)").resolve(THIRD_AUDIO);
    long size = Files.size(fragment);
    overwriteMdatPayload(fragment, new Random(11));
    assertThat(Files.size(fragment)).isEqualTo(size);

    Outcome o = play(copy, QualityChoice.auto());

    playedToTheEnd(o);
    assertThat(o.events(SessionEvent.FragmentFailed.class)).isEmpty();
    assertThat(o.loadedChunks("audio")).containsExactly(0, 1, 2, 3);
    // FFmpeg refuses the AAC frames one by one: at most one error per frame of the fragment
    // (1 s at 48 kHz is 47 frames of 1024 samples).
    assertThat(o.decoderErrors("audio"))
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(48)
        .allSatisfy(e -> assertThat(e.kind()).isEqualTo("CORRUPT_BITSTREAM"));
    // Video is untouched: no error and every frame decoded (shown, or dropped when late).
    assertThat(o.decoderErrors("video")).isEmpty();
    assertThat(o.ended().renderedFrames() + o.ended().droppedFrames())
        .isGreaterThanOrEqualTo(4L * FRAMES_PER_FRAGMENT - 5);
    // The missing second of audio neither stalls playback nor pulls audio and video apart.
    assertThat(o.events(SessionEvent.StallStarted.class)).isEmpty();
    assertThat(o.events(SessionEvent.AvDrift.class))
        .isNotEmpty()
        .allSatisfy(d -> assertThat(Math.abs(d.maxAbsDriftMs())).isLessThan(100.0));
  }

  @Test
  @Timeout(60)
  void audio_fragments_that_are_not_mp4_at_all_play_as_silence_and_the_video_plays_to_the_end(
      @TempDir Path dir) throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    replaceEveryFragmentWithGarbage(copy.resolve("QualityLevels(128000)"), 3000, new Random(5));

    Outcome o = play(copy, QualityChoice.auto());

    // Before, no audio ever reached the output, the clock (which follows it) never started and
    // the session sat at 0.0 s for good.
    playedToTheEnd(o);
    assertThat(o.decoderErrors("audio"))
        .hasSize(4)
        .allSatisfy(e -> assertThat(e.kind()).isEqualTo("FRAGMENT"));
    // The viewer is told once why there is no sound.
    assertThat(o.events(SessionEvent.Notice.class))
        .extracting(SessionEvent.Notice::message)
        .filteredOn(m -> m.startsWith("audio cannot be decoded (fragment 0 at 0 us: "))
        .singleElement()
        .satisfies(m -> assertThat(m).endsWith("); silence plays instead"));
    assertThat(o.decoderErrors("video")).isEmpty();
    assertThat(o.ended().renderedFrames() + o.ended().droppedFrames())
        .isGreaterThanOrEqualTo(4L * FRAMES_PER_FRAGMENT - 5);
    assertThat(o.events(SessionEvent.StallStarted.class)).isEmpty();
  }

  @Test
  @Timeout(60)
  void video_fragments_that_are_not_mp4_at_all_are_told_once_and_the_audio_plays_to_the_end(
      @TempDir Path dir) throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    Random random = new Random(6);
    for (String level : VIDEO_LEVELS) {
      replaceEveryFragmentWithGarbage(copy.resolve(level), 5000, random);
    }

    Outcome o = play(copy, QualityChoice.auto());

    playedToTheEnd(o);
    assertThat(o.ended().renderedFrames()).isZero();
    assertThat(o.decoderErrors("video"))
        .hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(e -> assertThat(e.kind()).isEqualTo("FRAGMENT"));
    assertThat(o.events(SessionEvent.Notice.class))
        .extracting(SessionEvent.Notice::message)
        .filteredOn(m -> m.startsWith("video cannot be decoded (fragment 0 at 0 us: "))
        .singleElement()
        .satisfies(m -> assertThat(m).endsWith("); its pictures are missing there"));
    assertThat(o.events(SessionEvent.StallStarted.class)).isEmpty();
  }

  @Test
  @Timeout(60)
  void a_level_given_the_other_levels_sps_is_concealed_and_the_session_ends_normally(
      @TempDir Path dir) throws Exception {
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny"));
    Path manifest = copy.resolve("Manifest");
    String xml = Files.readString(manifest, StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile("Bitrate=\"(?:150000|400000)\"[^>]*CodecPrivateData=\"([0-9A-F]+)\"")
            .matcher(xml);
    String[] privateData = new String[2];
    int found = 0;
    while (m.find()) {
      privateData[found++] = m.group(1);
    }
    assertThat(found).isEqualTo(2);
    assertThat(privateData[0]).isNotEqualTo(privateData[1]);
    // Swap them: the 160x90 level now announces the 320x180 SPS, and the other way round. The
    // fragments carry no SPS in-band, so the decoder has only the wrong one.
    String swapped =
        xml.replace(privateData[0], "@SWAP@")
            .replace(privateData[1], privateData[0])
            .replace("@SWAP@", privateData[1]);
    Files.writeString(manifest, swapped, StandardCharsets.UTF_8);

    Outcome o = play(copy, QualityChoice.level(0));

    playedToTheEnd(o);
    // The level's size is taken from its CodecPrivateData, not from MaxWidth/MaxHeight.
    assertThat(o.end().levels().get(0).widthPx()).isEqualTo(320);
    assertThat(o.end().levels().get(0).heightPx()).isEqualTo(180);
    assertThat(o.events(SessionEvent.Decision.class))
        .extracting(SessionEvent.Decision::level)
        .containsOnly(0);
    // FFmpeg decodes the 160x90 slices against the 320x180 SPS and flags every key picture as
    // concealed; each is dropped and the decoder waits for the next key frame: the viewer sees a
    // nearly frozen picture (a handful of the 100 frames), and nothing else is said.
    assertThat(o.decoderErrors("video"))
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.kind()).isEqualTo("CORRUPT_PICTURE");
              assertThat(e.message()).contains("concealed");
            });
    assertThat(o.ended().renderedFrames()).as("frames shown").isLessThan(FRAMES_PER_FRAGMENT);
    assertThat(o.decoderErrors("audio")).isEmpty();
    assertThat(o.events(SessionEvent.FragmentFailed.class)).isEmpty();
  }

  @Test
  @Timeout(90)
  void in_auto_mode_a_level_that_does_not_decode_is_left_once_its_lost_frames_are_counted(
      @TempDir Path dir) throws Exception {
    Path copy =
        PresentationCopies.copy(
            Presentations.cached(PlaybackEngineTest.LADDER), dir.resolve("ladder"));
    Path manifest = copy.resolve("Manifest");
    String xml = Files.readString(manifest, StandardCharsets.UTF_8);
    // The top level (640x360 slices) announces the lowest level's SPS (192x108): none of its
    // pictures decode, while every other level is intact.
    String lowest = codecPrivateData(xml, 250_000);
    String top = codecPrivateData(xml, 2_400_000);
    Files.writeString(manifest, xml.replace(top, lowest), StandardCharsets.UTF_8);
    PlayerConfig config =
        PlayerConfig.fromValues(
            Map.of(
                PlaybackSettings.VIDEO_TARGET_S.key(), 4.0,
                PlaybackSettings.AUDIO_TARGET_S.key(), 4.0),
            "default");

    Outcome o = EngineRun.play(LocalOrigin.builder(copy), opts -> opts.withConfig(config), 60_000);
    PlayerSnapshot end = o.end();

    assertThat(end.state()).as("state; error %s", end.error()).isEqualTo(PlayerState.ENDED);
    assertThat(o.ended().positionUs()).isGreaterThan(19_500_000L);
    // The frames the decoder skipped at the top level are counted as dropped there...
    List<SessionEvent.FramesDropped> topDrops =
        o.events(SessionEvent.FramesDropped.class).stream().filter(d -> d.level() == 3).toList();
    assertThat(topDrops).as("frames dropped at the top level").isNotEmpty();
    double firstDropMs = topDrops.get(0).tMs();
    // ...so the frame-drop cap takes the level out of the decisions that follow.
    List<SessionEvent.Decision> decisions = o.events(SessionEvent.Decision.class);
    assertThat(decisions).extracting(SessionEvent.Decision::level).contains(3);
    assertThat(decisions)
        .filteredOn(d -> d.tMs() > firstDropMs + 100)
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.level()).as("decision at %.0f ms", d.tMs()).isLessThan(3));
    // The viewer sees pictures again: most of the 500 frames are shown.
    assertThat(o.ended().renderedFrames()).isGreaterThan(250);
  }

  /** The {@code CodecPrivateData} of the video level of {@code bitrateBps} in {@code xml}. */
  private static String codecPrivateData(String xml, int bitrateBps) {
    Matcher m =
        Pattern.compile("Bitrate=\"" + bitrateBps + "\"[^>]*CodecPrivateData=\"([0-9A-F]+)\"")
            .matcher(xml);
    assertThat(m.find()).as("level %d in the manifest", bitrateBps).isTrue();
    return m.group(1);
  }

  // ---------------------------------------------------------------- damaging a fragment

  /** Top-level box {@code type} of {@code data}: {offset, size}; the box must exist. */
  private static int[] box(ByteBuffer data, String type) {
    int at = 0;
    while (at + 8 <= data.limit()) {
      int size = data.getInt(at);
      String t =
          new String(
              new byte[] {data.get(at + 4), data.get(at + 5), data.get(at + 6), data.get(at + 7)},
              StandardCharsets.US_ASCII);
      if (t.equals(type)) {
        return new int[] {at, size};
      }
      assertThat(size).as("box size at %d", at).isGreaterThanOrEqualTo(8);
      at += size;
    }
    throw new AssertionError("no " + type + " box");
  }

  /**
   * Overwrites the slice data of every slice NAL unit (types 1 and 5) in the fragment's {@code
   * mdat} with random bytes, keeping the NAL header, the first bytes of the slice header and every
   * length prefix; returns how many NAL units were damaged.
   */
  private static int damageSliceData(Path fragment, Random random) throws IOException {
    ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(fragment));
    int[] mdat = box(data, "mdat");
    int at = mdat[0] + 8;
    int end = mdat[0] + mdat[1];
    int damaged = 0;
    while (at + 4 <= end) {
      int length = data.getInt(at);
      int nal = at + 4;
      assertThat(nal + length).as("NAL unit at %d", at).isLessThanOrEqualTo(end);
      int type = data.get(nal) & 0x1f;
      int keep = 4; // NAL header and the start of the slice header
      if ((type == 1 || type == 5) && length > keep) {
        for (int p = nal + keep; p < nal + length; p++) {
          data.put(p, (byte) random.nextInt(256));
        }
        damaged++;
      }
      at = nal + length;
    }
    Files.write(fragment, data.array());
    return damaged;
  }

  /** Overwrites the whole payload of the fragment's {@code mdat} box with random bytes. */
  /** Replaces every file of the level folder {@code level} with {@code bytes} random bytes. */
  private static void replaceEveryFragmentWithGarbage(Path level, int bytes, Random random)
      throws IOException {
    try (var fragments = Files.list(level)) {
      for (Path fragment : fragments.toList()) {
        byte[] garbage = new byte[bytes];
        random.nextBytes(garbage);
        Files.write(fragment, garbage);
      }
    }
  }

  private static void overwriteMdatPayload(Path fragment, Random random) throws IOException {
    ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(fragment));
    int[] mdat = box(data, "mdat");
    for (int p = mdat[0] + 8; p < mdat[0] + mdat[1]; p++) {
      data.put(p, (byte) random.nextInt(256));
    }
    Files.write(fragment, data.array());
  }
}
