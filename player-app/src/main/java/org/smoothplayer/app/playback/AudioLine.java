package org.smoothplayer.app.playback;

import javax.sound.sampled.LineUnavailableException;

/**
 * The device seam of {@link AudioRenderer}: a PCM line in the player's one output format (48 kHz,
 * stereo, signed 16-bit little-endian, 4 bytes per sample frame). Implemented by the Java Sound
 * line of the machine and by {@link SilentLine}, which plays nothing in real time.
 *
 * <p>Thread ownership: {@link #write} is called by the one feeding thread; {@link #start}, {@link
 * #stop}, {@link #flush} and {@link #close} by the controlling thread, and they make a blocked
 * {@link #write} return; {@link #framePosition} and {@link #availableBytes} by any thread.
 */
public interface AudioLine extends AutoCloseable {

  /**
   * Opens the line with a buffer of about {@code bufferFrames} sample frames; it starts stopped.
   *
   * @throws LineUnavailableException when the device cannot be opened
   */
  void open(int bufferFrames) throws LineUnavailableException;

  /** The buffer size actually granted, in sample frames. */
  int bufferFrames();

  /** Starts consuming (playing) the buffered frames. */
  void start();

  /** Stops consuming; buffered frames are kept and the position freezes. */
  void stop();

  /** Drops the buffered frames that were not played yet; the position stays where it is. */
  void flush();

  /**
   * Writes up to {@code lengthBytes} (whole sample frames) into the line's buffer. While the line
   * is started it blocks until everything fits; it returns early, with the count written so far,
   * when the line is (or becomes) stopped, flushed or closed.
   *
   * @return the bytes written, a multiple of 4
   */
  int write(byte[] data, int offset, int lengthBytes);

  /**
   * Sample frames played since the line was opened; never decreases. A device may update it in
   * coarse steps.
   */
  long framePosition();

  /** Bytes that {@link #write} accepts now without blocking. */
  int availableBytes();

  /** Releases the line; idempotent. */
  @Override
  void close();
}
