package org.smoothplayer.decoder.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.assets.generate.FragmentInfo;
import org.smoothplayer.assets.generate.LevelInfo;
import org.smoothplayer.assets.generate.PresentationInfo;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.generate.StreamInfo;
import org.smoothplayer.decoder.codec.CodecConfigParser;
import org.smoothplayer.decoder.codec.CodecDescriptor;
import org.smoothplayer.decoder.codec.VideoCodecConfig;
import org.smoothplayer.decoder.ffmpeg.NalUnits;
import org.smoothplayer.decoder.fragment.EncodedSample;
import org.smoothplayer.decoder.fragment.FragmentContext;
import org.smoothplayer.decoder.fragment.FragmentParser;
import org.smoothplayer.decoder.fragment.TrackType;

/**
 * The benchmark's inputs, its elementary-stream writer and our side of the measurement, on the
 * generator's {@code tiny} presentation. The speed measurement itself is a runnable ({@code
 * ./smooth-player bench decode}), never a test.
 */
class DecodeBenchmarkTest {
  private static final Path FALSE = Path.of("/bin/false");

  private static BenchLevel level;
  private static int frameCount;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void loadTinyLevel() throws IOException {
    Path dir = Presentations.cached(Preset.TINY);
    PresentationInfo info = PresentationInfo.read(dir);
    StreamInfo video = info.stream("video").orElseThrow();
    LevelInfo top = video.levels().get(video.levels().size() - 1);
    VideoCodecConfig config =
        (VideoCodecConfig)
            CodecConfigParser.parse(
                new CodecDescriptor(
                    "video", top.fourCc(), top.codecPrivateDataHex(), 0, 0, 0, 0, 0, 0));
    List<EncodedSample> samples = new ArrayList<>();
    for (FragmentInfo fragment : video.fragments()) {
      byte[] bytes = Files.readAllBytes(dir.resolve(video.fragmentPath(top, fragment)));
      samples.addAll(
          FragmentParser.parse(
                  ByteBuffer.wrap(bytes),
                  new FragmentContext(TrackType.VIDEO, info.timescale(), fragment.startTicks()))
              .samples());
      frameCount += fragment.sampleCount();
    }
    level = new BenchLevel(top.bitrateBps(), config, samples);
  }

  private int run(List<BenchLevel> levels, DecodeBenchmark.Options options) {
    return DecodeBenchmark.run(
        "tiny", levels, options, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void options_refuse_a_thread_count_outside_0_to_64() {
    assertThatThrownBy(
            () ->
                new DecodeBenchmark.Options(
                    5, List.of(1, 99), DecodeBenchmark.Metric.CPU, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be 0 (auto) .. 64, was 99");
  }

  @Test
  void options_refuse_zero_repetitions_and_an_empty_thread_list() {
    assertThatThrownBy(
            () ->
                new DecodeBenchmark.Options(0, List.of(1), DecodeBenchmark.Metric.CPU, null, null))
        .hasMessage("repetitions must be 1..100, was 0");
    assertThatThrownBy(
            () ->
                new DecodeBenchmark.Options(5, List.of(), DecodeBenchmark.Metric.WALL, null, null))
        .hasMessage("threads must name at least one thread count");
  }

  @Test
  void defaults_are_five_repetitions_at_one_and_auto_threads_on_cpu_time() {
    DecodeBenchmark.Options defaults = DecodeBenchmark.Options.defaults();
    assertThat(defaults.repetitions()).isEqualTo(5);
    assertThat(defaults.threads()).containsExactly(1, 0);
    assertThat(defaults.metric()).isEqualTo(DecodeBenchmark.Metric.CPU);
  }

  @Test
  void a_level_must_start_with_a_key_frame() {
    List<EncodedSample> fromSecondSample = level.samples().subList(1, level.samples().size());
    assertThatThrownBy(() -> new BenchLevel(1, level.config(), fromSecondSample))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start with a key frame");
    assertThatThrownBy(() -> new BenchLevel(1, level.config(), List.of()))
        .hasMessageContaining("at least one sample");
  }

  @Test
  void the_elementary_stream_is_the_parameter_sets_then_every_sample_as_annex_b(@TempDir Path dir)
      throws IOException {
    Path h264 = dir.resolve("level.h264");
    DecodeBenchmark.writeElementaryStream(level, h264);

    byte[] written = Files.readAllBytes(h264);
    byte[] parameterSets = level.config().parameterSetsAnnexB();
    assertThat(Arrays.copyOf(written, parameterSets.length)).isEqualTo(parameterSets);
    int nalUnits = NalUnits.walkAnnexB(parameterSets, level.config().codec()).nalUnitCount();
    long annexBBytes = parameterSets.length;
    for (EncodedSample sample : level.samples()) {
      NalUnits.Summary summary =
          NalUnits.walkLengthPrefixed(
              sample.data(), level.config().nalLengthSizeBytes(), level.config().codec());
      nalUnits += summary.nalUnitCount();
      annexBBytes += summary.annexBSizeBytes();
    }
    assertThat((long) written.length).isEqualTo(annexBBytes);
    assertThat(NalUnits.walkAnnexB(written, level.config().codec()).nalUnitCount())
        .isEqualTo(nalUnits);
  }

  @Test
  void our_side_decodes_every_frame_of_the_level_with_and_without_bgra() {
    assertThat(level.samples()).hasSize(frameCount);
    for (int threads : new int[] {1, 0}) {
      for (boolean bgra : new boolean[] {false, true}) {
        double[] seconds = DecodeBenchmark.decodeOurs(level, threads, bgra);
        assertThat(seconds[0]).isPositive();
        assertThat(seconds[1]).isPositive();
      }
    }
  }

  @Test
  void a_missing_ffmpeg_executable_fails_with_a_message(@TempDir Path dir) {
    DecodeBenchmark.Options options =
        new DecodeBenchmark.Options(
            1, List.of(1), DecodeBenchmark.Metric.CPU, dir.resolve("no-such-ffmpeg"), null);

    assertThat(run(List.of(level), options)).isEqualTo(DecodeBenchmark.EXIT_FAILED);
    assertThat(err.toString()).contains("decode benchmark failed").contains("no-such-ffmpeg");
    assertThat(out.toString()).doesNotContain("min ratio");
  }

  @Test
  void an_ffmpeg_that_fails_silently_is_named_with_its_exit_code() {
    // /bin/false stands for a reference executable that cannot run on this machine.
    DecodeBenchmark.Options options =
        new DecodeBenchmark.Options(1, List.of(1), DecodeBenchmark.Metric.CPU, FALSE, null);

    assertThat(run(List.of(level), options)).isEqualTo(DecodeBenchmark.EXIT_FAILED);
    assertThat(err.toString())
        .contains("decode benchmark failed: /bin/false exited with 1 without any output");
  }

  @Test
  void no_levels_fails_naming_the_content() {
    assertThat(run(List.of(), DecodeBenchmark.Options.defaults()))
        .isEqualTo(DecodeBenchmark.EXIT_FAILED);
    assertThat(err.toString()).contains("no video level to measure in tiny");
  }
}
