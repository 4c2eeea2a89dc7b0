package org.smoothplayer.assets.origin.live;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * How the origin broadcasts a presentation live. Start from {@link #defaults()} and change knobs
 * with the {@code with...} methods; every value is checked when the options are made.
 *
 * @param dvrWindowS how far back from the newest fragment clients may go, in seconds; 0 = the whole
 *     broadcast stays available (infinite window)
 * @param lookaheadCount at most this many following fragments are announced in each fragment's tfrf
 *     box (and as the manifest's LookAheadFragmentCount), 0..255
 * @param startOffsetS media already published when the origin (or a restart) begins, in seconds
 * @param endless whether the presentation loops forever with increasing timestamps; otherwise the
 *     broadcast ends after one pass
 * @param timestampOffsetS added to every media time to form the public timestamps, in seconds
 * @param clockNanos the live clock: a monotonic nanosecond source (tests move it by hand)
 * @param audioLanguages empty: the audio stream is listed once, as {@code audio}; otherwise it is
 *     listed once per language (same media and timing), named {@code audio_LANG} with {@code
 *     Language="LANG"}, and its fragments are served under those names only
 */
public record LiveOptions(
    double dvrWindowS,
    int lookaheadCount,
    double startOffsetS,
    boolean endless,
    double timestampOffsetS,
    LongSupplier clockNanos,
    List<String> audioLanguages) {

  /** Default DVR window: one minute. */
  public static final double DEFAULT_DVR_WINDOW_S = 60;

  /** Default fragments announced ahead (tfrf entries, LookAheadFragmentCount). */
  public static final int DEFAULT_LOOKAHEAD_COUNT = 2;

  /** Default media already published at start: ten seconds. */
  public static final double DEFAULT_START_OFFSET_S = 10;

  /** Default: one pass, then the broadcast ends. */
  public static final boolean DEFAULT_ENDLESS = false;

  /** Default timestamp offset: one hour (a live stream rarely starts at 0). */
  public static final double DEFAULT_TIMESTAMP_OFFSET_S = 3600;

  /** Largest lookahead count: tfrf stores the count in one byte. */
  public static final int MAX_LOOKAHEAD_COUNT = 255;

  /** Largest accepted DVR window or start offset: about 115 days. */
  public static final double MAX_DURATION_S = 10_000_000;

  /** Largest accepted timestamp offset: about 31 years (keeps 10 MHz tick times far from 2^63). */
  public static final double MAX_TIMESTAMP_OFFSET_S = 1_000_000_000;

  /** Most audio languages one broadcast lists. */
  public static final int MAX_AUDIO_LANGUAGES = 16;

  /**
   * A language tag as the Manifest's Language attribute carries it, e.g. {@code en}, {@code pt-BR}.
   */
  private static final Pattern LANGUAGE_TAG =
      Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}");

  /** Checks every value. */
  public LiveOptions {
    requireSeconds("DVR window", dvrWindowS, MAX_DURATION_S, "0 = infinite");
    if (lookaheadCount < 0 || lookaheadCount > MAX_LOOKAHEAD_COUNT) {
      throw new IllegalArgumentException(
          "lookahead count "
              + lookaheadCount
              + " is out of range; expected 0.."
              + MAX_LOOKAHEAD_COUNT
              + " (tfrf holds the count in one byte)");
    }
    requireSeconds("start offset", startOffsetS, MAX_DURATION_S, "media published at start");
    requireSeconds(
        "timestamp offset", timestampOffsetS, MAX_TIMESTAMP_OFFSET_S, "added to every timestamp");
    Objects.requireNonNull(clockNanos, "clockNanos");
    audioLanguages = List.copyOf(audioLanguages);
    requireLanguages(audioLanguages);
  }

  /** DVR window 60 s, lookahead 2, start offset 10 s, one pass, timestamps from 3600 s. */
  public static LiveOptions defaults() {
    return new LiveOptions(
        DEFAULT_DVR_WINDOW_S,
        DEFAULT_LOOKAHEAD_COUNT,
        DEFAULT_START_OFFSET_S,
        DEFAULT_ENDLESS,
        DEFAULT_TIMESTAMP_OFFSET_S,
        System::nanoTime,
        List.of());
  }

  /** These options with another DVR window in seconds (0 = infinite). */
  public LiveOptions withDvrWindowS(double seconds) {
    return new LiveOptions(
        seconds,
        lookaheadCount,
        startOffsetS,
        endless,
        timestampOffsetS,
        clockNanos,
        audioLanguages);
  }

  /** These options with another lookahead count (0..255). */
  public LiveOptions withLookaheadCount(int count) {
    return new LiveOptions(
        dvrWindowS, count, startOffsetS, endless, timestampOffsetS, clockNanos, audioLanguages);
  }

  /** These options with another start offset in seconds. */
  public LiveOptions withStartOffsetS(double seconds) {
    return new LiveOptions(
        dvrWindowS, lookaheadCount, seconds, endless, timestampOffsetS, clockNanos, audioLanguages);
  }

  /** These options, looping forever or ending after one pass. */
  public LiveOptions withEndless(boolean loopForever) {
    return new LiveOptions(
        dvrWindowS,
        lookaheadCount,
        startOffsetS,
        loopForever,
        timestampOffsetS,
        clockNanos,
        audioLanguages);
  }

  /** These options with another timestamp offset in seconds. */
  public LiveOptions withTimestampOffsetS(double seconds) {
    return new LiveOptions(
        dvrWindowS, lookaheadCount, startOffsetS, endless, seconds, clockNanos, audioLanguages);
  }

  /** These options with another live clock (monotonic nanoseconds). */
  public LiveOptions withClock(LongSupplier nanos) {
    return new LiveOptions(
        dvrWindowS, lookaheadCount, startOffsetS, endless, timestampOffsetS, nanos, audioLanguages);
  }

  /**
   * These options with the audio stream listed once per language of {@code languages} (e.g. {@code
   * "en", "fr"}), each a copy of the one audio stream; none for a single {@code audio} stream.
   */
  public LiveOptions withAudioLanguages(String... languages) {
    return new LiveOptions(
        dvrWindowS,
        lookaheadCount,
        startOffsetS,
        endless,
        timestampOffsetS,
        clockNanos,
        List.of(languages));
  }

  /** The stream name the audio copy in {@code language} is listed and served under. */
  public static String audioStreamName(String language) {
    return "audio_" + language;
  }

  /** One line for people, e.g. {@code DVR window 60 s, lookahead 2, ...}. */
  public String describe() {
    return "DVR window "
        + (dvrWindowS == 0 ? "infinite" : seconds(dvrWindowS) + " s")
        + ", lookahead "
        + lookaheadCount
        + ", start offset "
        + seconds(startOffsetS)
        + " s, "
        + (endless ? "endless loop" : "one pass")
        + ", timestamps from "
        + seconds(timestampOffsetS)
        + " s"
        + (audioLanguages.isEmpty() ? "" : ", audio in " + String.join(", ", audioLanguages));
  }

  @Override
  public String toString() {
    return "LiveOptions[" + describe() + "]";
  }

  /** Seconds as ticks of {@code timescale}, rounded to the nearest tick. */
  static long ticks(double seconds, long timescale) {
    return Math.round(seconds * timescale);
  }

  private static String seconds(double seconds) {
    return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
  }

  private static void requireLanguages(List<String> languages) {
    if (languages.size() > MAX_AUDIO_LANGUAGES) {
      throw new IllegalArgumentException(
          languages.size() + " audio languages; expected at most " + MAX_AUDIO_LANGUAGES);
    }
    Set<String> seen = new HashSet<>();
    for (String language : languages) {
      if (!LANGUAGE_TAG.matcher(language).matches()) {
        throw new IllegalArgumentException(
            "audio language '"
                + language
                + "' is not a language tag; expected letters with optional -subtags, e.g. en or"
                + " pt-BR");
      }
      if (!seen.add(language.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "audio language '" + language + "' is listed twice; expected distinct languages");
      }
    }
  }

  private static void requireSeconds(String what, double seconds, double max, String meaning) {
    if (!(seconds >= 0 && seconds <= max)) {
      throw new IllegalArgumentException(
          what
              + " "
              + seconds
              + " s is out of range; expected 0.."
              + seconds(max)
              + " s ("
              + meaning
              + ")");
    }
  }
}
