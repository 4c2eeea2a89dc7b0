package org.smoothplayer.app.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.smoothplayer.app.manifest.CodecSupport;
import org.smoothplayer.app.manifest.QualityLevel;
import org.smoothplayer.app.manifest.StreamIndex;
import org.smoothplayer.decoder.codec.AudioCodecConfig;
import org.smoothplayer.decoder.codec.CodecConfig;
import org.smoothplayer.decoder.codec.CodecConfigException;
import org.smoothplayer.decoder.codec.CodecConfigParser;
import org.smoothplayer.decoder.codec.UnsupportedCodecException;
import org.smoothplayer.decoder.codec.VideoCodecConfig;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.Level;

/**
 * The playable levels of one stream, lowest bitrate first, each with its parsed codec
 * configuration. Levels whose codec is unsupported or whose configuration is malformed are left out
 * (and listed in {@link #skipped()}); an empty result is an error for the caller.
 *
 * @param stream the stream
 * @param levels playable levels, ascending bitrate
 * @param configs the codec configuration of each level (same order)
 * @param skipped one readable line per level left out
 */
record TrackLevels(
    StreamIndex stream,
    List<QualityLevel> levels,
    List<CodecConfig> configs,
    List<String> skipped) {

  TrackLevels {
    levels = List.copyOf(levels);
    configs = List.copyOf(configs);
    skipped = List.copyOf(skipped);
  }

  /** Parses every level of {@code stream}. */
  static TrackLevels of(StreamIndex stream) {
    List<QualityLevel> sorted = new ArrayList<>(stream.qualityLevels());
    sorted.sort(Comparator.comparingLong(QualityLevel::bitrateBps));
    List<QualityLevel> ok = new ArrayList<>();
    List<CodecConfig> configs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (QualityLevel level : sorted) {
      try {
        CodecConfig config = CodecConfigParser.parse(CodecSupport.descriptor(stream, level));
        boolean fits =
            switch (stream.type()) {
              case VIDEO -> config instanceof VideoCodecConfig;
              case AUDIO -> config instanceof AudioCodecConfig;
              default -> false;
            };
        if (!fits) {
          skipped.add(describe(stream, level) + ": a " + config.getClass().getSimpleName());
          continue;
        }
        // A ladder's bitrates increase strictly (the heuristics choose among them, and an
        // audio-only presentation's audio levels are its ladder).
        if (!ok.isEmpty() && ok.get(ok.size() - 1).bitrateBps() >= level.bitrateBps()) {
          skipped.add(describe(stream, level) + ": same bitrate as a level already kept");
          continue;
        }
        ok.add(level);
        configs.add(config);
      } catch (UnsupportedCodecException | CodecConfigException e) {
        skipped.add(describe(stream, level) + ": " + e.getMessage());
      }
    }
    return new TrackLevels(stream, ok, configs, skipped);
  }

  private static String describe(StreamIndex stream, QualityLevel level) {
    return String.format(
        Locale.ROOT,
        "%s QualityLevel %d (%d bps, line %d)",
        stream.displayName(),
        level.index(),
        level.bitrateBps(),
        level.line());
  }

  org.smoothplayer.app.manifest.ChunkTimeline timeline() {
    return stream.timeline();
  }

  int size() {
    return levels.size();
  }

  QualityLevel level(int i) {
    return levels.get(i);
  }

  VideoCodecConfig videoConfig(int i) {
    return (VideoCodecConfig) configs.get(i);
  }

  AudioCodecConfig audioConfig(int i) {
    return (AudioCodecConfig) configs.get(i);
  }

  /**
   * The levels as the heuristics see them: the video ladder, or the audio levels of an audio-only
   * presentation (no size: 0 × 0).
   */
  Ladder ladder() {
    List<Level> out = new ArrayList<>();
    for (LevelInfo info : infos()) {
      out.add(new Level(Math.max(1, info.bitrateBps()), info.widthPx(), info.heightPx()));
    }
    return new Ladder(out);
  }

  /** The levels as the user sees them; audio levels have no size (0 × 0). */
  List<LevelInfo> infos() {
    List<LevelInfo> out = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      long bitrateBps = levels.get(i).bitrateBps();
      out.add(
          configs.get(i) instanceof VideoCodecConfig c
              ? new LevelInfo(i, bitrateBps, c.widthPx(), c.heightPx())
              : new LevelInfo(i, bitrateBps, 0, 0));
    }
    return out;
  }

  /** The language of an audio stream: its Language attribute, else its Name, else "und". */
  static String languageOf(StreamIndex stream) {
    if (stream.language() != null && !stream.language().isBlank()) {
      return stream.language();
    }
    if (stream.name() != null && !stream.name().isBlank()) {
      return stream.name();
    }
    return "und";
  }
}
