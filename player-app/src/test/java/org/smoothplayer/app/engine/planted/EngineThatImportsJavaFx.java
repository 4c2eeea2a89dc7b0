package org.smoothplayer.app.engine.planted;

import javafx.scene.Node;

/** A planted violation (test sources only): an engine class that knows a JavaFX node. */
public final class EngineThatImportsJavaFx {
  public boolean isVisible(Node node) {
    return node.isVisible();
  }
}
