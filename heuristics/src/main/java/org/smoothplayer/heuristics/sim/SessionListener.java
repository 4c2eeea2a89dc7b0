package org.smoothplayer.heuristics.sim;

import java.util.Map;

/** Receives the session events of one simulated session, in order (one thread). */
public interface SessionListener {
  /** One event: its {@code type} and its fields in a fixed order. */
  void onEvent(String type, Map<String, Object> fields);

  /** A listener that ignores everything. */
  SessionListener NONE = (type, fields) -> {};
}
