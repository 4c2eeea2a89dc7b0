package org.smoothplayer.app.playback;

/** The master clock of playback: the presentation time being heard (or, with no audio, seen). */
public interface MediaClock {
  /** Presentation time at this instant, in microseconds; safe to call from any thread. */
  long positionUs();
}
