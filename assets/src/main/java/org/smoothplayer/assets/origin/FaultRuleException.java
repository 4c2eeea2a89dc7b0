package org.smoothplayer.assets.origin;

/**
 * A fault rule text that does not follow {@code PATTERN=KIND[@N]}; names the rule and the problem.
 */
public final class FaultRuleException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String ruleText;

  FaultRuleException(String ruleText, String problem) {
    super("fault rule \"" + ruleText + "\": " + problem);
    this.ruleText = ruleText;
  }

  /** The rule text as given. */
  public String ruleText() {
    return ruleText;
  }
}
