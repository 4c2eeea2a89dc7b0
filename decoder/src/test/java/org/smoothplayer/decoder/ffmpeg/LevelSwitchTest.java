package org.smoothplayer.decoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoothplayer.decoder.fragment.EncodedSample;
import org.smoothplayer.decoder.video.VideoDecoderOptions;

class LevelSwitchTest {

  private static GeneratedContent tiny;

  @BeforeAll
  static void generate() {
    tiny = GeneratedContent.tiny();
  }

  @ParameterizedTest(name = "with {0} decoder threads (0 = auto)")
  @ValueSource(ints = {1, 0})
  void a_switch_between_levels_mid_stream_loses_and_repeats_no_frame(int threads) {
    List<GeneratedContent.Chunk> low = tiny.videoChunks(0);
    List<GeneratedContent.Chunk> high = tiny.videoChunks(1);
    // Fragments 0,1 from level 0, fragment 2 from level 1, fragment 3 back on level 0.
    int[] levelOfFragment = {0, 0, 1, 0};
    CollectingSink sink = new CollectingSink();
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults().withThreads(threads), sink)) {
      for (int f = 0; f < levelOfFragment.length; f++) {
        int level = levelOfFragment[f];
        decoder.configure(tiny.videoConfig(level));
        for (EncodedSample sample : (level == 0 ? low : high).get(f).samples()) {
          decoder.decode(sample);
        }
      }
      decoder.drain();
      assertThat(decoder.stats().reconfigurations()).isEqualTo(3);
    }

    assertThat(sink.errors).isEmpty();
    assertThat(sink.frames).hasSize((int) tiny.frameCount());
    for (int i = 0; i < sink.frames.size(); i++) {
      CollectingSink.Seen seen = sink.frames.get(i);
      assertThat(seen.timeUs()).isEqualTo(i * tiny.frameDurationUs());
      assertThat(seen.code()).as("frame code of frame %d", i).isPresent();
      assertThat(seen.frameNumber()).isEqualTo(i);
    }
    long firstOfFragment2 = high.get(2).info().firstFrameNumber();
    long firstOfFragment3 = low.get(3).info().firstFrameNumber();
    CollectingSink.Seen afterUp = sink.frames.get((int) firstOfFragment2);
    CollectingSink.Seen beforeUp = sink.frames.get((int) firstOfFragment2 - 1);
    CollectingSink.Seen afterDown = sink.frames.get((int) firstOfFragment3);
    assertThat(beforeUp.levelIndex()).isZero();
    assertThat(afterUp.levelIndex()).isEqualTo(1);
    assertThat(afterUp.widthPx()).isEqualTo(tiny.videoConfig(1).widthPx());
    assertThat(afterDown.levelIndex()).isZero();
    assertThat(afterDown.widthPx()).isEqualTo(tiny.videoConfig(0).widthPx());
  }

  @ParameterizedTest(name = "with {0} decoder threads (0 = auto)")
  @ValueSource(ints = {1, 0})
  void a_switch_with_a_fixed_output_size_keeps_the_size_and_the_frame_code(int threads) {
    List<GeneratedContent.Chunk> low = tiny.videoChunks(0);
    List<GeneratedContent.Chunk> high = tiny.videoChunks(1);
    CollectingSink sink = new CollectingSink();
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(
            VideoDecoderOptions.defaults().withThreads(threads).withOutputSize(256, 144), sink)) {
      decoder.configure(tiny.videoConfig(1));
      high.get(0).samples().forEach(decoder::decode);
      decoder.configure(tiny.videoConfig(0));
      low.get(1).samples().forEach(decoder::decode);
      decoder.drain();
    }
    assertThat(sink.errors).isEmpty();
    assertThat(sink.frames).hasSize(low.get(0).samples().size() + low.get(1).samples().size());
    assertThat(sink.frames).allSatisfy(f -> assertThat(f.widthPx()).isEqualTo(256));
    int boundary = high.get(0).samples().size();
    assertThat(sink.frames.get(boundary - 1).levelIndex()).isEqualTo(1);
    assertThat(sink.frames.get(boundary).levelIndex()).isZero();
    assertThat(sink.frames.get(boundary).frameNumber()).isEqualTo(boundary);
  }
}
