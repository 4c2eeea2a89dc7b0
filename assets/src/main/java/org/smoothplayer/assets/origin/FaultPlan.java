package org.smoothplayer.assets.origin;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The fault rules of one origin and how much of each rule's {@code @N} budget is left. The first
 * matching rule with budget left wins. Thread-safe: budgets are atomics shared by connection
 * threads.
 */
final class FaultPlan {
  private final List<FaultRule> rules;
  // Remaining budget per rule (Integer.MAX_VALUE when unlimited); decremented by connection
  // threads.
  private final AtomicInteger[] remaining;

  FaultPlan(List<FaultRule> rules) {
    this.rules = List.copyOf(rules);
    this.remaining = new AtomicInteger[this.rules.size()];
    for (int i = 0; i < remaining.length; i++) {
      remaining[i] = new AtomicInteger(this.rules.get(i).firstN().orElse(Integer.MAX_VALUE));
    }
  }

  List<FaultRule> rules() {
    return rules;
  }

  /** The rule that applies to a request for {@code decodedPath}, consuming one use of it. */
  @Nullable FaultRule take(String decodedPath) {
    for (int i = 0; i < rules.size(); i++) {
      FaultRule rule = rules.get(i);
      if (!rule.matches(decodedPath)) {
        continue;
      }
      if (rule.firstN().isEmpty()) {
        return rule;
      }
      AtomicInteger left = remaining[i];
      while (true) {
        int current = left.get();
        if (current <= 0) {
          break;
        }
        if (left.compareAndSet(current, current - 1)) {
          return rule;
        }
      }
    }
    return null;
  }
}
