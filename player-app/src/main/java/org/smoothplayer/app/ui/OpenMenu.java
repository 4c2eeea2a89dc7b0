package org.smoothplayer.app.ui;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.config.RecentInputs;

/**
 * The opening part of the File menu: Open URL… (a dialog offering the recent inputs), Open File… (a
 * file chooser for a manifest on disk) and the Open Recent submenu, which follows {@link
 * PlayerViewModel#recentInputs()}. Everything opens through {@link PlayerViewModel#openUrl}.
 *
 * <p>Thread ownership: FX application thread only.
 */
final class OpenMenu {

  /** Longest text of a File ▸ Open Recent item, in characters. */
  static final int MENU_LABEL_CHARS = 80;

  /** Width of the Open dialog's field, in pixels. */
  static final double OPEN_FIELD_WIDTH = 560;

  private final PlayerViewModel viewModel;
  private final Supplier<@Nullable Window> owner;
  private final Menu recentMenu = new Menu("Open Recent");
  // Open File…'s chooser (a seam for tests: the native dialog cannot be driven).
  private Function<@Nullable Window, @Nullable File> manifestChooser = OpenMenu::chooseManifest;

  /** The items for {@code viewModel}; dialogs are owned by the window {@code owner} gives. */
  OpenMenu(PlayerViewModel viewModel, Supplier<@Nullable Window> owner) {
    this.viewModel = viewModel;
    this.owner = owner;
    recentMenu.setId("recentMenu");
    viewModel.recentInputs().addListener((ListChangeListener<String>) c -> rebuildRecentMenu());
    rebuildRecentMenu();
  }

  /** Open URL…, Open File… and Open Recent, in that order, with their accelerators. */
  List<MenuItem> items() {
    MenuItem open = new MenuItem("Open URL\u2026");
    open.setId("openUrlItem");
    open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
    open.setOnAction(e -> showOpenDialog());
    MenuItem openFile = new MenuItem("Open File\u2026");
    openFile.setId("openFileItem");
    openFile.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+O"));
    openFile.setOnAction(e -> showOpenFileDialog());
    return List.of(open, openFile, recentMenu);
  }

  /**
   * Asks for a URL or folder and opens it. The field offers the recent inputs and starts with an
   * http(s) URL on the clipboard (one just copied from a browser), else the latest input, selected,
   * so typing replaces it and Enter opens it.
   */
  void showOpenDialog() {
    ComboBox<String> input = new ComboBox<>(viewModel.recentInputs());
    input.setId("openInput");
    input.setEditable(true);
    input.setPrefWidth(OPEN_FIELD_WIDTH);
    input.setVisibleRowCount(RecentInputs.MAX_ENTRIES);
    Optional<String> copied = copiedUrl(Clipboard.getSystemClipboard().getString());
    if (copied.isPresent()) {
      input.getEditor().setText(copied.get());
    } else if (!viewModel.recentInputs().isEmpty()) {
      input.getEditor().setText(viewModel.recentInputs().get(0));
    }
    Dialog<String> dialog = new Dialog<>();
    dialog.setTitle("Open");
    dialog.setHeaderText("Manifest URL (http, https, file), manifest file or presentation folder");
    dialog.getDialogPane().setContent(input);
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    dialog.setResultConverter(
        button -> button == ButtonType.OK ? input.getEditor().getText() : null);
    // After the dialog's own focus handling, which would give the focus to its default button.
    dialog.setOnShown(
        e ->
            Platform.runLater(
                () -> {
                  input.requestFocus();
                  input.getEditor().selectAll();
                }));
    Window window = owner.get();
    if (window != null) {
      dialog.initOwner(window);
    }
    dialog.showAndWait().ifPresent(viewModel::openUrl);
  }

  /** Longest clipboard text taken for a URL. */
  static final int MAX_COPIED_URL_CHARS = 4096;

  /** {@code text} when it is one http or https URL (surrounding white space aside), else empty. */
  static Optional<String> copiedUrl(@Nullable String text) {
    if (text == null || text.length() > MAX_COPIED_URL_CHARS) {
      return Optional.empty();
    }
    String url = text.strip();
    String lower = url.toLowerCase(Locale.ROOT);
    int hostAt =
        lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : Integer.MAX_VALUE;
    return url.length() > hostAt && url.chars().noneMatch(Character::isWhitespace)
        ? Optional.of(url)
        : Optional.empty();
  }

  /**
   * Asks for a manifest file on disk (a file chooser) and opens it by its {@code file:} URL, as a
   * drop of that file does.
   */
  void showOpenFileDialog() {
    File chosen = manifestChooser.apply(owner.get());
    if (chosen != null) {
      viewModel.openUrl(chosen.toPath().toUri().toString());
    }
  }

  /** Replaces the file chooser of Open File… (tests). */
  void setManifestChooser(Function<@Nullable Window, @Nullable File> chooser) {
    manifestChooser = chooser;
  }

  private static @Nullable File chooseManifest(@Nullable Window owner) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Open a manifest");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter(
                "Smooth Streaming manifests", "Manifest", "*.Manifest", "*.ismc", "*.xml"),
            new FileChooser.ExtensionFilter("All files", "*"));
    return chooser.showOpenDialog(owner);
  }

  private void rebuildRecentMenu() {
    recentMenu.getItems().clear();
    List<String> inputs = viewModel.recentInputs();
    for (int i = 0; i < inputs.size(); i++) {
      String input = inputs.get(i);
      MenuItem item = new MenuItem(menuLabel(input));
      item.setId("recent-" + i);
      item.setMnemonicParsing(false);
      item.setOnAction(e -> viewModel.openUrl(input));
      recentMenu.getItems().add(item);
    }
    MenuItem clear = new MenuItem("Clear Recent");
    clear.setId("clearRecentItem");
    clear.setOnAction(e -> viewModel.clearRecentInputs());
    recentMenu.getItems().addAll(new SeparatorMenuItem(), clear);
    recentMenu.setDisable(inputs.isEmpty());
  }

  /**
   * {@code input} as a menu item shows it: whole up to {@value #MENU_LABEL_CHARS} characters, else
   * its start and end around an ellipsis (the host and the file stay readable).
   */
  static String menuLabel(String input) {
    if (input.length() <= MENU_LABEL_CHARS) {
      return input;
    }
    int head = (MENU_LABEL_CHARS - 1) / 2;
    int tail = MENU_LABEL_CHARS - 1 - head;
    return input.substring(0, head) + "\u2026" + input.substring(input.length() - tail);
  }
}
