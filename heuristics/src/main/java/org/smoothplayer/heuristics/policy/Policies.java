package org.smoothplayer.heuristics.policy;

import java.util.List;
import java.util.Optional;
import org.smoothplayer.heuristics.AbrPolicy;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;

/** The online policies by their command-line names; each call creates a fresh session. */
public final class Policies {
  /** Our default policy's name. */
  public static final String DEFAULT = "default";

  /** Every online policy name, in report order. */
  public static final List<String> NAMES =
      List.of(DEFAULT, "bb", "rb", "bola", "dashjs", "media3", "festive", "mpc", "robustmpc");

  private Policies() {}

  /** True when {@code name} is an online policy of this registry. */
  public static boolean known(String name) {
    return NAMES.contains(name);
  }

  /**
   * The registry's name for {@code typed}, matched without regard to case or surrounding spaces
   * ({@code "robustMPC"} is {@code robustmpc}, as the papers write it); empty when none matches.
   */
  public static Optional<String> canonical(String typed) {
    String wanted = typed.strip();
    return NAMES.stream().filter(n -> n.equalsIgnoreCase(wanted)).findFirst();
  }

  /** A new session of policy {@code name}; unknown names are rejected listing the known ones. */
  public static AbrPolicy create(String name, HeuristicsSettings s) {
    switch (name) {
      case DEFAULT:
        return new DefaultPolicy(s.defaultPolicy());
      case "bb":
        return new BufferBasedPolicy(s.bufferBased());
      case "rb":
        return new RateBasedPolicy(s.rateBased());
      case "bola":
        return new BolaPolicy(s.bola());
      case "dashjs":
        return new DynamicPolicy(s.dynamic(), s.bola());
      case "media3":
        return new Media3Policy(s.media3());
      case "festive":
        return new FestivePolicy(s.festive());
      case "mpc":
        return new MpcPolicy(s.mpc(), false);
      case "robustmpc":
        return new MpcPolicy(s.mpc(), true);
      default:
        throw new IllegalArgumentException(
            "policy: expected one of " + NAMES + " but was '" + name + "'");
    }
  }
}
