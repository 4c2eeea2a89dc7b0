package org.smoothplayer.app.ui.session;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.engine.Player;
import org.smoothplayer.app.session.SessionRecorder;

/**
 * Which recorder holds the events of which session: the opener registers each session it opens, the
 * Session window looks up the current one. Sessions are held weakly, so a closed and forgotten
 * session does not stay in memory. Thread-safe.
 */
public final class SessionRecordings {
  // Written by the opener (FX thread), read by the Session window (FX thread) and tests.
  private final Map<Player, SessionRecorder> byPlayer =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Registers {@code recorder} as the one receiving {@code player}'s events. */
  public void register(Player player, SessionRecorder recorder) {
    byPlayer.put(player, recorder);
  }

  /** The recorder of {@code player}'s events, if it was registered. */
  public Optional<SessionRecorder> recorderOf(@Nullable Player player) {
    return player == null ? Optional.empty() : Optional.ofNullable(byPlayer.get(player));
  }
}
