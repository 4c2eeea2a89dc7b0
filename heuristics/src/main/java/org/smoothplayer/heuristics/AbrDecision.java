package org.smoothplayer.heuristics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one decision: a level, a short reason and the numbers that drove it.
 *
 * @param level chosen level index
 * @param reason short machine-friendly reason, e.g. {@code "lookahead"} or {@code "cap:frame-drop"}
 * @param numbers named numbers behind the choice, in insertion order
 */
public record AbrDecision(int level, String reason, Map<String, Double> numbers) {
  /** Validates and copies. */
  public AbrDecision {
    if (level < 0) {
      throw new InvalidInputException("level", ">= 0", level);
    }
    numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
  }

  /** A decision with no numbers. */
  public static AbrDecision of(int level, String reason) {
    return new AbrDecision(level, reason, Map.of());
  }

  /** Same numbers, another level and reason (used by caps). */
  public AbrDecision withLevel(int newLevel, String newReason) {
    return new AbrDecision(newLevel, newReason, numbers);
  }
}
