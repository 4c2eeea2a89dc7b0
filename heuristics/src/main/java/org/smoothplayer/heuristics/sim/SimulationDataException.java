package org.smoothplayer.heuristics.sim;

/** A trace, video or option the simulator cannot use; names the file or option and the rule. */
public final class SimulationDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public SimulationDataException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public SimulationDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
