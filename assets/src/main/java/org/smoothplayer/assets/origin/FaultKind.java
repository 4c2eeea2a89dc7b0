package org.smoothplayer.assets.origin;

import java.math.BigDecimal;

/**
 * What the origin does to a request a {@link FaultRule} matched. The text forms are those of the
 * rule grammar: {@code 404}, {@code 429}, {@code 500}, {@code 503}, {@code reset}, {@code
 * truncate}, {@code stall:SECONDS}, {@code slow:MS}.
 */
public sealed interface FaultKind
    permits FaultKind.Status, FaultKind.Reset, FaultKind.Truncate, FaultKind.Stall, FaultKind.Slow {

  /** Longest stall or slow-first-byte delay a rule may ask for. */
  long MAX_DELAY_MS = 3_600_000;

  /** The expected kinds, for error messages. */
  String EXPECTED = "one of 404, 429, 500, 503, reset, truncate, stall:SECONDS, slow:MS";

  /** This kind in rule-text form, e.g. {@code stall:2}. */
  String text();

  /**
   * Answers with this status and a short body instead of the file; 429 and 503 add {@code
   * Retry-After: 1}.
   */
  record Status(int code) implements FaultKind {
    /** Checks the code is one of 404, 429, 500, 503. */
    public Status {
      if (code != 404 && code != 429 && code != 500 && code != 503) {
        throw new IllegalArgumentException(
            "fault status " + code + " is not supported; expected 404, 429, 500 or 503");
      }
    }

    @Override
    public String text() {
      return Integer.toString(code);
    }
  }

  /** Sends the headers and about half the body, then resets the TCP connection (RST). */
  record Reset() implements FaultKind {
    @Override
    public String text() {
      return "reset";
    }
  }

  /**
   * Announces the full Content-Length, sends about half the body, then closes the connection
   * normally (FIN).
   */
  record Truncate() implements FaultKind {
    @Override
    public String text() {
      return "truncate";
    }
  }

  /** Sends the headers and about half the body, pauses {@code pauseMs}, then sends the rest. */
  record Stall(long pauseMs) implements FaultKind {
    /** Checks the pause is within 0..{@link #MAX_DELAY_MS}. */
    public Stall {
      checkDelay(pauseMs, "stall");
    }

    @Override
    public String text() {
      return "stall:" + BigDecimal.valueOf(pauseMs, 3).stripTrailingZeros().toPlainString();
    }
  }

  /** Waits {@code delayMs} before the first byte of the response (on top of the link latency). */
  record Slow(long delayMs) implements FaultKind {
    /** Checks the delay is within 0..{@link #MAX_DELAY_MS}. */
    public Slow {
      checkDelay(delayMs, "slow");
    }

    @Override
    public String text() {
      return "slow:" + delayMs;
    }
  }

  private static void checkDelay(long ms, String kind) {
    if (ms < 0 || ms > MAX_DELAY_MS) {
      throw new IllegalArgumentException(
          kind + " of " + ms + " ms is out of range; expected 0.." + MAX_DELAY_MS + " ms");
    }
  }
}
