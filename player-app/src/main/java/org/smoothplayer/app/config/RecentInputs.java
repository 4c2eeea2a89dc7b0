package org.smoothplayer.app.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The URLs and folders opened lately, most recent first, at most {@value #MAX_ENTRIES}: what File ▸
 * Open Recent and the Open dialog offer. Kept in {@value #FILE} of the settings folder, one entry a
 * line (UTF-8), rewritten in one step on every change.
 *
 * <p>Never fails the window: a file that cannot be read gives an empty list, lines that cannot be
 * entries (blank, too long, control characters) are skipped, and a failed save is logged and the
 * list is kept in memory.
 *
 * <p>Thread ownership: not thread-safe; the player window uses it on the FX application thread
 * only.
 */
public final class RecentInputs {

  /** Most entries kept. */
  public static final int MAX_ENTRIES = 10;

  /** Longest entry kept, in characters. */
  public static final int MAX_ENTRY_CHARS = 2048;

  /** The file's name in the settings folder. */
  public static final String FILE = "recent.txt";

  private final @Nullable Path file;
  private final List<String> entries;

  private RecentInputs(@Nullable Path file, List<String> entries) {
    this.file = file;
    this.entries = entries;
  }

  /** An empty list that is not saved anywhere. */
  public static RecentInputs inMemory() {
    return new RecentInputs(null, new ArrayList<>());
  }

  /** The list stored in {@code store}'s folder (empty when there is none yet). */
  public static RecentInputs stored(ConfigStore store) {
    return load(store.dir().resolve(FILE));
  }

  /**
   * The list kept in {@code file}: its valid lines, first {@value #MAX_ENTRIES} distinct ones;
   * empty when the file does not exist or cannot be read (the reason is logged).
   */
  public static RecentInputs load(Path file) {
    Objects.requireNonNull(file, "file");
    List<String> entries = new ArrayList<>();
    for (String line : LineFile.read(file, "the list of recent inputs starts empty")) {
      String entry = line.strip();
      if (entries.size() < MAX_ENTRIES && isEntry(entry) && !entries.contains(entry)) {
        entries.add(entry);
      }
    }
    return new RecentInputs(file, entries);
  }

  /**
   * Whether {@code input} can be kept: not blank, not longer than {@value #MAX_ENTRY_CHARS}, one
   * line.
   */
  static boolean isEntry(String input) {
    return !input.isBlank()
        && input.length() <= MAX_ENTRY_CHARS
        && input.chars().noneMatch(Character::isISOControl);
  }

  /** The entries, most recent first. */
  public List<String> entries() {
    return List.copyOf(entries);
  }

  /**
   * Puts {@code input} first (moving it up when it is already there, dropping the oldest beyond
   * {@value #MAX_ENTRIES}) and saves the list. An input that cannot be an entry is ignored.
   */
  public void remember(String input) {
    String entry = input.strip();
    if (!isEntry(entry)) {
      return;
    }
    entries.remove(entry);
    entries.add(0, entry);
    while (entries.size() > MAX_ENTRIES) {
      entries.remove(entries.size() - 1);
    }
    save();
  }

  /** Empties the list and saves it. */
  public void clear() {
    entries.clear();
    save();
  }

  private void save() {
    if (file != null) {
      LineFile.write(file, entries, "recent inputs kept until the window closes");
    }
  }
}
