package org.smoothplayer.app.engine;

/** What the player is doing, as shown to the user. */
public enum PlayerState {
  /** Loading the manifest. */
  OPENING,
  /** Waiting for enough media (start-up, after a seek, or a stall). */
  BUFFERING,
  /** The clock runs. */
  PLAYING,
  /** The user paused. */
  PAUSED,
  /** Every fragment played out. */
  ENDED,
  /** A fatal error stopped the session; the snapshot's error says why. */
  FAILED,
  /** The session was closed. */
  CLOSED
}
