package org.smoothplayer.app.ui;

import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.input.KeyCode;

/**
 * A key the window acts on without a modifier: how Help ▸ Keyboard Shortcuts names it, what it
 * does, the key codes it answers to and the action (given the code pressed). The window's key
 * handler and the Help list read the same table, so they cannot drift apart.
 *
 * @param keys the keys as shown, e.g. {@code "← / →"}
 * @param does what they do, as shown
 * @param codes the key codes that trigger the action
 * @param action what a press does, given the code pressed
 */
record KeyShortcut(String keys, String does, Set<KeyCode> codes, Consumer<KeyCode> action) {
  KeyShortcut {
    codes = Set.copyOf(codes);
  }
}
