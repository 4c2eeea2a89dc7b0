package org.smoothplayer.assets.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_EAC3;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mp4parser.boxes.iso14496.part12.TrackRunBox;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * A short spec with E-AC-3 5.1 audio, generated once: the audio QualityLevel as Unified Streaming
 * writes it, every fragment sample an E-AC-3 syncframe (read with mp4parser and by its header
 * bits), and the samples decoded with FFmpeg's {@code eac3} decoder.
 */
class Eac3PresentationTest {
  /** 4 s of 2-s fragments, one tiny video level, a flash (and beep) at 2 s. */
  static final PresentationSpec SPEC =
      new PresentationSpec(
              "eac3-test",
              4_000,
              2_000,
              List.of(new LevelSpec(100_000, 64, 36)),
              25,
              true,
              ManifestStyle.TIMED,
              2_000)
          .withAudioCodec(AudioCodec.E_AC_3);

  /** The audio QualityLevel of an E-AC-3 5.1 224 kbit/s stream as Unified Streaming writes it. */
  static final Map<String, String> UNIFIED_STREAMING_LEVEL =
      Map.of(
          "Index", "0",
          "Bitrate", "224000",
          "FourCC", "EC-3",
          "SamplingRate", "48000",
          "Channels", "6",
          "BitsPerSample", "16",
          "PacketSize", "896",
          "AudioTag", "65534",
          "CodecPrivateData", "00063F000000AF87FBA7022DFB42A4D405CD93843BDD");

  static final int SYNCFRAME_SAMPLES = 1536;
  static final int SYNCFRAME_BYTES = 896;

  @TempDir static Path dir;
  static ParsedManifest manifest;
  static PresentationInfo info;
  static StreamInfo audio;

  @BeforeAll
  static void generate() throws IOException {
    Presentations.generate(SPEC, dir, ProgressListener.none());
    manifest = ParsedManifest.read(dir);
    info = PresentationInfo.read(dir);
    audio = info.stream("audio").orElseThrow();
  }

  private static Element audioLevel() {
    NodeList indexes = manifest.root().getElementsByTagName("StreamIndex");
    for (int i = 0; i < indexes.getLength(); i++) {
      Element index = (Element) indexes.item(i);
      if (index.getAttribute("Type").equals("audio")) {
        NodeList levels = index.getElementsByTagName("QualityLevel");
        assertThat(levels.getLength()).isEqualTo(1);
        return (Element) levels.item(0);
      }
    }
    throw new AssertionError("no audio StreamIndex");
  }

  private static Map<String, String> attributes(Element element) {
    Map<String, String> map = new LinkedHashMap<>();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      map.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
    }
    return map;
  }

  private static List<ParsedFragment> audioFragments() throws IOException {
    ParsedManifest.Stream stream = manifest.stream("audio");
    List<ParsedFragment> fragments = new ArrayList<>();
    for (ParsedManifest.Chunk chunk : stream.chunks()) {
      fragments.add(ParsedFragment.read(dir.resolve(stream.url(224_000, chunk))));
    }
    return fragments;
  }

  @Test
  void the_audio_quality_level_carries_exactly_the_attributes_unified_streaming_writes() {
    assertThat(attributes(audioLevel()))
        .containsExactlyInAnyOrderEntriesOf(UNIFIED_STREAMING_LEVEL);
    assertThat(manifest.stream("audio").bitrates()).containsExactly(224_000L);
    assertThat(manifest.stream("audio").urlPattern())
        .isEqualTo("QualityLevels({bitrate})/Fragments(audio={start time})");
    assertThat(dir.resolve("QualityLevels(224000)/Fragments(audio=0)")).isRegularFile();
  }

  @Test
  void every_audio_sample_is_one_e_ac_3_syncframe_of_1536_samples_in_5_1() throws IOException {
    int samples = 0;
    for (ParsedFragment fragment : audioFragments()) {
      for (byte[] frame : fragment.samples()) {
        String where = "sample " + samples;
        assertThat(((frame[0] & 0xFF) << 8) | (frame[1] & 0xFF))
            .as("%s: sync word", where)
            .isEqualTo(0x0B77);
        assertThat((frame[5] >> 3) & 0x1F).as("%s: bsid (16 = E-AC-3)", where).isEqualTo(16);
        assertThat((frame[2] >> 6) & 0x3).as("%s: strmtyp (0 = independent)", where).isZero();
        int frameBytes = ((((frame[2] & 0x07) << 8) | (frame[3] & 0xFF)) + 1) * 2;
        assertThat(frameBytes).as("%s: frmsiz", where).isEqualTo(frame.length);
        assertThat(frame.length).as(where).isEqualTo(SYNCFRAME_BYTES);
        assertThat((frame[4] >> 6) & 0x3).as("%s: fscod (0 = 48 kHz)", where).isZero();
        assertThat((frame[4] >> 4) & 0x3).as("%s: numblkscod (3 = 6 blocks)", where).isEqualTo(3);
        assertThat((frame[4] >> 1) & 0x7).as("%s: acmod (7 = 3/2)", where).isEqualTo(7);
        assertThat(frame[4] & 0x1).as("%s: lfeon", where).isEqualTo(1);
        samples++;
      }
    }
    // 4 s at 48 kHz in 1536-sample syncframes: 192000 / 1536 = 125.
    assertThat(samples).isEqualTo(125);
  }

  @Test
  void audio_fragments_follow_the_1536_sample_grid_and_add_up_to_the_duration() throws IOException {
    List<ParsedManifest.Chunk> chunks = manifest.stream("audio").chunks();
    List<ParsedFragment> fragments = audioFragments();
    // Fragment 1 starts with the first syncframe starting at or after sample 96000: 63 * 1536.
    assertThat(chunks)
        .containsExactly(
            new ParsedManifest.Chunk(0, PresentationSpec.audioSampleTicks(63 * 1536)),
            new ParsedManifest.Chunk(
                PresentationSpec.audioSampleTicks(63 * 1536),
                SPEC.durationTicks() - PresentationSpec.audioSampleTicks(63 * 1536)));
    assertThat(fragments).extracting(f -> f.samples().size()).containsExactly(63, 62);
    long end = 0;
    long frame = 0; // index of the syncframe in the whole stream
    for (int k = 0; k < chunks.size(); k++) {
      ParsedManifest.Chunk chunk = chunks.get(k);
      ParsedFragment fragment = fragments.get(k);
      assertThat(chunk.startTicks()).isEqualTo(end);
      assertThat(fragment.tfxd().getFragmentAbsoluteTime()).isEqualTo(chunk.startTicks());
      assertThat(fragment.tfxd().getFragmentAbsoluteDuration()).isEqualTo(chunk.durationTicks());
      long durations = 0;
      for (TrackRunBox.Entry entry : fragment.trun().getEntries()) {
        long startSample = frame * SYNCFRAME_SAMPLES;
        long endSample = Math.min(startSample + SYNCFRAME_SAMPLES, SPEC.audioSampleCount());
        assertThat(entry.getSampleDuration())
            .as("syncframe %d", frame)
            .isEqualTo(
                PresentationSpec.audioSampleTicks(endSample)
                    - PresentationSpec.audioSampleTicks(startSample));
        durations += entry.getSampleDuration();
        frame++;
      }
      assertThat(durations).isEqualTo(chunk.durationTicks());
      end += chunk.durationTicks();
    }
    assertThat(end).isEqualTo(manifest.durationTicks()).isEqualTo(SPEC.durationTicks());
    assertThat(audio.fragments())
        .extracting(FragmentInfo::startTicks, FragmentInfo::durationTicks)
        .containsExactlyElementsOf(
            chunks.stream()
                .map(c -> org.assertj.core.groups.Tuple.tuple(c.startTicks(), c.durationTicks()))
                .toList());
  }

  @Test
  void ffmpeg_decodes_48_khz_5_1_with_the_signal_in_front_and_silence_in_the_lfe_and_surrounds()
      throws IOException {
    List<byte[]> packets = new ArrayList<>();
    for (ParsedFragment fragment : audioFragments()) {
      packets.addAll(fragment.samples());
    }
    TestDecoder.DecodedAudio decoded =
        TestDecoder.decodeAudio(AV_CODEC_ID_EAC3, new byte[0], packets);
    assertThat(decoded.sampleRateHz()).isEqualTo(48_000);
    assertThat(decoded.channelNames()).hasSize(6);
    assertThat(decoded.channelNames().subList(0, 4)).containsExactly("FL", "FR", "FC", "LFE");
    assertThat(decoded.samplesPerFrame()).hasSize(125).containsOnly(SYNCFRAME_SAMPLES);

    // Between the start and the beep only the steady tone plays (amplitude 0.1, RMS 0.0707).
    int from = 48_000;
    int to = 90_000;
    double toneRms = AudioSignal.TONE_AMPLITUDE / Math.sqrt(2);
    assertThat(rms(decoded.channel("FL"), from, to)).isBetween(toneRms * 0.9, toneRms * 1.1);
    assertThat(rms(decoded.channel("FR"), from, to)).isBetween(toneRms * 0.9, toneRms * 1.1);
    // The centre gets the mean of left and right at -6 dB.
    assertThat(rms(decoded.channel("FC"), from, to)).isBetween(toneRms * 0.4, toneRms * 0.6);
    for (int c = 3; c < 6; c++) {
      assertThat(rms(decoded.planes()[c], 0, decoded.planes()[c].length))
          .as("channel %s", decoded.channelNames().get(c))
          .isLessThan(1e-4);
    }
  }

  @Test
  void the_decoded_beep_starts_at_the_flash_time_so_the_encoder_priming_is_cancelled()
      throws IOException {
    List<byte[]> packets = new ArrayList<>();
    for (ParsedFragment fragment : audioFragments()) {
      packets.addAll(fragment.samples());
    }
    float[] left = TestDecoder.decodeAudio(AV_CODEC_ID_EAC3, new byte[0], packets).channel("FL");
    assertThat(left.length).isGreaterThanOrEqualTo((int) SPEC.audioSampleCount());
    int firstLoud = -1;
    for (int i = 0; i < left.length; i++) {
      if (Math.abs(left[i]) > 0.3f) {
        firstLoud = i;
        break;
      }
    }
    long beepStart = SPEC.beepStartSamples().get(0);
    assertThat(beepStart).isEqualTo(96_000);
    assertThat((long) firstLoud).isBetween(beepStart - 48, beepStart + 48);
  }

  @Test
  void presentation_json_records_the_codec_and_the_level_the_manifest_describes() {
    assertThat(info.spec()).isEqualTo(SPEC);
    assertThat(info.spec().audioCodec()).isEqualTo(AudioCodec.E_AC_3);
    LevelInfo level = audio.levels().get(0);
    assertThat(level.fourCc()).isEqualTo("EC-3");
    assertThat(level.bitrateBps()).isEqualTo(224_000);
    assertThat(level.channels()).isEqualTo(6);
    assertThat(level.samplingRateHz()).isEqualTo(48_000);
    assertThat(level.codecPrivateDataHex())
        .isEqualTo(UNIFIED_STREAMING_LEVEL.get("CodecPrivateData"));
    assertThat(level.audioTag()).isEqualTo(65534);
    assertThat(level.packetSizeBytes()).isEqualTo(896);
    assertThat(audio.fragmentPath(level, audio.fragments().get(0)))
        .isEqualTo("QualityLevels(224000)/Fragments(audio=0)");
    // CBR: the syncframes plus container overhead stay within 5 % of the nominal bitrate.
    assertThat((double) level.achievedBitrateBps()).isBetween(224_000 * 0.95, 224_000 * 1.05);
  }

  private static double rms(float[] samples, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) samples[i] * samples[i];
    }
    return Math.sqrt(sum / (to - from));
  }
}
