package org.smoothplayer.heuristics.caps;

import java.util.LinkedHashMap;
import java.util.Map;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.settings.CapSettings;

/**
 * Applies the caps on top of any policy: a forced level wins outright (the user asked for it);
 * otherwise the policy decides under the combined ceiling (it sees it as {@link
 * AbrInput#levelCeiling()}) and the result is clamped to it.
 */
public final class CappedPolicy implements AbrPolicy {
  private final AbrPolicy inner;
  private final CapSettings settings;

  /** Wraps {@code inner}. */
  public CappedPolicy(AbrPolicy inner, CapSettings settings) {
    this.inner = inner;
    this.settings = settings;
  }

  @Override
  public AbrDecision decide(AbrInput input) {
    if (input.forcedLevel().isPresent()) {
      return AbrDecision.of(input.forcedLevel().getAsInt(), "forced");
    }
    Map<String, Integer> ceilings = Caps.ceilings(input, settings);
    int ceiling = ceilings.get("ceiling");
    AbrDecision d = inner.decide(input.withCeiling(ceiling));
    if (d.level() <= ceiling && ceiling == input.ladder().top()) {
      return d;
    }
    String reason = d.reason();
    int level = Math.min(d.level(), ceiling);
    if (d.level() > ceiling || ceiling < input.ladder().top()) {
      String binding = "input";
      for (Map.Entry<String, Integer> e : ceilings.entrySet()) {
        if (e.getValue() == ceiling && !e.getKey().equals("ceiling")) {
          binding = e.getKey();
          break;
        }
      }
      reason = reason + "|cap:" + binding;
    }
    Map<String, Double> numbers = new LinkedHashMap<>(d.numbers());
    numbers.put("ceilingLevel", (double) ceiling);
    return new AbrDecision(level, reason, numbers);
  }
}
