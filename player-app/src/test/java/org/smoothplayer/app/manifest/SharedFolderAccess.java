package org.smoothplayer.app.manifest;

import java.nio.file.Path;

/** Lets tests in other packages find the shared conformance folder. */
public final class SharedFolderAccess {
  private SharedFolderAccess() {}

  /** The {@code shared/conformance} folder. */
  public static Path conformance() {
    return SharedFolder.conformance();
  }
}
