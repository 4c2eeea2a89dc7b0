package org.smoothplayer.app.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Where each on-demand presentation was left, so the window opens it there again ("continue where
 * you left off", as desktop players do). Kept in {@value #FILE} of the settings folder, one entry a
 * line, {@code SECONDS<TAB>INPUT} (UTF-8, seconds from the presentation's start with a dot), the
 * latest first, at most {@value #MAX_ENTRIES}; rewritten in one step on every change.
 *
 * <p>A position is kept only when it is worth coming back to ({@link #worthResuming}): at least
 * {@value #MIN_PLAYED_S} s in and {@value #MIN_LEFT_S} s before the end. Leaving a presentation
 * nearer its start or its end forgets its entry, so it opens from the start next time.
 *
 * <p>Never fails the window: a file that cannot be read gives no entries, lines that cannot be
 * entries are skipped, and a failed save is logged and the entries kept in memory.
 *
 * <p>Thread ownership: not thread-safe; the player window uses it on the FX application thread
 * only.
 */
public final class ResumePositions {

  /** Most presentations remembered. */
  public static final int MAX_ENTRIES = 100;

  /** Least time played before a position is kept, seconds. */
  public static final long MIN_PLAYED_S = 10;

  /** Least time left before the end for a position to be kept, seconds. */
  public static final long MIN_LEFT_S = 10;

  /** The file's name in the settings folder. */
  public static final String FILE = "positions.txt";

  private final @Nullable Path file;
  // Input -> position from the presentation's start, microseconds; latest first.
  private final LinkedHashMap<String, Long> positionsUs;

  private ResumePositions(@Nullable Path file, LinkedHashMap<String, Long> positionsUs) {
    this.file = file;
    this.positionsUs = positionsUs;
  }

  /** No entries, saved nowhere. */
  public static ResumePositions inMemory() {
    return new ResumePositions(null, new LinkedHashMap<>());
  }

  /** The entries stored in {@code store}'s folder (none when there is no file yet). */
  public static ResumePositions stored(ConfigStore store) {
    return load(store.dir().resolve(FILE));
  }

  /**
   * The entries kept in {@code file}: its valid lines, the first of each input, at most {@value
   * #MAX_ENTRIES}; none when the file does not exist or cannot be read (the reason is logged).
   */
  public static ResumePositions load(Path file) {
    Objects.requireNonNull(file, "file");
    LinkedHashMap<String, Long> positions = new LinkedHashMap<>();
    for (String line : LineFile.read(file, "no position to resume at is known")) {
      int tab = line.indexOf('\t');
      if (tab <= 0 || positions.size() >= MAX_ENTRIES) {
        continue;
      }
      String input = line.substring(tab + 1).strip();
      long positionUs = parseSeconds(line.substring(0, tab).strip());
      if (positionUs >= 0 && RecentInputs.isEntry(input)) {
        positions.putIfAbsent(input, positionUs);
      }
    }
    return new ResumePositions(file, positions);
  }

  /**
   * Whether a presentation of {@code durationUs} left at {@code positionUs} (from its start) should
   * open there next time: at least {@value #MIN_PLAYED_S} s played and {@value #MIN_LEFT_S} s left.
   */
  public static boolean worthResuming(long positionUs, long durationUs) {
    return durationUs > 0
        && positionUs >= MIN_PLAYED_S * 1_000_000
        && durationUs - positionUs >= MIN_LEFT_S * 1_000_000;
  }

  /** Where {@code input} was left, microseconds from the presentation's start; empty when not. */
  public OptionalLong positionUs(String input) {
    Long us = positionsUs.get(input.strip());
    return us == null ? OptionalLong.empty() : OptionalLong.of(us);
  }

  /**
   * Records that {@code input}, an on-demand presentation of {@code durationUs}, was left at {@code
   * positionUs}: kept (first) when {@link #worthResuming worth resuming}, else forgotten; saved
   * either way when the entries changed. An input that cannot be an entry is ignored.
   */
  public void leftAt(String input, long positionUs, long durationUs) {
    String entry = input.strip();
    if (!RecentInputs.isEntry(entry)) {
      return;
    }
    if (!worthResuming(positionUs, durationUs)) {
      if (positionsUs.remove(entry) != null) {
        save();
      }
      return;
    }
    positionsUs.remove(entry);
    LinkedHashMap<String, Long> reordered = new LinkedHashMap<>();
    reordered.put(entry, positionUs);
    positionsUs.forEach(
        (k, v) -> {
          if (reordered.size() < MAX_ENTRIES) {
            reordered.put(k, v);
          }
        });
    positionsUs.clear();
    positionsUs.putAll(reordered);
    save();
  }

  /** The entries, latest first: input -> microseconds from the presentation's start. */
  public Map<String, Long> entries() {
    return new LinkedHashMap<>(positionsUs);
  }

  private static long parseSeconds(String text) {
    try {
      double s = Double.parseDouble(text);
      return s >= 0 && Double.isFinite(s) ? Math.round(s * 1e6) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void save() {
    if (file != null) {
      List<String> lines = new ArrayList<>();
      positionsUs.forEach(
          (input, us) -> lines.add(String.format(Locale.ROOT, "%.3f\t%s", us / 1e6, input)));
      LineFile.write(file, lines, "positions kept until the window closes");
    }
  }
}
