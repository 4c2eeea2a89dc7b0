package org.smoothplayer.assets.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mp4parser.boxes.iso14496.part12.TrackRunBox;

/** Generates the {@code tiny} preset once and checks it the way a Smooth Streaming client would. */
class TinyPresentationTest {
  @TempDir static Path dir;
  static PresentationSpec spec = Preset.TINY.spec();
  static ParsedManifest manifest;
  static PresentationInfo info;

  @BeforeAll
  static void generate() throws IOException {
    Presentations.generate(spec, dir, ProgressListener.none());
    manifest = ParsedManifest.read(dir);
    info = PresentationInfo.read(dir);
  }

  @Test
  void manifest_declares_the_timescale_duration_and_both_streams() {
    assertThat(manifest.root().getTagName()).isEqualTo("SmoothStreamingMedia");
    assertThat(manifest.root().getAttribute("TimeScale")).isEqualTo("10000000");
    assertThat(manifest.durationTicks()).isEqualTo(40_000_000L);
    assertThat(manifest.streams())
        .extracting(ParsedManifest.Stream::type)
        .containsExactly("video", "audio");
    assertThat(manifest.stream("video").bitrates()).containsExactly(150_000L, 400_000L);
    assertThat(manifest.stream("audio").bitrates()).containsExactly(128_000L);
  }

  @Test
  void every_chunk_url_the_manifest_implies_resolves_to_a_file() {
    for (ParsedManifest.Stream stream : manifest.streams()) {
      assertThat(stream.chunks()).hasSize(stream.declaredChunks());
      for (long bitrate : stream.bitrates()) {
        for (ParsedManifest.Chunk chunk : stream.chunks()) {
          assertThat(dir.resolve(stream.url(bitrate, chunk))).isRegularFile();
        }
      }
    }
  }

  @Test
  void the_folder_holds_nothing_the_manifest_does_not_reference() throws IOException {
    Set<String> expected = manifest.referencedFiles();
    Set<String> actual = ParsedManifest.filesUnder(dir);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void chunk_durations_add_up_to_the_duration_on_every_stream_and_chunks_are_contiguous() {
    for (ParsedManifest.Stream stream : manifest.streams()) {
      long next = 0;
      for (ParsedManifest.Chunk chunk : stream.chunks()) {
        assertThat(chunk.startTicks()).as(stream.type()).isEqualTo(next);
        next += chunk.durationTicks();
      }
      assertThat(next).as(stream.type()).isEqualTo(manifest.durationTicks());
    }
  }

  @Test
  void the_first_chunk_starts_at_zero_on_both_streams() {
    assertThat(manifest.stream("video").chunks().get(0).startTicks()).isZero();
    assertThat(manifest.stream("audio").chunks().get(0).startTicks()).isZero();
    assertThat(dir.resolve("QualityLevels(150000)/Fragments(video=0)")).isRegularFile();
    assertThat(dir.resolve("QualityLevels(128000)/Fragments(audio=0)")).isRegularFile();
  }

  @Test
  void every_fragment_is_moof_then_mdat_with_tfxd_matching_its_chunk() throws IOException {
    for (ParsedManifest.Stream stream : manifest.streams()) {
      for (long bitrate : stream.bitrates()) {
        List<ParsedManifest.Chunk> chunks = stream.chunks();
        for (int k = 0; k < chunks.size(); k++) {
          ParsedManifest.Chunk chunk = chunks.get(k);
          Path file = dir.resolve(stream.url(bitrate, chunk));
          try (InputStream in = Files.newInputStream(file)) {
            assertThat(new String(in.readNBytes(8), 4, 4, "US-ASCII")).isEqualTo("moof");
          }
          ParsedFragment fragment = ParsedFragment.read(file);
          assertThat(fragment.topLevelTypes()).containsExactly("moof", "mdat");
          assertThat(fragment.sequenceNumber()).isEqualTo(k + 1);
          boolean last = k == chunks.size() - 1;
          assertThat(fragment.trafChildTypes())
              .containsExactlyElementsOf(
                  last ? List.of("tfhd", "trun", "tfxd") : List.of("tfhd", "trun", "tfxd", "tfrf"));
          assertThat(fragment.tfxd().getFragmentAbsoluteTime()).isEqualTo(chunk.startTicks());
          assertThat(fragment.tfxd().getFragmentAbsoluteDuration())
              .isEqualTo(chunk.durationTicks());
          long sampleDurations =
              fragment.trun().getEntries().stream()
                  .mapToLong(TrackRunBox.Entry::getSampleDuration)
                  .sum();
          assertThat(sampleDurations).isEqualTo(chunk.durationTicks());
          if (!last) {
            ParsedManifest.Chunk next = chunks.get(k + 1);
            assertThat(fragment.tfrf().get(0).getEntries().get(0).getFragmentAbsoluteTime())
                .isEqualTo(next.startTicks());
          }
        }
      }
    }
  }

  @Test
  void every_video_fragment_is_one_closed_gop_starting_with_its_only_key_frame()
      throws IOException {
    ParsedManifest.Stream video = manifest.stream("video");
    for (long bitrate : video.bitrates()) {
      for (ParsedManifest.Chunk chunk : video.chunks()) {
        TrackRunBox trun = ParsedFragment.read(dir.resolve(video.url(bitrate, chunk))).trun();
        List<TrackRunBox.Entry> entries = trun.getEntries();
        assertThat(entries).hasSize(spec.framesPerFragment());
        for (int i = 0; i < entries.size(); i++) {
          boolean sync = !entries.get(i).getSampleFlags().isSampleIsDifferenceSample();
          assertThat(sync).as("sample %d of %s is a sync sample", i, chunk).isEqualTo(i == 0);
        }
        // The key frame is presented at the fragment start: composition offset 0.
        assertThat(entries.get(0).getSampleCompositionTimeOffset()).isZero();
        // B-frames: some samples are presented before later-decoded ones (negative offsets).
        assertThat(java.util.Arrays.stream(trun.getSampleCompositionTimeOffsets()).min().orElse(0))
            .isNegative();
      }
    }
  }

  @Test
  void decoded_frames_carry_their_level_and_frame_number_in_every_fragment_at_any_scale()
      throws IOException {
    StreamInfo video = info.stream("video").orElseThrow();
    for (LevelInfo level : video.levels()) {
      byte[] config = HexFormat.of().parseHex(level.codecPrivateDataHex());
      for (FragmentInfo fragment : video.fragments()) {
        List<byte[]> samples =
            ParsedFragment.read(dir.resolve(video.fragmentPath(level, fragment))).samples();
        // Decode each fragment on its own (closed GOP) and scale to an odd display size.
        List<TestDecoder.Picture> pictures = TestDecoder.decodeVideo(config, samples, 213, 120);
        assertThat(pictures).hasSize(fragment.sampleCount());
        List<Integer> codes = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < pictures.size(); i++) {
          TestDecoder.Picture p = pictures.get(i);
          OptionalInt code =
              FrameCode.readBgra(p.bgra(), p.widthPx(), p.heightPx(), p.widthPx() * 4);
          codes.add(code.orElse(-1));
          expected.add(FrameCode.encode(level.index(), fragment.firstFrameNumber() + i));
        }
        assertThat(codes).isEqualTo(expected);
      }
    }
  }

  @Test
  void the_flash_frame_decodes_white_and_its_neighbours_do_not() throws IOException {
    StreamInfo video = info.stream("video").orElseThrow();
    LevelInfo level = video.levels().get(1);
    long flashFrame = spec.flashFrameNumbers().get(0); // 2000 ms at 25 fps = frame 50
    assertThat(flashFrame).isEqualTo(50);
    FragmentInfo fragment =
        video.fragments().stream()
            .filter(
                f ->
                    f.firstFrameNumber() <= flashFrame
                        && flashFrame < f.firstFrameNumber() + f.sampleCount())
            .findFirst()
            .orElseThrow();
    List<TestDecoder.Picture> pictures =
        TestDecoder.decodeVideo(
            HexFormat.of().parseHex(level.codecPrivateDataHex()),
            ParsedFragment.read(dir.resolve(video.fragmentPath(level, fragment))).samples(),
            320,
            180);
    for (int i = 0; i < pictures.size(); i++) {
      long frameNumber = fragment.firstFrameNumber() + i;
      assertThat(meanLumaBelowBand(pictures.get(i)))
          .as("frame %d", frameNumber)
          .matches(l -> frameNumber == flashFrame ? l > 240 : l < 200);
    }
  }

  private static double meanLumaBelowBand(TestDecoder.Picture p) {
    long sum = 0;
    int count = 0;
    for (int y = p.heightPx() / 8; y < p.heightPx(); y += 3) {
      for (int x = 0; x < p.widthPx(); x += 3) {
        int i = (y * p.widthPx() + x) * 4;
        sum +=
            ((p.bgra().get(i) & 0xFF) + (p.bgra().get(i + 1) & 0xFF) + (p.bgra().get(i + 2) & 0xFF))
                / 3;
        count++;
      }
    }
    return (double) sum / count;
  }

  @Test
  void decoded_audio_beeps_exactly_at_the_flash_time() throws IOException {
    StreamInfo audio = info.stream("audio").orElseThrow();
    LevelInfo level = audio.levels().get(0);
    assertThat(level.codecPrivateDataHex()).isEqualTo("1190");
    List<byte[]> packets = new ArrayList<>();
    for (FragmentInfo fragment : audio.fragments()) {
      packets.addAll(
          ParsedFragment.read(dir.resolve(audio.fragmentPath(level, fragment))).samples());
    }
    float[] left = TestDecoder.decodeAudioLeft(HexFormat.of().parseHex("1190"), packets);
    assertThat(left.length).isGreaterThanOrEqualTo((int) spec.audioSampleCount());
    // The steady tone stays below the beep threshold; the beep crosses it within 1 ms of its start.
    int firstLoud = -1;
    for (int i = 0; i < left.length; i++) {
      if (Math.abs(left[i]) > 0.3f) {
        firstLoud = i;
        break;
      }
    }
    long beepStart = spec.beepStartSamples().get(0);
    assertThat(beepStart).isEqualTo(96_000);
    assertThat((long) firstLoud).isBetween(beepStart - 48, beepStart + 48);
    // And the tone is there before it (not silence).
    float peakBefore = 0;
    for (int i = 48_000; i < 90_000; i++) {
      peakBefore = Math.max(peakBefore, Math.abs(left[i]));
    }
    assertThat(peakBefore).isBetween(0.07f, 0.13f);
  }

  @Test
  void presentation_json_describes_what_the_manifest_and_files_hold() throws IOException {
    assertThat(info.spec()).isEqualTo(spec);
    assertThat(info.timescale()).isEqualTo(PresentationSpec.TIMESCALE);
    for (StreamInfo stream : info.streams()) {
      ParsedManifest.Stream parsed = manifest.stream(stream.type());
      assertThat(stream.fragments())
          .extracting(FragmentInfo::startTicks, FragmentInfo::durationTicks)
          .containsExactlyElementsOf(
              parsed.chunks().stream()
                  .map(c -> org.assertj.core.groups.Tuple.tuple(c.startTicks(), c.durationTicks()))
                  .toList());
      for (LevelInfo level : stream.levels()) {
        long bytes = 0;
        for (FragmentInfo fragment : stream.fragments()) {
          long size = Files.size(dir.resolve(stream.fragmentPath(level, fragment)));
          assertThat(fragment.sizesBytes().get(level.index())).isEqualTo(size);
          bytes += size;
        }
        assertThat(level.achievedBitrateBps()).isEqualTo(bytes * 8 * 1000 / spec.durationMs());
        // CBR: within 15 % of the nominal bitrate (container overhead included).
        assertThat((double) level.achievedBitrateBps())
            .isBetween(level.bitrateBps() * 0.85, level.bitrateBps() * 1.15);
      }
    }
    StreamInfo video = info.stream("video").orElseThrow();
    assertThat(video.fragments())
        .extracting(FragmentInfo::firstFrameNumber)
        .containsExactly(0L, 25L, 50L, 75L);
    assertThat(video.fragments())
        .allSatisfy(f -> assertThat(f.keyFrameSampleIndexes()).containsExactly(0));
    assertThat(info.stream("audio").orElseThrow().fragments())
        .allSatisfy(f -> assertThat(f.firstFrameNumber()).isEqualTo(-1));
  }
}
