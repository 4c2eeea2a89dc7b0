package org.smoothplayer.decoder.ffmpeg;

/** The NAL units of a sample or of a parameter-set block do not have the expected structure. */
public final class MalformedNalUnitsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offsetBytes;

  /** A structure error found at {@code offsetBytes} into the data. */
  public MalformedNalUnitsException(String message, int offsetBytes) {
    super(message + " (at byte " + offsetBytes + ")");
    this.offsetBytes = offsetBytes;
  }

  /** Where in the data the problem was found. */
  public int offsetBytes() {
    return offsetBytes;
  }
}
