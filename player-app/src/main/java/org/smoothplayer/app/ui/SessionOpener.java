package org.smoothplayer.app.ui;

import org.smoothplayer.app.engine.Player;

/** Opens a session of the player window (the first, File ▸ Open, drops, Play after a failure). */
@FunctionalInterface
public interface SessionOpener {

  /**
   * Opens a session on {@code target}.
   *
   * @param target a checked input: an http or https URL, a file URL, or the absolute path of a
   *     presentation folder
   * @param startUs where an on-demand presentation starts, microseconds from its start (0: at its
   *     start); a live one joins at its edge whatever it says
   * @return the new session
   * @throws RuntimeException whose message says why it could not be opened
   */
  Player open(String target, long startUs);
}
