package org.smoothplayer.heuristics.settings;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggestions for a dotted setting key that is not known: the key that was most likely meant. */
public final class SettingKeys {

  /** Typing errors (edits) a key may be away from a known one to be suggested. */
  static final int MAX_TYPING_ERRORS = 3;

  private SettingKeys() {}

  /**
   * The key of {@code known} that {@code key} was most likely meant to be: one whose last part is
   * the same, ignoring case (the group left out or wrong), else the nearest one at most {@value
   * #MAX_TYPING_ERRORS} typing errors away; empty when none is close.
   */
  public static Optional<String> closest(String key, Collection<String> known) {
    String lastPart = lastPart(key);
    for (String candidate : known) {
      if (lastPart(candidate).equalsIgnoreCase(lastPart)) {
        return Optional.of(candidate);
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String typed = key.toLowerCase(Locale.ROOT);
    for (String candidate : known) {
      int distance = editDistance(typed, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= MAX_TYPING_ERRORS ? Optional.ofNullable(best) : Optional.empty();
  }

  private static String lastPart(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  /** Levenshtein distance: insertions, deletions and substitutions turning a into b. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
