package org.smoothplayer.app.config;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The settings in force in one run of the application: what new sessions start with and what the
 * settings panel shows, saved to a {@link ConfigStore} on every change when there is one.
 *
 * <p>Thread ownership: {@link #set} is called by one thread at a time (the FX thread); {@link
 * #get()} may be called from any thread (the session opener, the command line) and sees the latest
 * value.
 */
public final class CurrentSettings {

  private final @Nullable ConfigStore store;
  private final List<String> startupProblems;
  // Written under this object's monitor by set(); read by any thread.
  private volatile AppSettings current;

  private CurrentSettings(
      AppSettings initial, @Nullable ConfigStore store, List<String> startupProblems) {
    this.current = Objects.requireNonNull(initial, "initial");
    this.store = store;
    this.startupProblems = List.copyOf(startupProblems);
  }

  /** Settings that are not saved anywhere (tests, a window opened without a store). */
  public static CurrentSettings inMemory(AppSettings initial) {
    return new CurrentSettings(initial, null, List.of());
  }

  /**
   * Settings saved to {@code store} on every change.
   *
   * @param initial the settings at start (from the store, or from {@code --config})
   * @param startupProblems what was wrong in the file they came from, one line each
   */
  public static CurrentSettings stored(
      ConfigStore store, AppSettings initial, List<String> startupProblems) {
    return new CurrentSettings(initial, Objects.requireNonNull(store, "store"), startupProblems);
  }

  /** The settings in force. */
  public AppSettings get() {
    return current;
  }

  /** The store the settings are saved to, if any. */
  public Optional<ConfigStore> store() {
    return Optional.ofNullable(store);
  }

  /** What was wrong in the file the settings were loaded from at start, one line each. */
  public List<String> startupProblems() {
    return startupProblems;
  }

  /**
   * Makes {@code next} the settings in force, then saves them to the store (if any). The new
   * settings are in force even when saving fails.
   *
   * @throws IOException when they could not be saved
   */
  public synchronized void set(AppSettings next) throws IOException {
    current = Objects.requireNonNull(next, "next");
    if (store != null) {
      store.saveSettings(next);
    }
  }
}
