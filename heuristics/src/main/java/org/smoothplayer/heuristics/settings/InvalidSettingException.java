package org.smoothplayer.heuristics.settings;

/** A setting value outside its documented range; names the key, the range and the value. */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /** Creates the exception for {@code key}. */
  public InvalidSettingException(String key, String expected, double actual) {
    super(key + ": expected " + expected + " but was " + actual);
    this.key = key;
  }

  /** Creates the exception for {@code key} with what is wrong with it ({@code "KEY: PROBLEM"}). */
  public InvalidSettingException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  /** The dotted key of the offending setting. */
  public String key() {
    return key;
  }
}
