package org.smoothplayer.heuristics.planted;

/** A planted violation (test sources only): a "policy" that reads the wall clock. */
public final class PolicyThatReadsTheClock {
  public int decide(int levels) {
    return (int) (System.nanoTime() % levels);
  }
}
