package org.smoothplayer.decoder.planted;

import org.smoothplayer.app.cli.Main;

/** A planted violation (test sources only): a decoder class that reaches up into the app. */
public final class DecoderThatImportsTheApp {
  public String appName() {
    return Main.class.getName();
  }
}
