package org.smoothplayer.assets.generate;

/** A presentation spec (or preset name) that cannot be generated: the message names the problem. */
public class InvalidSpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the bad value and what was expected. */
  public InvalidSpecException(String message) {
    super(message);
  }
}
