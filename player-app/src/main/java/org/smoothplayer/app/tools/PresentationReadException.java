package org.smoothplayer.app.tools;

import org.jspecify.annotations.Nullable;

/** A presentation (manifest or fragment) that could not be read; {@link #kind()} says why. */
public final class PresentationReadException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why reading failed. */
  public enum Kind {
    /** The manifest is missing, unreadable or not a usable manifest. */
    MANIFEST,
    /** The manifest or a fragment could not be fetched over HTTP. */
    FETCH,
    /** The presentation is PlayReady-protected. */
    PROTECTED,
    /** The manifest has no video stream, or no video level with a usable codec configuration. */
    NO_VIDEO,
    /** A video level's codec configuration is unsupported or malformed. */
    UNSUPPORTED_CODEC,
    /** A fragment URL has a scheme other than file, http or https. */
    UNSUPPORTED_SCHEME,
    /** A fragment file is missing, unreadable or too large. */
    FRAGMENT_READ,
    /** A fragment's bytes are not a well-formed (unencrypted) fragment. */
    FRAGMENT_PARSE
  }

  private final Kind kind;

  /**
   * Creates an exception.
   *
   * @param kind why reading failed
   * @param detail what was being read, the problem and what was expected
   * @param cause the underlying exception, or null
   */
  public PresentationReadException(Kind kind, String detail, @Nullable Throwable cause) {
    super(detail, cause);
    this.kind = kind;
  }

  /** Why reading failed. */
  public Kind kind() {
    return kind;
  }
}
