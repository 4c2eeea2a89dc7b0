package org.smoothplayer.decoder.ffmpeg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.smoothplayer.assets.generate.AudioCodec;
import org.smoothplayer.assets.generate.FragmentInfo;
import org.smoothplayer.assets.generate.LevelInfo;
import org.smoothplayer.assets.generate.PresentationInfo;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.generate.StreamInfo;
import org.smoothplayer.decoder.codec.AudioCodecConfig;
import org.smoothplayer.decoder.codec.CodecConfigParser;
import org.smoothplayer.decoder.codec.CodecDescriptor;
import org.smoothplayer.decoder.codec.VideoCodecConfig;
import org.smoothplayer.decoder.fragment.EncodedSample;
import org.smoothplayer.decoder.fragment.Fragment;
import org.smoothplayer.decoder.fragment.FragmentContext;
import org.smoothplayer.decoder.fragment.FragmentParser;
import org.smoothplayer.decoder.fragment.TrackType;

/** A generated presentation, parsed with the project's own fragment and codec parsers. */
final class GeneratedContent {

  /** One parsed fragment of one level. */
  record Chunk(FragmentInfo info, List<EncodedSample> samples) {}

  final Path dir;
  final PresentationInfo info;
  final StreamInfo video;
  final StreamInfo audio;

  private GeneratedContent(Path dir) {
    this.dir = dir;
    this.info = PresentationInfo.read(dir);
    this.video = info.stream("video").orElseThrow();
    this.audio = info.stream("audio").orElseThrow();
  }

  /** The {@code tiny} preset (generated once per machine, then cached). */
  static GeneratedContent tiny() {
    return new GeneratedContent(Presentations.cached(Preset.TINY));
  }

  /** The {@code tiny} preset with its audio as E-AC-3 5.1 (generated once per machine). */
  static GeneratedContent tinyEac3() {
    return tinyWithAudio(AudioCodec.E_AC_3);
  }

  /** The {@code tiny} preset with its audio in {@code codec} (generated once per machine). */
  static GeneratedContent tinyWithAudio(AudioCodec codec) {
    return new GeneratedContent(Presentations.cached(Preset.TINY.spec().withAudioCodec(codec)));
  }

  /** Frames per second of the video. */
  int frameRate() {
    return info.spec().frameRate();
  }

  /** Microseconds between consecutive frames. */
  long frameDurationUs() {
    return 1_000_000L / frameRate();
  }

  /** Number of video levels. */
  int levelCount() {
    return video.levels().size();
  }

  VideoCodecConfig videoConfig(int level) {
    LevelInfo l = video.levels().get(level);
    return (VideoCodecConfig)
        CodecConfigParser.parse(
            new CodecDescriptor("video", l.fourCc(), l.codecPrivateDataHex(), 0, 0, 0, 0, 0, 0));
  }

  AudioCodecConfig audioConfig() {
    LevelInfo l = audio.levels().get(0);
    return (AudioCodecConfig)
        CodecConfigParser.parse(
            new CodecDescriptor(
                "audio",
                l.fourCc(),
                l.codecPrivateDataHex(),
                0,
                l.samplingRateHz(),
                l.channels(),
                16,
                4,
                0));
  }

  /** Every fragment of a video level, parsed. */
  List<Chunk> videoChunks(int level) {
    return chunks(video, video.levels().get(level), TrackType.VIDEO);
  }

  /** Every fragment of the audio stream, parsed. */
  List<Chunk> audioChunks() {
    return chunks(audio, audio.levels().get(0), TrackType.AUDIO);
  }

  private List<Chunk> chunks(StreamInfo stream, LevelInfo level, TrackType type) {
    List<Chunk> out = new ArrayList<>();
    for (FragmentInfo fragment : stream.fragments()) {
      Path file = dir.resolve(stream.fragmentPath(level, fragment));
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Fragment parsed =
          FragmentParser.parse(
              ByteBuffer.wrap(bytes),
              new FragmentContext(type, info.timescale(), fragment.startTicks()));
      out.add(new Chunk(fragment, parsed.samples()));
    }
    return out;
  }

  /** Every video sample of a level, in decode order. */
  List<EncodedSample> videoSamples(int level) {
    List<EncodedSample> out = new ArrayList<>();
    for (Chunk chunk : videoChunks(level)) {
      out.addAll(chunk.samples());
    }
    return out;
  }

  /** Total number of video frames. */
  long frameCount() {
    long n = 0;
    for (FragmentInfo f : video.fragments()) {
      n += f.sampleCount();
    }
    return n;
  }

  /** Presentation duration in microseconds. */
  long durationUs() {
    return info.spec().durationMs() * 1000;
  }
}
