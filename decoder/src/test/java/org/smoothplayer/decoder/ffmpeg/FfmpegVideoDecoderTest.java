package org.smoothplayer.decoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smoothplayer.decoder.codec.VideoCodecConfig;
import org.smoothplayer.decoder.fragment.EncodedSample;
import org.smoothplayer.decoder.video.VideoDecodeError;
import org.smoothplayer.decoder.video.VideoDecoderOptions;

class FfmpegVideoDecoderTest {

  private static GeneratedContent tiny;

  @BeforeAll
  static void generate() {
    tiny = GeneratedContent.tiny();
  }

  private static CollectingSink decodeLevel(int level, VideoDecoderOptions options) {
    CollectingSink sink = new CollectingSink();
    try (FfmpegVideoDecoder decoder = new FfmpegVideoDecoder(options, sink)) {
      decoder.configure(tiny.videoConfig(level));
      for (EncodedSample sample : tiny.videoSamples(level)) {
        decoder.decode(sample);
      }
      decoder.drain();
    }
    return sink;
  }

  @Test
  void decodes_every_frame_of_each_tiny_level_with_the_burnt_in_frame_number_and_level() {
    for (int level = 0; level < tiny.levelCount(); level++) {
      VideoCodecConfig config = tiny.videoConfig(level);
      CollectingSink sink = decodeLevel(level, VideoDecoderOptions.defaults().withThreads(1));

      assertThat(sink.errors).isEmpty();
      assertThat(sink.frames).hasSize((int) tiny.frameCount());
      for (int i = 0; i < sink.frames.size(); i++) {
        CollectingSink.Seen seen = sink.frames.get(i);
        assertThat(seen.widthPx()).isEqualTo(config.widthPx());
        assertThat(seen.heightPx()).isEqualTo(config.heightPx());
        assertThat(seen.code()).as("frame code of frame %d, level %d", i, level).isPresent();
        assertThat(seen.frameNumber()).isEqualTo(i);
        assertThat(seen.levelIndex()).isEqualTo(level);
      }
    }
  }

  @Test
  void presentation_times_increase_strictly_by_one_frame_duration() {
    CollectingSink sink = decodeLevel(1, VideoDecoderOptions.defaults());

    List<Long> expected =
        LongStream.range(0, tiny.frameCount())
            .map(n -> n * 1_000_000L / tiny.frameRate())
            .boxed()
            .toList();
    assertThat(sink.times()).containsExactlyElementsOf(expected);
  }

  @Test
  void scales_to_the_requested_size_in_the_same_pass_and_the_frame_code_survives() {
    CollectingSink sink = decodeLevel(0, VideoDecoderOptions.defaults().withOutputSize(480, 270));

    assertThat(sink.errors).isEmpty();
    assertThat(sink.frames).hasSize((int) tiny.frameCount());
    assertThat(sink.frames).allSatisfy(f -> assertThat(f.widthPx()).isEqualTo(480));
    assertThat(sink.frames.get(37).code()).isPresent();
    assertThat(sink.frames.get(37).frameNumber()).isEqualTo(37);
  }

  @Test
  void output_size_can_change_between_frames() {
    CollectingSink sink = new CollectingSink();
    List<EncodedSample> samples = tiny.videoSamples(1);
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults().withThreads(1), sink)) {
      decoder.configure(tiny.videoConfig(1));
      for (int i = 0; i < samples.size(); i++) {
        if (i == 50) {
          decoder.setOutputSize(64, 36);
        }
        decoder.decode(samples.get(i));
      }
      decoder.drain();
    }
    assertThat(sink.frames.get(0).widthPx()).isEqualTo(320);
    assertThat(sink.frames.get(sink.frames.size() - 1).widthPx()).isEqualTo(64);
    assertThat(sink.frames).hasSize(samples.size());
  }

  @Test
  void decode_only_mode_reports_times_without_pixels() {
    CollectingSink sink = decodeLevel(0, VideoDecoderOptions.defaults().withConvertPixels(false));

    assertThat(sink.frames).hasSize((int) tiny.frameCount());
    assertThat(sink.frames).allSatisfy(f -> assertThat(f.code()).isEqualTo(OptionalInt.empty()));
    assertThat(sink.errors).isEmpty();
  }

  @Test
  void seeking_flushes_and_resumes_cleanly_at_the_next_key_frame() {
    List<GeneratedContent.Chunk> chunks = tiny.videoChunks(1);
    CollectingSink sink = new CollectingSink();
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults(), sink)) {
      decoder.configure(tiny.videoConfig(1));
      List<EncodedSample> first = chunks.get(0).samples();
      for (EncodedSample sample : first.subList(0, 10)) {
        decoder.decode(sample);
      }
      decoder.flush();
      sink.frames.clear();
      // Land in the middle of fragment 2: its non-key samples are skipped until fragment 3.
      List<EncodedSample> second = chunks.get(2).samples();
      for (EncodedSample sample : second.subList(5, second.size())) {
        decoder.decode(sample);
      }
      for (EncodedSample sample : chunks.get(3).samples()) {
        decoder.decode(sample);
      }
      decoder.drain();
      assertThat(decoder.stats().samplesSkipped()).isEqualTo(second.size() - 5);
    }
    assertThat(sink.errors).isEmpty();
    long firstNumber = chunks.get(3).info().firstFrameNumber();
    assertThat(sink.frames).hasSize(chunks.get(3).samples().size());
    for (int i = 0; i < sink.frames.size(); i++) {
      assertThat(sink.frames.get(i).frameNumber()).isEqualTo(firstNumber + i);
    }
  }

  @Test
  void reuses_pixel_buffers_once_frames_are_closed() {
    CollectingSink sink = new CollectingSink();
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults().withThreads(1), sink)) {
      decoder.configure(tiny.videoConfig(0));
      for (EncodedSample sample : tiny.videoSamples(0)) {
        decoder.decode(sample);
      }
      decoder.drain();
      assertThat(decoder.stats().framesOut()).isEqualTo(tiny.frameCount());
      assertThat(decoder.stats().pixelBuffersAllocated()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void a_sample_before_any_configuration_is_an_error_event_not_an_exception() {
    CollectingSink sink = new CollectingSink();
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults(), sink)) {
      decoder.decode(tiny.videoSamples(0).get(0));
    }
    assertThat(sink.errors)
        .extracting(VideoDecodeError::kind)
        .containsExactly(VideoDecodeError.Kind.NOT_CONFIGURED);
  }

  @Test
  void close_is_idempotent_and_the_decoder_refuses_work_afterwards() {
    FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults(), new CollectingSink());
    decoder.configure(tiny.videoConfig(0));
    decoder.close();
    decoder.close();
    assertThatThrownBy(() -> decoder.decode(tiny.videoSamples(0).get(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
