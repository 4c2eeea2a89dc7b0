package org.smoothplayer.assets.origin;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One fault-injection rule: requests whose (decoded) path contains {@code pathPattern} get {@code
 * kind}, for the first {@code firstN} matching requests only, or for all of them when {@code
 * firstN} is empty. Text form: {@code PATTERN=KIND[@N]}, split at the last {@code =}; see {@link
 * #parse(String)}.
 *
 * @param pathPattern substring of the request path, never empty
 * @param kind what happens to a matching request
 * @param firstN how many matching requests get the fault (at least 1), or empty for all
 */
public record FaultRule(String pathPattern, FaultKind kind, OptionalInt firstN) {

  /** Checks the pattern is not empty and {@code firstN}, when present, is at least 1. */
  public FaultRule {
    Objects.requireNonNull(pathPattern, "pathPattern");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(firstN, "firstN");
    if (pathPattern.isEmpty()) {
      throw new IllegalArgumentException("fault rule pattern is empty; use / to match every path");
    }
    if (firstN.isPresent() && firstN.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "fault rule count " + firstN.getAsInt() + " is not positive; expected @N with N >= 1");
    }
  }

  /** A rule that applies to every matching request. */
  public static FaultRule always(String pathPattern, FaultKind kind) {
    return new FaultRule(pathPattern, kind, OptionalInt.empty());
  }

  /** A rule that applies to the first {@code n} matching requests only. */
  public static FaultRule firstN(String pathPattern, FaultKind kind, int n) {
    return new FaultRule(pathPattern, kind, OptionalInt.of(n));
  }

  /**
   * Parses {@code PATTERN=KIND[@N]}: the text is split at its last {@code =}; PATTERN is a
   * substring of the request path; KIND is one of {@code 404}, {@code 429}, {@code 500}, {@code
   * 503}, {@code reset}, {@code truncate}, {@code stall:SECONDS} (decimal allowed), {@code
   * slow:MS}; {@code @N} limits the rule to the first N matching requests. Whitespace around the
   * parts is ignored. Examples: {@code Manifest=503@2}, {@code Fragments(video=reset}, {@code
   * QualityLevels(300000)=stall:1.5}.
   *
   * @throws FaultRuleException naming the rule and what was expected
   */
  public static FaultRule parse(String text) {
    Objects.requireNonNull(text, "text");
    String rule = text.strip();
    int eq = rule.lastIndexOf('=');
    if (eq < 0) {
      throw new FaultRuleException(text, "no '='; expected PATTERN=KIND[@N]");
    }
    String pattern = rule.substring(0, eq).strip();
    if (pattern.isEmpty()) {
      throw new FaultRuleException(
          text, "empty PATTERN before '='; expected PATTERN=KIND[@N] (use / to match every path)");
    }
    String kindAndCount = rule.substring(eq + 1).strip();
    String kindText = kindAndCount;
    OptionalInt firstN = OptionalInt.empty();
    int at = kindAndCount.lastIndexOf('@');
    if (at >= 0) {
      kindText = kindAndCount.substring(0, at).strip();
      String count = kindAndCount.substring(at + 1).strip();
      firstN = OptionalInt.of(parseCount(text, count));
    }
    return new FaultRule(pattern, parseKind(text, kindText), firstN);
  }

  /** Whether this rule's pattern occurs in {@code path}. */
  public boolean matches(String path) {
    return path.contains(pathPattern);
  }

  /** The rule in its text form, which {@link #parse(String)} reads back. */
  public String text() {
    return pathPattern + "=" + kind.text() + (firstN.isPresent() ? "@" + firstN.getAsInt() : "");
  }

  @Override
  public String toString() {
    return text();
  }

  private static int parseCount(String rule, String count) {
    if (count.isEmpty() || !count.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new FaultRuleException(
          rule, "count \"" + count + "\" after '@' is not a number; expected @N with N >= 1");
    }
    int n;
    try {
      n = Integer.parseInt(count);
    } catch (NumberFormatException e) {
      throw new FaultRuleException(
          rule, "count " + count + " after '@' is too large; expected N <= " + Integer.MAX_VALUE);
    }
    if (n < 1) {
      throw new FaultRuleException(
          rule, "count " + n + " after '@' is not positive; expected N >= 1");
    }
    return n;
  }

  private static FaultKind parseKind(String rule, String kindText) {
    String kind = kindText.toLowerCase(Locale.ROOT);
    if (kind.isEmpty()) {
      throw new FaultRuleException(rule, "empty KIND after '='; expected " + FaultKind.EXPECTED);
    }
    switch (kind) {
      case "404":
        return new FaultKind.Status(404);
      case "429":
        return new FaultKind.Status(429);
      case "500":
        return new FaultKind.Status(500);
      case "503":
        return new FaultKind.Status(503);
      case "reset":
        return new FaultKind.Reset();
      case "truncate":
        return new FaultKind.Truncate();
      default:
        break;
    }
    if (kind.startsWith("stall:")) {
      return new FaultKind.Stall(parseStallMs(rule, kind.substring("stall:".length()).strip()));
    }
    if (kind.startsWith("slow:")) {
      return new FaultKind.Slow(parseSlowMs(rule, kind.substring("slow:".length()).strip()));
    }
    if (kind.equals("stall") || kind.equals("slow")) {
      throw new FaultRuleException(
          rule,
          "kind \""
              + kindText
              + "\" lacks its duration; expected "
              + (kind.equals("stall") ? "stall:SECONDS" : "slow:MS"));
    }
    if (kind.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new FaultRuleException(
          rule, "status " + kindText + " is not supported; expected 404, 429, 500 or 503");
    }
    throw new FaultRuleException(
        rule, "unknown kind \"" + kindText + "\"; expected " + FaultKind.EXPECTED);
  }

  private static long parseStallMs(String rule, String seconds) {
    BigDecimal value;
    try {
      value = new BigDecimal(seconds);
    } catch (NumberFormatException e) {
      throw new FaultRuleException(
          rule,
          "stall duration \""
              + seconds
              + "\" is not a number; expected stall:SECONDS, e.g. stall:2");
    }
    BigDecimal ms = value.movePointRight(3);
    if (value.signum() < 0 || ms.compareTo(BigDecimal.valueOf(FaultKind.MAX_DELAY_MS)) > 0) {
      throw new FaultRuleException(
          rule,
          "stall of "
              + seconds
              + " s is out of range; expected 0.."
              + FaultKind.MAX_DELAY_MS / 1000
              + " seconds");
    }
    return ms.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }

  private static long parseSlowMs(String rule, String ms) {
    if (ms.isEmpty() || !ms.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new FaultRuleException(
          rule,
          "slow delay \"" + ms + "\" is not a whole number of ms; expected slow:MS, e.g. slow:500");
    }
    long value;
    try {
      value = Long.parseLong(ms);
    } catch (NumberFormatException e) {
      value = Long.MAX_VALUE;
    }
    if (value > FaultKind.MAX_DELAY_MS) {
      throw new FaultRuleException(
          rule,
          "slow of " + ms + " ms is out of range; expected 0.." + FaultKind.MAX_DELAY_MS + " ms");
    }
    return value;
  }
}
