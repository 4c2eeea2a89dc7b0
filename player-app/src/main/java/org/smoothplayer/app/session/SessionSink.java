package org.smoothplayer.app.session;

/**
 * Where the engine sends its events. Implementations never block the caller for long and never
 * throw; they may be called from several threads.
 */
@FunctionalInterface
public interface SessionSink {
  /** Records one event. */
  void accept(SessionEvent event);
}
