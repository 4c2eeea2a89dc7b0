package org.smoothplayer.app.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smoothplayer.heuristics.settings.SettingDescriptor;

/**
 * Retention of the session-log folder: before a session writes its log there, the oldest logs are
 * deleted until the rest fit both limits, so the folder never fills the disk.
 *
 * @param keepSessions see {@link #KEEP_SESSIONS}
 * @param keepMb see {@link #KEEP_MB}
 */
public record LogSettings(int keepSessions, double keepMb) {

  /** Session logs kept in the folder, the new one included. */
  public static final SettingDescriptor KEEP_SESSIONS =
      new SettingDescriptor(
          "logging.keepSessions",
          "Session logs kept",
          "Newest session logs kept in the log folder (the new one included); older ones are"
              + " deleted when a session starts.",
          "files",
          1,
          100_000,
          1,
          100);

  /** Total size of the older logs kept when a session starts. */
  public static final SettingDescriptor KEEP_MB =
      new SettingDescriptor(
          "logging.keepMb",
          "Session log space",
          "Largest total size of the older session logs kept when a session starts.",
          "MB",
          1,
          1_000_000,
          1,
          500);

  /** Every default. */
  public static final LogSettings DEFAULTS = from(Map.of());

  /** Checks every value against its descriptor. */
  public LogSettings {
    KEEP_SESSIONS.check(keepSessions);
    KEEP_MB.check(keepMb);
  }

  /** The descriptors, in declaration order. */
  public static List<SettingDescriptor> descriptors() {
    return List.of(KEEP_SESSIONS, KEEP_MB);
  }

  /** Values from a key map; missing keys take their default, other keys are ignored. */
  public static LogSettings from(Map<String, Double> values) {
    return new LogSettings((int) get(values, KEEP_SESSIONS), get(values, KEEP_MB));
  }

  private static double get(Map<String, Double> values, SettingDescriptor d) {
    Double v = values.get(d.key());
    return v == null ? d.defaultValue() : d.check(v);
  }

  /** The largest total size of the older logs, in bytes. */
  public long keepBytes() {
    return (long) (keepMb * 1024 * 1024);
  }

  /** The values keyed by dotted key. */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(KEEP_SESSIONS.key(), (double) keepSessions);
    m.put(KEEP_MB.key(), keepMb);
    return m;
  }
}
