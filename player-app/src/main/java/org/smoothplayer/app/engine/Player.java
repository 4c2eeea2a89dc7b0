package org.smoothplayer.app.engine;

import org.smoothplayer.app.playback.FrameSource;
import org.smoothplayer.app.text.Captions;

/**
 * A playback session of one manifest URL. Every command only enqueues a message for the playback
 * loop and returns at once, so any thread (the FX thread) may call them; the loop publishes a new
 * {@link #snapshot()} after each change.
 */
public interface Player extends AutoCloseable {

  /** Starts or resumes playback. */
  void play();

  /** Pauses: the clock stops, fetching goes on up to the buffer target. */
  void pause();

  /** Seeks to {@code positionUs} (clamped to the presentation); shows the frame at that time. */
  void seek(long positionUs);

  /** Live: returns to the live edge (the join offset behind it); VOD: ignored. */
  void seekToLive();

  /** Changes the quality choice; applies from the next video fragment. */
  void setQuality(QualityChoice choice);

  /**
   * Switches the audio track to the one labelled {@code language} (one of the snapshot's {@code
   * audioLanguages}), else to the first one in that language; ignored when there is none.
   */
  void setAudioLanguage(String language);

  /** The size of the video surface in pixels (for the viewport cap and the decoder output size). */
  void setViewport(int widthPx, int heightPx);

  /** Applies a new configuration from the next decision and fetch on (logged with its diff). */
  void setConfig(org.smoothplayer.app.config.PlayerConfig config);

  /** Output gain, 0 to 1. */
  void setVolume(double gain);

  /** Mutes or unmutes. */
  void setMuted(boolean muted);

  /** The session's captions (text streams, the one shown, the lines due); never blocks. */
  default Captions captions() {
    return Captions.none();
  }

  /** The latest published state; never blocks. */
  PlayerSnapshot snapshot();

  /** Where the window's renderer takes the frame due now. */
  FrameSource frames();

  /** Stops the session, frees decoders and the audio device, ends the session log; idempotent. */
  @Override
  void close();
}
