package org.smoothplayer.app.ui;

/** What the user asked to open is neither a supported URL nor a presentation folder. */
public final class InvalidOpenTargetException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message names the input and what is accepted. */
  public InvalidOpenTargetException(String message) {
    super(message);
  }
}
