package org.smoothplayer.decoder.fragment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.smoothplayer.assets.generate.FragmentInfo;
import org.smoothplayer.assets.generate.LevelInfo;
import org.smoothplayer.assets.generate.PresentationInfo;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.generate.StreamInfo;
import org.smoothplayer.decoder.codec.AudioCodecConfig;
import org.smoothplayer.decoder.codec.CodecConfig;
import org.smoothplayer.decoder.codec.CodecConfigParser;
import org.smoothplayer.decoder.codec.CodecDescriptor;
import org.smoothplayer.decoder.codec.VideoCodecConfig;

/**
 * The generator's TINY presentation (encoded by the assets module, cached): every fragment of every
 * level parses with the sample count, times and key frames that {@code presentation.json} records,
 * and every level's codec data gives the encoded size and format.
 */
class GeneratedPresentationTest {

  @Test
  void every_fragment_of_every_level_matches_presentation_json() throws Exception {
    Path dir = Presentations.cached(Preset.TINY);
    PresentationInfo info = PresentationInfo.read(dir);
    assertThat(info.streams()).extracting(StreamInfo::type).contains("video", "audio");
    int fragmentsChecked = 0;
    for (StreamInfo stream : info.streams()) {
      TrackType type = stream.type().equals("video") ? TrackType.VIDEO : TrackType.AUDIO;
      assertThat(stream.fragments()).isNotEmpty();
      for (LevelInfo level : stream.levels()) {
        checkCodec(type, level);
        for (FragmentInfo expected : stream.fragments()) {
          Path file = dir.resolve(stream.fragmentPath(level, expected));
          byte[] bytes = Files.readAllBytes(file);
          assertThat((long) bytes.length).isEqualTo(expected.sizesBytes().get(level.index()));
          Fragment f =
              FragmentParser.parse(
                  ByteBuffer.wrap(bytes),
                  new FragmentContext(type, info.timescale(), expected.startTicks()));
          String where = file.toString();
          assertThat(f.samples()).as(where).hasSize(expected.sampleCount());
          assertThat(f.startTicks()).as(where).isEqualTo(expected.startTicks());
          assertThat(f.durationTicks()).as(where).isEqualTo(expected.durationTicks());
          assertThat(f.samples().get(0).decodeTimeUs())
              .as(where)
              .isEqualTo(FragmentParser.ticksToUs(expected.startTicks(), info.timescale()));
          List<Integer> keys = new ArrayList<>();
          IntStream.range(0, f.samples().size())
              .filter(i -> f.samples().get(i).keyFrame())
              .forEach(keys::add);
          if (type == TrackType.VIDEO) {
            assertThat(keys).as(where + " key frames").isEqualTo(expected.keyFrameSampleIndexes());
            for (EncodedSample s : f.samples()) {
              assertThat(ConformanceFragmentTest.nalLengthsCover(s.data())).as(where).isTrue();
            }
          } else {
            assertThat(keys).as(where + " key frames").hasSize(expected.sampleCount());
          }
          fragmentsChecked++;
        }
      }
    }
    assertThat(fragmentsChecked).isGreaterThan(2);
  }

  private static void checkCodec(TrackType type, LevelInfo level) {
    CodecDescriptor d =
        new CodecDescriptor(
            type == TrackType.VIDEO ? "video" : "audio",
            level.fourCc(),
            level.codecPrivateDataHex(),
            0,
            level.samplingRateHz(),
            level.channels(),
            16,
            0,
            0);
    CodecConfig config = CodecConfigParser.parse(d);
    if (config instanceof VideoCodecConfig v) {
      assertThat(v.widthPx()).isEqualTo(level.widthPx());
      assertThat(v.heightPx()).isEqualTo(level.heightPx());
    } else {
      AudioCodecConfig a = (AudioCodecConfig) config;
      assertThat(a.samplingRateHz()).isEqualTo(level.samplingRateHz());
      assertThat(a.channels()).isEqualTo(level.channels());
    }
  }
}
