package org.smoothplayer.app.playback;

import java.util.Optional;
import org.smoothplayer.decoder.audio.PcmChunk;

/**
 * Plays 48 kHz stereo PCM and is the master clock: {@link #positionUs()} is the presentation time
 * of the sample leaving the output now. Audio is placed on the timeline by presentation time: a gap
 * between chunks is filled with silence, an overlap is trimmed, so a track or level switch keeps
 * time continuous. The clock never runs past the audio handed over: when the queue runs dry the
 * clock stops.
 *
 * <p>Thread ownership: {@link #enqueue} is called by the audio decode thread (it blocks for
 * back-pressure); {@link #positionUs()} and {@link #queuedEndUs()} by any thread; every other
 * method by the playback loop thread. An own thread feeds the device.
 */
public interface AudioOutput extends MediaClock, AutoCloseable {

  /**
   * Queues {@code chunk} for playback; blocks while more than the output's queue limit is waiting.
   * A chunk of an older generation than the last {@link #flush} is dropped at once.
   *
   * @return false when the chunk was dropped (stale generation, entirely before the position, or
   *     the output is closed)
   */
  boolean enqueue(PcmChunk chunk, long generation) throws InterruptedException;

  /** Lets the clock run (audio plays while there is audio queued). */
  void play();

  /** Stops the clock at the current position; queued audio is kept. */
  void pause();

  /**
   * Drops every queued chunk, wakes a blocked {@link #enqueue}, and restarts the timeline at {@code
   * positionUs} for chunks of {@code generation} (used by seek, audio-track switch and start). The
   * output stays paused or playing as it was.
   */
  void flush(long generation, long positionUs);

  /** End (exclusive) of the audio accepted in the current generation; the position when none. */
  long queuedEndUs();

  /** Output gain, 0 (silent) to 1 (full scale). */
  void setVolume(double gain);

  /** Mutes or unmutes without changing the volume. */
  void setMuted(boolean muted);

  /**
   * False when no audio device could be opened, or the device failed mid-session, and a silent,
   * system-clock output runs instead.
   */
  boolean deviceAvailable();

  /**
   * Why the device is unavailable (none opened, or it failed mid-session), once per cause, for the
   * user; empty otherwise. The engine polls it once a second.
   */
  Optional<String> deviceProblem();

  /** Stops the feeding thread and releases the device; idempotent. */
  @Override
  void close();
}
