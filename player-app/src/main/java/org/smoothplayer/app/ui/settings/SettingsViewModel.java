package org.smoothplayer.app.ui.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.config.AppSettings;
import org.smoothplayer.app.config.ConfigFileException;
import org.smoothplayer.app.config.ConfigStore;
import org.smoothplayer.app.config.CurrentSettings;
import org.smoothplayer.app.config.InvalidProfileNameException;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.config.SettingsFile;
import org.smoothplayer.app.engine.Player;
import org.smoothplayer.app.io.IoErrors;
import org.smoothplayer.heuristics.policy.Policies;
import org.smoothplayer.heuristics.settings.SettingDescriptor;

/**
 * State and actions of the settings panel, free of controls. The form holds one {@link
 * SettingField} per entry of {@link AppSettings#schema()}, grouped by category (the key without its
 * last segment: {@code buffer}, {@code network}, {@code heuristics.default}, …), plus the policy.
 * {@link #apply()} makes the form the settings in force: saved to the store, and sent to the
 * running session, which uses them from its next decision. Profiles, import and export read into
 * the form and write from it; nothing is applied until Apply.
 *
 * <p>Thread ownership: FX application thread (or one test thread); the store is read and written on
 * it (small files).
 */
public final class SettingsViewModel {

  /**
   * One category of the form.
   *
   * @param key the shared key prefix ({@code heuristics.caps})
   * @param title its title ("Heuristics: caps (all policies)")
   * @param fields its settings, in schema order
   */
  public record Group(String key, String title, List<SettingField> fields) {
    public Group {
      fields = List.copyOf(fields);
    }
  }

  /** Titles of the known categories; others are titled by their key. */
  private static final Map<String, String> TITLES =
      Map.ofEntries(
          Map.entry("buffer", "Buffer"),
          Map.entry("network", "Network"),
          Map.entry("decoder", "Decoder"),
          Map.entry("live", "Live"),
          Map.entry("logging", "Session logs"),
          Map.entry("heuristics.default", "Heuristics: default policy"),
          Map.entry("heuristics.caps", "Heuristics: caps (every policy)"),
          Map.entry("heuristics.bb", "Heuristics: BB (buffer-based)"),
          Map.entry("heuristics.rb", "Heuristics: RB (rate-based)"),
          Map.entry("heuristics.mpc", "Heuristics: MPC and robustMPC"),
          Map.entry("heuristics.bola", "Heuristics: BOLA"),
          Map.entry("heuristics.dashjs", "Heuristics: dash.js DYNAMIC"),
          Map.entry("heuristics.media3", "Heuristics: Media3"),
          Map.entry("heuristics.festive", "Heuristics: FESTIVE"));

  private final CurrentSettings settings;
  private final Supplier<@Nullable Player> player;
  private final List<Group> groups;
  private final Map<String, SettingField> fieldsByKey = new LinkedHashMap<>();
  private final StringProperty policy =
      new SimpleStringProperty(this, "policy", PlayerConfig.DEFAULTS.policy());
  private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
  private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper(this, "formError", "");
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty", false);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ObservableList<String> profiles = FXCollections.observableArrayList();
  private final ObservableList<String> profilesView =
      FXCollections.unmodifiableObservableList(profiles);
  // The form as settings, when it is valid.
  private Optional<AppSettings> form = Optional.empty();

  /**
   * A form showing the settings in force.
   *
   * @param settings the settings in force (and their store, for profiles)
   * @param player the running session, null when there is none
   */
  public SettingsViewModel(CurrentSettings settings, Supplier<@Nullable Player> player) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.player = Objects.requireNonNull(player, "player");
    Map<String, List<SettingField>> byGroup = new LinkedHashMap<>();
    for (SettingDescriptor d : AppSettings.schema()) {
      SettingField field = new SettingField(d);
      fieldsByKey.put(d.key(), field);
      byGroup.computeIfAbsent(groupKey(d.key()), k -> new ArrayList<>()).add(field);
      field.textProperty().addListener((obs, was, is) -> recheck());
    }
    List<Group> built = new ArrayList<>();
    byGroup.forEach((key, fields) -> built.add(new Group(key, title(key), fields)));
    groups = List.copyOf(built);
    policy.addListener((obs, was, is) -> recheck());
    show(settings.get());
    refreshProfiles();
  }

  // ---------------------------------------------------------------- form

  /** The categories, in schema order. */
  public List<Group> groups() {
    return groups;
  }

  /** Every field, in schema order. */
  public List<SettingField> fields() {
    return List.copyOf(fieldsByKey.values());
  }

  /** The field of {@code key}, if there is one. */
  public Optional<SettingField> field(String key) {
    return Optional.ofNullable(fieldsByKey.get(key));
  }

  /** The policy names offered. */
  public List<String> policies() {
    return Policies.NAMES;
  }

  /** The policy chosen (bound both ways to the choice box); one of {@link #policies()}. */
  public StringProperty policyProperty() {
    return policy;
  }

  /** True when every field is valid and the settings accept the combination. */
  public ReadOnlyBooleanProperty validProperty() {
    return valid.getReadOnlyProperty();
  }

  /** Why the form cannot be applied (the first refused field, or the combination), else "". */
  public ReadOnlyStringProperty formErrorProperty() {
    return formError.getReadOnlyProperty();
  }

  /** True when the form differs from the settings in force. */
  public ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  /** What the last action did, or why it failed. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The form as settings, when it is valid. */
  public Optional<AppSettings> formSettings() {
    return form;
  }

  /** Shows {@code shown} in the form. */
  public void show(AppSettings shown) {
    shown.values().forEach((key, value) -> field(key).ifPresent(f -> f.setValue(value)));
    policy.set(shown.policy());
    recheck();
  }

  // ---------------------------------------------------------------- actions

  /**
   * Makes the form the settings in force: sends it to the running session (used from its next
   * decision) and saves it to the store. Refused, with the reason in the status, while the form is
   * invalid.
   *
   * @return true when applied and saved (a failed save still applies; the status says why)
   */
  public boolean apply() {
    if (form.isEmpty()) {
      status.set("Not applied: " + formError.get());
      return false;
    }
    AppSettings next = form.get();
    int changes = next.diffFrom(settings.get()).size();
    String saveProblem = "";
    try {
      settings.set(next);
    } catch (IOException e) {
      saveProblem = "; not saved: " + IoErrors.describe(e);
    }
    Player running = player.get();
    if (running != null) {
      running.setConfig(next.player());
    }
    status.set(
        (changes == 0 ? "Applied (no change)" : "Applied " + plural(changes, "change"))
            + (running != null ? " to the running session" : "")
            + saveProblem);
    recheck();
    return saveProblem.isEmpty();
  }

  /** Shows every default in the form (Apply makes them the settings in force). */
  public void resetToDefaults() {
    show(AppSettings.DEFAULTS);
    status.set("Defaults shown; Apply to use them");
  }

  /** Shows the settings in force again, dropping the form's edits. */
  public void revert() {
    show(settings.get());
    status.set("Showing the settings in force");
  }

  // ---------------------------------------------------------------- profiles

  /** The stored profile names, sorted (unmodifiable). */
  public ObservableList<String> profiles() {
    return profilesView;
  }

  /** True when there is a store to keep profiles in. */
  public boolean profilesAvailable() {
    return settings.store().isPresent();
  }

  /**
   * Saves the form as profile {@code name} (replacing one of that name).
   *
   * @return true when saved; else the status says why
   */
  public boolean saveProfile(String name) {
    Optional<ConfigStore> store = settings.store();
    if (store.isEmpty()) {
      status.set("Profiles are not available: the settings are not stored");
      return false;
    }
    if (form.isEmpty()) {
      status.set("Not saved: " + formError.get());
      return false;
    }
    try {
      Path file = store.get().saveProfile(name.strip(), form.get());
      refreshProfiles();
      status.set("Saved profile '" + name.strip() + "' (" + file + ")");
      return true;
    } catch (InvalidProfileNameException e) {
      status.set(e.getMessage());
    } catch (IOException e) {
      status.set("Cannot save profile '" + name.strip() + "': " + IoErrors.describe(e));
    }
    return false;
  }

  /**
   * Shows profile {@code name} in the form (Apply makes it the settings in force); keys of the file
   * that are unknown or invalid are listed in the status and left at their default.
   *
   * @return true when loaded
   */
  public boolean loadProfile(String name) {
    Optional<ConfigStore> store = settings.store();
    if (store.isEmpty()) {
      status.set("Profiles are not available: the settings are not stored");
      return false;
    }
    try {
      SettingsFile.Loaded loaded = store.get().loadProfile(name.strip());
      show(loaded.settings());
      status.set(
          withProblems(
              "Loaded profile '" + name.strip() + "'; Apply to use it", loaded.problems()));
      return true;
    } catch (InvalidProfileNameException | ConfigFileException e) {
      status.set("Cannot load profile '" + name.strip() + "': " + e.getMessage());
      return false;
    }
  }

  /**
   * Deletes profile {@code name}.
   *
   * @return true when it was deleted
   */
  public boolean deleteProfile(String name) {
    Optional<ConfigStore> store = settings.store();
    if (store.isEmpty()) {
      status.set("Profiles are not available: the settings are not stored");
      return false;
    }
    try {
      boolean deleted = store.get().deleteProfile(name.strip());
      refreshProfiles();
      status.set(
          deleted
              ? "Deleted profile '" + name.strip() + "'"
              : "No profile '" + name.strip() + "' to delete");
      return deleted;
    } catch (InvalidProfileNameException e) {
      status.set(e.getMessage());
    } catch (IOException e) {
      status.set("Cannot delete profile '" + name.strip() + "': " + IoErrors.describe(e));
    }
    return false;
  }

  /**
   * Shows the settings of a JSON file in the form (Apply makes them the settings in force).
   *
   * @return true when the file was read
   */
  public boolean importFrom(Path file) {
    try {
      SettingsFile.Loaded loaded = SettingsFile.read(file);
      show(loaded.settings());
      status.set(withProblems("Imported " + file + "; Apply to use it", loaded.problems()));
      return true;
    } catch (ConfigFileException e) {
      status.set("Cannot import: " + e.getMessage());
      return false;
    }
  }

  /**
   * Writes the form to a JSON file (the settings that differ from their default).
   *
   * @return true when written
   */
  public boolean exportTo(Path file) {
    if (form.isEmpty()) {
      status.set("Not exported: " + formError.get());
      return false;
    }
    try {
      SettingsFile.write(file, form.get());
      status.set("Exported to " + file);
      return true;
    } catch (IOException e) {
      status.set("Cannot export to " + file + ": " + IoErrors.describe(e));
      return false;
    }
  }

  // ---------------------------------------------------------------- helpers

  /** The category of a key: the key without its last segment. */
  static String groupKey(String key) {
    int dot = key.lastIndexOf('.');
    return dot > 0 ? key.substring(0, dot) : key;
  }

  static String title(String groupKey) {
    return TITLES.getOrDefault(groupKey, groupKey);
  }

  private void refreshProfiles() {
    Optional<ConfigStore> store = settings.store();
    if (store.isEmpty()) {
      profiles.clear();
      return;
    }
    try {
      profiles.setAll(store.get().profiles());
    } catch (IOException e) {
      status.set("Cannot list the profiles in " + store.get().dir() + ": " + IoErrors.describe(e));
    }
  }

  /** Re-derives validity, the form's settings and dirtiness from the fields and the policy. */
  private void recheck() {
    String problem = "";
    Map<String, Double> values = new LinkedHashMap<>();
    for (SettingField field : fieldsByKey.values()) {
      if (field.value().isEmpty()) {
        problem = field.errorProperty().get();
        break;
      }
      values.put(field.key(), field.value().getAsDouble());
    }
    String chosenPolicy = policy.get();
    if (problem.isEmpty() && (chosenPolicy == null || !Policies.known(chosenPolicy))) {
      problem =
          PlayerConfig.POLICY_KEY
              + ": expected one of "
              + Policies.NAMES
              + " but was '"
              + chosenPolicy
              + "'";
    }
    Optional<AppSettings> built = Optional.empty();
    if (problem.isEmpty()) {
      try {
        built = Optional.of(AppSettings.fromValues(values, chosenPolicy));
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
    }
    form = built;
    formError.set(problem);
    valid.set(built.isPresent());
    dirty.set(built.map(s -> !s.equals(settings.get())).orElse(true));
  }

  private static String withProblems(String message, List<String> problems) {
    if (problems.isEmpty()) {
      return message;
    }
    return message
        + "; ignored "
        + plural(problems.size(), "entry")
        + ":\n"
        + String.join("\n", problems);
  }

  private static String plural(int n, String word) {
    if (n == 1) {
      return "1 " + word;
    }
    return n
        + " "
        + (word.endsWith("y") ? word.substring(0, word.length() - 1) + "ies" : word + "s");
  }
}
