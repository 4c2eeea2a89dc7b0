package org.smoothplayer.app.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.smoothplayer.decoder.codec.AudioCodecConfig;

/**
 * How the audio tracks are named to the user (Audio menu, snapshot, {@code --audio-lang}): by
 * language, and where several tracks share a language (stereo AAC beside 5.1 E-AC-3, as services
 * publish them) by language with their codec and channels ({@code deu (AAC stereo)}, {@code deu
 * (E-AC-3 5.1)}), or where those are alike too by the stream's name (else its position), so that
 * every track has a label of its own and can be chosen. Stateless.
 */
final class AudioTrackLabels {

  private AudioTrackLabels() {}

  /** One label per track, in the same order, all different. */
  static List<String> of(List<TrackLevels> tracks) {
    List<String> labels = new ArrayList<>();
    tracks.forEach(t -> labels.add(TrackLevels.languageOf(t.stream())));
    Map<String, List<Integer>> byLanguage = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      byLanguage.computeIfAbsent(key(labels.get(i)), k -> new ArrayList<>()).add(i);
    }
    List<IntFunction<String>> details =
        List.of(
            i -> describe(tracks.get(i)),
            i -> tracks.get(i).stream().displayName(),
            i -> "#" + (i + 1));
    for (List<Integer> group : byLanguage.values()) {
      if (group.size() < 2) {
        continue;
      }
      // The first detail that tells every track of the group apart (the last always does).
      for (IntFunction<String> detail : details) {
        Set<String> seen = new HashSet<>();
        if (group.stream().allMatch(i -> seen.add(key(detail.apply(i))))
            || detail == details.get(details.size() - 1)) {
          group.forEach(i -> labels.set(i, labels.get(i) + " (" + detail.apply(i) + ")"));
          break;
        }
      }
    }
    return List.copyOf(labels);
  }

  private static String key(String label) {
    return label.strip().toLowerCase(Locale.ROOT);
  }

  /** The codec and channels of a track's first level: {@code AAC stereo}, {@code E-AC-3 5.1}. */
  static String describe(TrackLevels track) {
    if (track.size() == 0) {
      return "no playable level";
    }
    AudioCodecConfig c = track.audioConfig(0);
    String codec =
        switch (c.codec()) {
          case AAC_LC -> "AAC";
          case HE_AAC -> "HE-AAC";
          case HE_AAC_V2 -> "HE-AACv2";
          case AC_3 -> "AC-3";
          case E_AC_3 -> "E-AC-3";
        };
    String channels =
        switch (c.channels()) {
          case 0 -> "";
          case 1 -> " mono";
          case 2 -> " stereo";
          case 6 -> " 5.1";
          case 8 -> " 7.1";
          default -> " " + c.channels() + " channels";
        };
    return codec + channels;
  }
}
