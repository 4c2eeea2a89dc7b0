package org.smoothplayer.app.engine;

import org.smoothplayer.app.playback.AudioOutput;
import org.smoothplayer.app.playback.AudioRenderer;

/**
 * How a session opens its audio output (the master clock). The default is the machine's audio
 * device, {@link AudioRenderer#open}; tests hand the engine an output on a line of their own (a
 * device that fails mid-session, for instance).
 *
 * <p>Thread ownership: called once per session, on the thread that starts the session; the output
 * returned is owned (and closed) by the engine.
 */
@FunctionalInterface
public interface AudioOpener {

  /** The machine's audio device, or a silent system-clock output when there is none. */
  AudioOpener DEVICE = AudioRenderer::open;

  /**
   * Opens an output, started paused, that the engine owns from now on.
   *
   * @param forceSilent true when the options ask for no audio device ({@link
   *     EngineOptions#silentAudio()}); an opener that ignores it says so
   */
  AudioOutput open(boolean forceSilent);
}
