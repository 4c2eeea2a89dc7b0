package org.smoothplayer.app.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.function.IntFunction;

/**
 * Matches a language the user asks for ({@code --audio-lang}, {@code --captions}, the language
 * chosen last) with the {@code Language} attributes of a manifest's streams. Manifests in the wild
 * name one language in several ways, the same presentation often in two of them (the conformance
 * manifests hold {@code eng} and {@code en-us}, {@code deu}, {@code fra}): ISO 639-1 ({@code fr}),
 * ISO 639-2 terminology ({@code fra}) or bibliographic ({@code fre}) codes, with or without a
 * region ({@code en-US}, {@code en_us}), in any case. Two tags name the same language when their
 * first subtags do after mapping each to its ISO 639-2/T code.
 *
 * <p>Pure functions; no state.
 */
public final class LanguageTags {

  /** ISO 639-2 bibliographic codes that differ from the terminology code Java's locales use. */
  private static final Map<String, String> BIBLIOGRAPHIC_TO_TERMINOLOGY =
      Map.ofEntries(
          Map.entry("alb", "sqi"),
          Map.entry("arm", "hye"),
          Map.entry("baq", "eus"),
          Map.entry("bur", "mya"),
          Map.entry("chi", "zho"),
          Map.entry("cze", "ces"),
          Map.entry("dut", "nld"),
          Map.entry("fre", "fra"),
          Map.entry("geo", "kat"),
          Map.entry("ger", "deu"),
          Map.entry("gre", "ell"),
          Map.entry("ice", "isl"),
          Map.entry("mac", "mkd"),
          Map.entry("mao", "mri"),
          Map.entry("may", "msa"),
          Map.entry("per", "fas"),
          Map.entry("rum", "ron"),
          Map.entry("slo", "slk"),
          Map.entry("tib", "bod"),
          Map.entry("wel", "cym"));

  /**
   * ISO 639-2/T code to the ISO 639-1 code of the same language, for the languages that have one.
   */
  private static final Map<String, String> TWO_LETTER_BY_TERMINOLOGY = twoLetterCodes();

  private LanguageTags() {}

  private static Map<String, String> twoLetterCodes() {
    Map<String, String> byIso3 = new HashMap<>();
    for (String code : Locale.getISOLanguages()) {
      try {
        byIso3.putIfAbsent(Locale.forLanguageTag(code).getISO3Language(), code);
      } catch (MissingResourceException e) {
        // no three-letter code: nothing to map
      }
    }
    return Map.copyOf(byIso3);
  }

  /**
   * The English name of the tag's language ({@code fra}, {@code fre}, {@code fr} and {@code fr-CA}
   * all give {@code French}), or, with {@code withRegion}, of the language and region ({@code
   * French (Canada)}); the tag as written when it names no language Java knows ({@code und}, {@code
   * qaa}, a stream's name). Java's own names know few three-letter codes ({@code fra} stays {@code
   * fra}), so a code is mapped to its two-letter form first.
   */
  public static String languageName(String tag, boolean withRegion) {
    String n = normalized(tag);
    String primary = primaryOf(n);
    String twoLetter =
        primary.length() == 3
            ? TWO_LETTER_BY_TERMINOLOGY.get(primary)
            : primary.length() == 2 ? primary : null;
    if (twoLetter == null) {
      return tag.strip();
    }
    Locale locale = Locale.forLanguageTag(twoLetter + n.substring(primary.length()));
    String name =
        withRegion
            ? locale.getDisplayName(Locale.ENGLISH)
            : locale.getDisplayLanguage(Locale.ENGLISH);
    return name.isEmpty() || name.equalsIgnoreCase(twoLetter) ? tag.strip() : name;
  }

  /**
   * The tag in one spelling: lower case, {@code -} between subtags, its first subtag as an ISO
   * 639-2/T code when it is a known two- or three-letter code ({@code fr}, {@code fre} and {@code
   * fra} all give {@code fra}; {@code en_US} gives {@code eng-us}). Anything else is only
   * lower-cased and trimmed.
   */
  public static String normalized(String tag) {
    String t = tag.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    int dash = t.indexOf('-');
    String primary = dash < 0 ? t : t.substring(0, dash);
    String rest = dash < 0 ? "" : t.substring(dash);
    return canonicalPrimary(primary) + rest;
  }

  private static String canonicalPrimary(String primary) {
    if (primary.length() == 3) {
      return BIBLIOGRAPHIC_TO_TERMINOLOGY.getOrDefault(primary, primary);
    }
    if (primary.length() == 2 && primary.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
      try {
        String iso3 = Locale.forLanguageTag(primary).getISO3Language();
        return iso3.isEmpty() ? primary : iso3;
      } catch (MissingResourceException e) {
        return primary; // a two-letter code Java does not know: compared as written
      }
    }
    return primary;
  }

  /**
   * The English names of {@code tags} for a menu, in order: the language ({@code French}), with its
   * region where two would read the same ({@code English (United States)}, {@code English (United
   * Kingdom)}), and the tag added where they still would ({@code English (en)}, {@code English
   * (eng)}). A tag may carry a detail after its language, as the audio tracks' labels do ({@code
   * deu (E-AC-3 5.1)} reads {@code German (E-AC-3 5.1)}).
   */
  public static List<String> menuNames(List<String> tags) {
    List<String> languages = tags.stream().map(t -> labelName(t, false)).toList();
    List<String> regions = renameRepeated(languages, i -> labelName(tags.get(i), true));
    return renameRepeated(
        regions,
        i -> {
          String tag = tags.get(i).strip();
          return regions.get(i).equals(tag) ? tag : regions.get(i) + " (" + tag + ")";
        });
  }

  /** {@link #languageName} of the tag before a {@code " ("} detail, with the detail after it. */
  private static String labelName(String label, boolean withRegion) {
    String text = label.strip();
    int detail = text.indexOf(" (");
    return detail <= 0
        ? languageName(text, withRegion)
        : languageName(text.substring(0, detail), withRegion) + text.substring(detail);
  }

  /**
   * {@code names} with each one that occurs more than once replaced by {@code other} of its index.
   */
  private static List<String> renameRepeated(List<String> names, IntFunction<String> other) {
    List<String> out = new ArrayList<>(names);
    for (int i = 0; i < names.size(); i++) {
      if (Collections.frequency(names, names.get(i)) > 1) {
        out.set(i, other.apply(i));
      }
    }
    return List.copyOf(out);
  }

  /** Whether the two tags name the same language, regions aside ({@code en-US} and {@code eng}). */
  public static boolean sameLanguage(String a, String b) {
    String na = normalized(a);
    String nb = normalized(b);
    return !na.isEmpty() && primaryOf(na).equals(primaryOf(nb));
  }

  private static String primaryOf(String normalized) {
    int dash = normalized.indexOf('-');
    return dash < 0 ? normalized : normalized.substring(0, dash);
  }

  /**
   * The index in {@code tags} that best matches {@code wanted}: the first tag equal to it in any
   * spelling ({@code en-GB} for {@code en_gb}), else the first of the same language ({@code en-US}
   * for {@code en-GB}, {@code fr} for {@code fre}), else -1. A blank {@code wanted} matches
   * nothing.
   */
  public static int bestMatch(List<String> tags, String wanted) {
    String want = normalized(wanted);
    if (want.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < tags.size(); i++) {
      if (normalized(tags.get(i)).equals(want)) {
        return i;
      }
    }
    for (int i = 0; i < tags.size(); i++) {
      if (sameLanguage(tags.get(i), wanted)) {
        return i;
      }
    }
    return -1;
  }
}
