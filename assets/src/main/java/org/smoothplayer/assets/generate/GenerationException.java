package org.smoothplayer.assets.generate;

/**
 * Encoding or writing a presentation failed (FFmpeg error, I/O error, unexpected encoder output).
 */
public class GenerationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what failed. */
  public GenerationException(String message) {
    super(message);
  }

  /** Creates the exception with a message naming what failed and its cause. */
  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
