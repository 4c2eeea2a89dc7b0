package org.smoothplayer.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;

/**
 * A menu of radio items, one per choice (quality levels, audio languages, caption tracks), rebuilt
 * when the choices change; the checked item follows a key the view model gives. FX thread only.
 */
final class RadioChoiceMenu {

  /**
   * One item.
   *
   * @param id the item's node id
   * @param text what the item reads
   * @param key what {@link #select} matches to check it
   * @param action what choosing it does
   */
  record Choice(String id, String text, Object key, Runnable action) {}

  private final Menu menu;
  private final ToggleGroup group = new ToggleGroup();

  RadioChoiceMenu(String title, String id) {
    menu = new Menu(title);
    menu.setId(id);
  }

  Menu menu() {
    return menu;
  }

  /** Replaces the items with {@code choices} (disabled while there is none); returns the items. */
  List<RadioMenuItem> setChoices(List<Choice> choices) {
    menu.getItems().clear();
    group.getToggles().clear();
    List<RadioMenuItem> items = new ArrayList<>();
    for (Choice c : choices) {
      RadioMenuItem item = new RadioMenuItem(c.text());
      item.setId(c.id());
      item.setUserData(c.key());
      item.setToggleGroup(group);
      item.setOnAction(e -> c.action().run());
      items.add(item);
    }
    menu.getItems().setAll(items);
    menu.setDisable(items.isEmpty());
    return items;
  }

  /** Checks the item whose key equals {@code key}; none when no item has it. */
  void select(Object key) {
    group.selectToggle(
        group.getToggles().stream()
            .filter(t -> key.equals(t.getUserData()))
            .findFirst()
            .orElse(null));
  }
}
