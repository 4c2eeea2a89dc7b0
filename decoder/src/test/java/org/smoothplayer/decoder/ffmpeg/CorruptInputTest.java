package org.smoothplayer.decoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smoothplayer.decoder.codec.VideoCodecConfig;
import org.smoothplayer.decoder.fragment.EncodedSample;
import org.smoothplayer.decoder.video.VideoDecodeError;
import org.smoothplayer.decoder.video.VideoDecodeError.Kind;
import org.smoothplayer.decoder.video.VideoDecoderOptions;

/**
 * Damaged samples never take the decoder (or the JVM) down: each is reported with its time, and
 * decoding is clean again from the next key frame.
 */
class CorruptInputTest {

  private static GeneratedContent tiny;

  @BeforeAll
  static void generate() {
    tiny = GeneratedContent.tiny();
  }

  private static EncodedSample withData(EncodedSample sample, byte[] data) {
    return new EncodedSample(
        sample.decodeTimeUs(),
        sample.presentationTimeUs(),
        sample.durationUs(),
        sample.keyFrame(),
        ByteBuffer.wrap(data));
  }

  private static byte[] bytes(EncodedSample sample) {
    byte[] out = new byte[sample.sizeBytes()];
    sample.data().duplicate().get(out);
    return out;
  }

  /**
   * Decodes level 1 with {@code damage} applied to the samples of fragment 1 selected by {@code
   * which}; checks the result and returns the sink.
   */
  private static CollectingSink decodeDamaged(
      VideoCodecConfig config,
      int damagedFragment,
      int damagedIndex,
      UnaryOperator<byte[]> damage) {
    List<GeneratedContent.Chunk> chunks = tiny.videoChunks(1);
    CollectingSink sink = new CollectingSink();
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults().withThreads(1), sink)) {
      decoder.configure(config);
      for (int f = 0; f < chunks.size(); f++) {
        List<EncodedSample> samples = chunks.get(f).samples();
        for (int i = 0; i < samples.size(); i++) {
          EncodedSample sample = samples.get(i);
          if (f == damagedFragment && i == damagedIndex) {
            sample = withData(sample, damage.apply(bytes(sample)));
          }
          decoder.decode(sample);
        }
      }
      decoder.drain();
    }
    return sink;
  }

  /**
   * Every frame of the fragments after the damaged one is there, with the right frame number, and
   * so is every frame before the damage.
   */
  private static void assertResumedAfter(CollectingSink sink, int damagedFragment) {
    assertResumedAfter(sink, damagedFragment, true);
  }

  private static void assertResumedAfter(
      CollectingSink sink, int damagedFragment, boolean framesBeforeKept) {
    List<GeneratedContent.Chunk> chunks = tiny.videoChunks(1);
    long firstClean = chunks.get(damagedFragment + 1).info().firstFrameNumber();
    List<Long> shown = new ArrayList<>();
    for (CollectingSink.Seen seen : sink.frames) {
      if (seen.code().isPresent() && seen.frameNumber() >= firstClean) {
        shown.add(seen.frameNumber());
      }
    }
    List<Long> expected = new ArrayList<>();
    for (long n = firstClean; n < tiny.frameCount(); n++) {
      expected.add(n);
    }
    assertThat(shown).containsExactlyElementsOf(expected);
    if (!framesBeforeKept) {
      return;
    }
    long frameOfDamage = chunks.get(damagedFragment).info().firstFrameNumber();
    assertThat(sink.frames.stream().filter(f -> f.code().isPresent()).map(f -> f.frameNumber()))
        .as("frames before the damage are all there")
        .containsSequence(java.util.stream.LongStream.range(0, frameOfDamage).boxed().toList());
  }

  @Test
  void a_truncated_sample_is_reported_with_its_time_and_decoding_resumes_at_the_next_key_frame() {
    EncodedSample victim = tiny.videoChunks(1).get(1).samples().get(3);
    CollectingSink sink =
        decodeDamaged(tiny.videoConfig(1), 1, 3, b -> java.util.Arrays.copyOf(b, b.length * 2 / 3));

    assertThat(sink.errors).hasSize(1);
    VideoDecodeError error = sink.errors.get(0);
    assertThat(error.kind()).isEqualTo(Kind.MALFORMED_NAL_UNITS);
    assertThat(error.sampleTimeUs()).isEqualTo(victim.presentationTimeUs());
    assertThat(error.message()).contains("runs past the sample end");
    assertResumedAfter(sink, 1);
  }

  @Test
  void a_zeroed_sample_is_reported_and_decoding_resumes() {
    CollectingSink sink = decodeDamaged(tiny.videoConfig(1), 1, 0, b -> new byte[b.length]);

    assertThat(sink.errors)
        .extracting(VideoDecodeError::kind)
        .containsExactly(Kind.MALFORMED_NAL_UNITS);
    assertThat(sink.errors.get(0).message()).contains("zero-length NAL unit");
    assertResumedAfter(sink, 1);
  }

  @Test
  void flipped_bytes_inside_nal_units_never_crash_and_decoding_resumes() {
    Random random = new Random(42);
    for (int trial = 0; trial < 6; trial++) {
      int index = trial % 2 == 0 ? 0 : 1 + random.nextInt(20);
      CollectingSink sink =
          decodeDamaged(
              tiny.videoConfig(1),
              1,
              index,
              b -> {
                // Keep the 4-byte length and the NAL header: damage the slice payload.
                for (int k = 0; k < 12; k++) {
                  int at = 8 + random.nextInt(Math.max(1, b.length - 8));
                  if (at < b.length) {
                    b[at] ^= (byte) (1 + random.nextInt(255));
                  }
                }
                return b;
              });
      assertResumedAfter(sink, 1);
    }
  }

  @Test
  void random_garbage_in_every_sample_of_a_fragment_never_crashes() {
    Random random = new Random(7);
    List<GeneratedContent.Chunk> chunks = tiny.videoChunks(1);
    CollectingSink sink = new CollectingSink();
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults().withThreads(0), sink)) {
      decoder.configure(tiny.videoConfig(1));
      for (int f = 0; f < chunks.size(); f++) {
        for (EncodedSample sample : chunks.get(f).samples()) {
          if (f == 1) {
            byte[] garbage = new byte[sample.sizeBytes()];
            random.nextBytes(garbage);
            // A plausible length prefix so the garbage reaches FFmpeg.
            int length = garbage.length - 4;
            garbage[0] = (byte) (length >>> 24);
            garbage[1] = (byte) (length >>> 16);
            garbage[2] = (byte) (length >>> 8);
            garbage[3] = (byte) length;
            garbage[4] = (byte) (garbage[4] & 0x7F);
            sample = withData(sample, garbage);
          }
          decoder.decode(sample);
        }
      }
      decoder.drain();
    }
    // Garbage that FFmpeg takes for a new sequence may cost the frames it still held: only the
    // resumption is certain.
    assertResumedAfter(sink, 1, false);
    assertThat(sink.frames.get(0).frameNumber()).isZero();
  }

  @Test
  void a_wrong_nal_length_size_is_reported_for_the_sample_and_every_key_frame_after_it() {
    VideoCodecConfig right = tiny.videoConfig(1);
    VideoCodecConfig wrong =
        new VideoCodecConfig(
            right.codec(),
            right.fourCc(),
            right.parameterSetsAnnexB(),
            2,
            right.widthPx(),
            right.heightPx(),
            right.profile(),
            right.level());
    CollectingSink sink = new CollectingSink();
    List<GeneratedContent.Chunk> chunks = tiny.videoChunks(1);
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults(), sink)) {
      decoder.configure(wrong);
      chunks.get(0).samples().forEach(decoder::decode);
      decoder.configure(right);
      chunks.get(1).samples().forEach(decoder::decode);
      decoder.drain();
    }
    assertThat(sink.errors)
        .extracting(VideoDecodeError::kind)
        .containsOnly(Kind.MALFORMED_NAL_UNITS);
    assertThat(sink.errors.get(0).sampleTimeUs()).isZero();
    assertThat(sink.errors.get(0).message()).contains("NAL length size 2");
    assertThat(sink.frames).hasSize(chunks.get(1).samples().size());
    assertThat(sink.frames.get(0).frameNumber()).isEqualTo(chunks.get(1).info().firstFrameNumber());
  }

  @Test
  void missing_parameter_sets_are_reported_at_the_key_frame_and_nothing_reaches_ffmpeg() {
    VideoCodecConfig right = tiny.videoConfig(1);
    VideoCodecConfig bare =
        new VideoCodecConfig(
            right.codec(),
            right.fourCc(),
            new byte[0],
            right.nalLengthSizeBytes(),
            right.widthPx(),
            right.heightPx(),
            right.profile(),
            right.level());
    CollectingSink sink = new CollectingSink();
    List<GeneratedContent.Chunk> chunks = tiny.videoChunks(1);
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults(), sink)) {
      decoder.configure(bare);
      chunks.get(0).samples().forEach(decoder::decode);
      chunks.get(1).samples().forEach(decoder::decode);
      assertThat(decoder.stats().samplesDecoded()).isZero();
      decoder.configure(right);
      chunks.get(2).samples().forEach(decoder::decode);
      decoder.drain();
    }
    assertThat(sink.errors)
        .extracting(VideoDecodeError::kind)
        .containsExactly(Kind.MISSING_PARAMETER_SETS, Kind.MISSING_PARAMETER_SETS);
    assertThat(sink.errors)
        .extracting(VideoDecodeError::sampleTimeUs)
        .containsExactly(
            chunks.get(0).samples().get(0).presentationTimeUs(),
            chunks.get(1).samples().get(0).presentationTimeUs());
    assertThat(sink.frames).hasSize(chunks.get(2).samples().size());
    assertThat(sink.frames.get(0).frameNumber()).isEqualTo(chunks.get(2).info().firstFrameNumber());
  }

  @Test
  void malformed_parameter_sets_never_reach_ffmpeg_and_are_reported_like_missing_ones() {
    VideoCodecConfig right = tiny.videoConfig(1);
    VideoCodecConfig junk =
        new VideoCodecConfig(
            right.codec(),
            right.fourCc(),
            new byte[] {(byte) 0xFF, 1, 2, 3, 4, 5},
            right.nalLengthSizeBytes(),
            right.widthPx(),
            right.heightPx(),
            right.profile(),
            right.level());
    CollectingSink sink = new CollectingSink();
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults(), sink)) {
      decoder.configure(junk);
      tiny.videoChunks(1).get(0).samples().forEach(decoder::decode);
    }
    assertThat(sink.errors).hasSize(1);
    assertThat(sink.errors.get(0).kind()).isEqualTo(Kind.MISSING_PARAMETER_SETS);
    assertThat(sink.errors.get(0).message()).contains("malformed");
  }

  @Test
  void an_empty_sample_is_an_error_event() {
    CollectingSink sink = decodeDamaged(tiny.videoConfig(1), 2, 0, b -> new byte[0]);

    assertThat(sink.errors).extracting(VideoDecodeError::kind).containsExactly(Kind.EMPTY_SAMPLE);
    assertResumedAfter(sink, 2);
  }
}
