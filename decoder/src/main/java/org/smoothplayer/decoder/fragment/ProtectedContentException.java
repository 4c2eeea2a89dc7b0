package org.smoothplayer.decoder.fragment;

/**
 * Thrown for fragments whose samples are encrypted (PIFF SampleEncryption, {@code senc}, {@code
 * tenc}, encrypted sample entries): the player does not implement PlayReady.
 */
public final class ProtectedContentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The message every caller shows the user. */
  public static final String MESSAGE = "PlayReady-protected content is not supported";

  private final String evidence;

  /**
   * @param evidence which box revealed the protection, e.g. {@code "PIFF SampleEncryption uuid box
   *     in traf at offset 24"}
   */
  public ProtectedContentException(String evidence) {
    super(MESSAGE);
    this.evidence = evidence;
  }

  /** Which box revealed the protection (for logs; the message stays fixed). */
  public String evidence() {
    return evidence;
  }
}
