package org.smoothplayer.app.config;

import org.jspecify.annotations.Nullable;

/** A configuration file that cannot be read at all (missing, unreadable, not a JSON object). */
public final class ConfigFileException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An exception with a message naming the file and the problem. */
  public ConfigFileException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
