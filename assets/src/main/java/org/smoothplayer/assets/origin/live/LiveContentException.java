package org.smoothplayer.assets.origin.live;

/**
 * The presentation folder cannot be broadcast live: {@code presentation.json} describes streams
 * that cannot be looped, or a stored fragment file is not the {@code moof + mdat} the generator
 * writes. The message names the file and what was expected.
 */
public final class LiveContentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public LiveContentException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public LiveContentException(String message, Throwable cause) {
    super(message, cause);
  }
}
