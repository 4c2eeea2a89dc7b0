package org.smoothplayer.app.tools;

import org.jspecify.annotations.Nullable;

/** A snapshot that could not be taken: time outside the presentation, or a decoding failure. */
public final class SnapshotException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message names the level or time and the problem. */
  public SnapshotException(String detail, @Nullable Throwable cause) {
    super(detail, cause);
  }
}
