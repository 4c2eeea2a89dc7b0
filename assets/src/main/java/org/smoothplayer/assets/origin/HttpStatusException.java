package org.smoothplayer.assets.origin;

/** A request the origin refuses with an HTTP error status; the connection is closed afterwards. */
final class HttpStatusException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  HttpStatusException(int status, String problem) {
    super(problem);
    this.status = status;
  }

  /** The status code to answer with. */
  int status() {
    return status;
  }
}
