package org.smoothplayer.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.engine.PlaybackEngine;
import org.smoothplayer.decoder.ffmpeg.FfmpegRuntime;

/**
 * The Help menu: Keyboard Shortcuts (F1), listing the window's keys from the same table its key
 * handler reads and every menu item's accelerator from the menu bar itself, and About Smooth Player
 * (version, runtime, FFmpeg, licence). Thread ownership: FX application thread only.
 */
final class HelpMenu {

  /** One line of the shortcuts list: the keys and what they do. */
  record Row(String keys, String does) {}

  private final Menu menu = new Menu("Help");
  private final List<KeyShortcut> keys;
  private final Supplier<@Nullable MenuBar> bar;
  private final Supplier<@Nullable Window> owner;

  HelpMenu(
      List<KeyShortcut> keys, Supplier<@Nullable MenuBar> bar, Supplier<@Nullable Window> owner) {
    this.keys = List.copyOf(keys);
    this.bar = bar;
    this.owner = owner;
    MenuItem shortcuts = new MenuItem("Keyboard Shortcuts");
    shortcuts.setId("shortcutsItem");
    shortcuts.setAccelerator(KeyCombination.keyCombination("F1"));
    shortcuts.setOnAction(e -> showShortcuts());
    MenuItem about = new MenuItem("About Smooth Player");
    about.setId("aboutItem");
    about.setOnAction(e -> showAbout());
    menu.getItems().addAll(shortcuts, about);
    menu.setId("helpMenu");
  }

  Menu menu() {
    return menu;
  }

  /**
   * The shortcuts as listed: the window's keys, the mouse, every menu item with an accelerator
   * ({@code File ▸ Open URL…}), and the keys of the Settings and Session windows.
   */
  List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (KeyShortcut key : keys) {
      rows.add(new Row(key.keys(), key.does()));
    }
    rows.add(new Row("Double click", "full screen on / off"));
    rows.add(new Row("Wheel", "volume up / down"));
    MenuBar menus = bar.get();
    if (menus != null) {
      for (Menu top : menus.getMenus()) {
        addAccelerators(top.getText(), top.getItems(), rows);
      }
    }
    rows.add(
        new Row(
            "Esc or " + KeyCombination.keyCombination("Shortcut+W").getDisplayText(),
            "close the Settings or Session window"));
    return List.copyOf(rows);
  }

  private static void addAccelerators(String path, List<MenuItem> items, List<Row> rows) {
    for (MenuItem item : items) {
      String here = path + " \u25b8 " + item.getText();
      if (item instanceof Menu sub) {
        addAccelerators(here, sub.getItems(), rows);
      } else if (item.getAccelerator() != null) {
        rows.add(new Row(item.getAccelerator().getDisplayText(), here));
      }
    }
  }

  /** Shows the shortcuts in a window of their own (not modal: keys still reach the player). */
  Dialog<ButtonType> showShortcuts() {
    GridPane grid = new GridPane();
    grid.setId("shortcutsGrid");
    grid.setHgap(24);
    grid.setVgap(4);
    int line = 0;
    for (Row row : rows()) {
      Label keysLabel = new Label(row.keys());
      keysLabel.setStyle("-fx-font-weight: bold;");
      grid.addRow(line++, keysLabel, new Label(row.does()));
    }
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.setTitle("Keyboard Shortcuts");
    dialog.getDialogPane().setContent(grid);
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    dialog.getDialogPane().setId("shortcutsDialog");
    show(dialog);
    return dialog;
  }

  /** The About text: version, runtime, FFmpeg and licence. */
  static String aboutText() {
    return "A desktop player for Microsoft Smooth Streaming.\n\n"
        + "Java "
        + System.getProperty("java.version")
        + " ("
        + System.getProperty("java.vendor")
        + ") on "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + "\n"
        + "JavaFX "
        + System.getProperty("javafx.runtime.version", "unknown")
        + "\n"
        + "FFmpeg "
        + FfmpegRuntime.version()
        + " (the bytedeco build, with libx264)\n\n"
        + "Licence: GPL-3.0-or-later.";
  }

  /** Shows the About box. */
  Alert showAbout() {
    Alert alert = new Alert(Alert.AlertType.INFORMATION, aboutText(), ButtonType.CLOSE);
    alert.setTitle("About Smooth Player");
    alert.setHeaderText("Smooth Player " + PlaybackEngine.appVersion());
    alert.getDialogPane().setId("aboutDialog");
    show(alert);
    return alert;
  }

  private void show(Dialog<?> dialog) {
    Window window = owner.get();
    if (window != null) {
      dialog.initOwner(window);
    }
    dialog.initModality(Modality.NONE);
    dialog.show();
  }
}
