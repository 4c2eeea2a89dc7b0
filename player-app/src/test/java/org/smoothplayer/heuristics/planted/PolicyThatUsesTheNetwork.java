package org.smoothplayer.heuristics.planted;

import java.net.URI;
import org.smoothplayer.app.cli.Main;

/** A planted violation (test sources only): a "policy" that reaches for the network and the app. */
public final class PolicyThatUsesTheNetwork {
  public String decide() {
    return URI.create("http://127.0.0.1/").getHost() + Main.class.getSimpleName();
  }
}
