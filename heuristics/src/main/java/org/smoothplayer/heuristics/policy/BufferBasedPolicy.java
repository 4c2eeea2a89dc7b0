package org.smoothplayer.heuristics.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.smoothplayer.heuristics.AbrDecision;
import org.smoothplayer.heuristics.AbrInput;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.settings.BufferBasedSettings;

/**
 * BB (Huang et al. 2014, as run in Pensieve): lowest level below the reservoir, highest above
 * reservoir + cushion, linear in between ({@code floor(top · (buffer − reservoir) / cushion)}).
 */
public final class BufferBasedPolicy implements AbrPolicy {
  private final BufferBasedSettings settings;

  /** Creates the policy. */
  public BufferBasedPolicy(BufferBasedSettings settings) {
    this.settings = settings;
  }

  @Override
  public AbrDecision decide(AbrInput input) {
    int top = input.ladder().top();
    double buffer = input.bufferedS();
    int level;
    if (buffer < settings.reservoirS()) {
      level = 0;
    } else if (buffer >= settings.reservoirS() + settings.cushionS()) {
      level = top;
    } else {
      level = (int) (top * (buffer - settings.reservoirS()) / settings.cushionS());
    }
    level = Math.min(level, input.levelCeiling());
    Map<String, Double> n = new LinkedHashMap<>();
    n.put("bufferS", buffer);
    return new AbrDecision(level, "buffer-map", n);
  }
}
