package org.smoothplayer.app.text;

import org.smoothplayer.app.manifest.LanguageTags;

/**
 * A text stream of the presentation that can be shown as captions.
 *
 * @param id the stream's name in the manifest (unique among its text streams)
 * @param label what the menu shows, e.g. {@code English (captions)}
 * @param language the stream's Language attribute, empty when it has none
 * @param subtype the stream's Subtype ({@code CAPT}, {@code SUBT}, {@code DESC}), upper case, empty
 *     when it has none
 */
public record CaptionTrack(String id, String label, String language, String subtype) {

  /** The label of a stream: its language's English name and its kind, else its name. */
  static String labelOf(String name, String language, String subtype) {
    String lang = language.isEmpty() ? name : LanguageTags.languageName(language, false);
    String kind =
        switch (subtype) {
          case "CAPT" -> "captions";
          case "SUBT" -> "subtitles";
          case "DESC" -> "descriptions";
          default -> "";
        };
    return kind.isEmpty() ? lang : lang + " (" + kind + ")";
  }
}
