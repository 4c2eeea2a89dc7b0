package org.smoothplayer.app.config;

/** A profile name that cannot be a file name; names the name and what a name may hold. */
public final class InvalidProfileNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception for {@code name}. */
  public InvalidProfileNameException(String name) {
    super(
        "profile name: expected 1 to "
            + ConfigStore.MAX_PROFILE_NAME_CHARS
            + " letters, digits, '.', '_' or '-', starting with a letter or digit, but was '"
            + name
            + "'");
  }
}
