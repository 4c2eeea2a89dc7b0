package org.smoothplayer.heuristics;

/**
 * Chooses the level of the next fragment. One instance serves one session: some policies keep
 * deterministic state between calls (e.g. a placeholder buffer), so replaying the same input
 * sequence on a fresh instance gives the same decisions. No clock, I/O, threads or unseeded
 * randomness.
 */
public interface AbrPolicy {
  /** Decides the level of the next fragment. */
  AbrDecision decide(AbrInput input);
}
