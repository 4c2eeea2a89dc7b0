package org.smoothplayer.app.session;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A session log as read back: its events plus what the reader had to leave out.
 *
 * @param events the events in log order
 * @param skippedTypes events of types this version does not know, counted by type name (sorted)
 * @param truncatedLastLine true when the last line was cut off (a crash while writing) and ignored
 */
public record SessionLog(
    List<SessionEvent> events, Map<String, Integer> skippedTypes, boolean truncatedLastLine) {
  public SessionLog {
    events = List.copyOf(events);
    skippedTypes = Collections.unmodifiableSortedMap(new TreeMap<>(skippedTypes));
  }

  /** How many events were skipped because their type is unknown. */
  public int skippedEvents() {
    return skippedTypes.values().stream().mapToInt(Integer::intValue).sum();
  }
}
