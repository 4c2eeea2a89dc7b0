package org.smoothplayer.app.session;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event in memory, in arrival order. Thread-safe. */
public final class SessionRecorder implements SessionSink {
  // Appended to by any accepting thread; guarded by this.
  private final List<SessionEvent> events = new ArrayList<>();

  /** Records the event. */
  @Override
  public synchronized void accept(SessionEvent event) {
    events.add(event);
  }

  /** A copy of the events recorded so far. */
  public synchronized List<SessionEvent> events() {
    return List.copyOf(events);
  }

  /** How many events were recorded. */
  public synchronized int size() {
    return events.size();
  }
}
