package org.smoothplayer.app.ui.settings;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * The settings panel, generated from the schema: a profile bar (save, load, delete, import,
 * export), the ABR policy, one titled section per category with a text field per setting (label,
 * unit, tooltip with description, range, step and default; the reason under a refused value), and
 * Reset to defaults, Revert and Apply. It only lays out and binds to the {@link SettingsViewModel}.
 *
 * <p>Node ids: {@code #policyChoice}, {@code #setting-<key with dashes>} (e.g. {@code
 * #setting-buffer-startupS}), {@code #error-<key with dashes>}, {@code #profileBox}, {@code
 * #saveProfile}, {@code #loadProfile}, {@code #deleteProfile}, {@code #importSettings}, {@code
 * #exportSettings}, {@code #resetDefaults}, {@code #revertSettings}, {@code #applySettings}, {@code
 * #formError}, {@code #settingsStatus}. Thread ownership: FX application thread only.
 */
public final class SettingsView extends BorderPane {

  /** Size of the settings window, logical pixels. */
  public static final double WIDTH = 760;

  public static final double HEIGHT = 680;

  private static final String ERROR_STYLE = "-fx-text-fill: #b00020;";
  private static final String FIELD_ERROR_STYLE = "-fx-border-color: #b00020;";

  private final SettingsViewModel viewModel;
  private final ComboBox<String> profileBox = new ComboBox<>();

  /** A panel on {@code viewModel}. */
  public SettingsView(SettingsViewModel viewModel) {
    this.viewModel = viewModel;
    setId("settingsView");
    setTop(profileBar());
    setCenter(form());
    setBottom(actions());
  }

  /** The view model this view shows. */
  public SettingsViewModel viewModel() {
    return viewModel;
  }

  /** The id of the text field of {@code key}. */
  public static String fieldId(String key) {
    return "setting-" + key.replace('.', '-');
  }

  /** The id of the error label of {@code key}. */
  public static String errorId(String key) {
    return "error-" + key.replace('.', '-');
  }

  /** A scene holding this view at the window's size. */
  public Scene scene() {
    return new Scene(this, WIDTH, HEIGHT);
  }

  private HBox profileBar() {
    profileBox.setId("profileBox");
    profileBox.setEditable(true);
    profileBox.setPromptText("profile name");
    profileBox.setItems(viewModel.profiles());
    profileBox.setPrefWidth(200);
    Button save = button("saveProfile", "Save", () -> viewModel.saveProfile(profileName()));
    Button load = button("loadProfile", "Load", () -> viewModel.loadProfile(profileName()));
    Button delete = button("deleteProfile", "Delete", () -> viewModel.deleteProfile(profileName()));
    for (Button b : new Button[] {save, load, delete}) {
      b.setDisable(!viewModel.profilesAvailable());
    }
    save.setTooltip(new Tooltip("Save the form as this profile (replaces one of the same name)"));
    load.setTooltip(new Tooltip("Show this profile in the form; Apply to use it"));
    Button importButton = button("importSettings", "Import\u2026", this::importFile);
    Button exportButton = button("exportSettings", "Export\u2026", this::exportFile);
    exportButton.disableProperty().bind(viewModel.validProperty().not());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar =
        new HBox(
            8,
            new Label("Profile:"),
            profileBox,
            save,
            load,
            delete,
            spacer,
            importButton,
            exportButton);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(8, 10, 8, 10));
    return bar;
  }

  private ScrollPane form() {
    ChoiceBox<String> policy = new ChoiceBox<>();
    policy.setId("policyChoice");
    policy.getItems().setAll(viewModel.policies());
    policy.valueProperty().bindBidirectional(viewModel.policyProperty());
    Label policyLabel = new Label("ABR policy");
    Tooltip policyTip =
        new Tooltip(
            "heuristics.policy \u2014 the bitrate heuristics that choose each video fragment's"
                + " level; the caps apply to every policy. Default: default");
    policyLabel.setTooltip(policyTip);
    policy.setTooltip(policyTip);
    HBox policyRow = new HBox(10, policyLabel, policy);
    policyRow.setAlignment(Pos.CENTER_LEFT);
    policyRow.setPadding(new Insets(4, 4, 8, 4));

    VBox sections = new VBox(6, policyRow);
    for (SettingsViewModel.Group group : viewModel.groups()) {
      TitledPane pane = new TitledPane(group.title(), grid(group));
      pane.setId("group-" + group.key().replace('.', '-'));
      sections.getChildren().add(pane);
    }
    sections.setPadding(new Insets(8));
    ScrollPane scroll = new ScrollPane(sections);
    scroll.setFitToWidth(true);
    return scroll;
  }

  private GridPane grid(SettingsViewModel.Group group) {
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(4);
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(200);
    ColumnConstraints fields = new ColumnConstraints();
    fields.setPrefWidth(140);
    ColumnConstraints units = new ColumnConstraints();
    units.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().setAll(labels, fields, units);
    int row = 0;
    for (SettingField field : group.fields()) {
      Tooltip tip = new Tooltip(field.tooltip());
      tip.setWrapText(true);
      tip.setMaxWidth(480);
      Label label = new Label(field.descriptor().label());
      label.setTooltip(tip);
      label
          .styleProperty()
          .bind(
              Bindings.when(field.nonDefaultProperty())
                  .then("-fx-font-weight: bold;")
                  .otherwise(""));
      TextField text = new TextField();
      text.setId(fieldId(field.key()));
      text.setTooltip(tip);
      text.textProperty().bindBidirectional(field.textProperty());
      text.styleProperty()
          .bind(
              Bindings.when(field.errorProperty().isEmpty()).then("").otherwise(FIELD_ERROR_STYLE));
      Label unit = new Label(field.descriptor().unit());
      Label error = new Label();
      error.setId(errorId(field.key()));
      error.setStyle(ERROR_STYLE);
      error.setWrapText(true);
      error.textProperty().bind(field.errorProperty());
      error.visibleProperty().bind(field.errorProperty().isNotEmpty());
      error.managedProperty().bind(error.visibleProperty());
      grid.addRow(row++, label, text, unit);
      grid.add(error, 0, row++, 3, 1);
    }
    return grid;
  }

  private VBox actions() {
    Label formError = new Label();
    formError.setId("formError");
    formError.setStyle(ERROR_STYLE);
    formError.setWrapText(true);
    formError.textProperty().bind(viewModel.formErrorProperty());
    formError.visibleProperty().bind(viewModel.formErrorProperty().isNotEmpty());
    formError.managedProperty().bind(formError.visibleProperty());
    Label status = new Label();
    status.setId("settingsStatus");
    status.setWrapText(true);
    status.textProperty().bind(viewModel.statusProperty());

    Button reset = button("resetDefaults", "Reset to defaults", viewModel::resetToDefaults);
    Button revert = button("revertSettings", "Revert", viewModel::revert);
    revert.disableProperty().bind(viewModel.dirtyProperty().not());
    Button apply = button("applySettings", "Apply", viewModel::apply);
    apply.setDefaultButton(true);
    apply.disableProperty().bind(viewModel.validProperty().not());
    apply.setTooltip(
        new Tooltip(
            "Use the form from the running session's next decision on, and keep it for later"
                + " sessions"));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox buttons = new HBox(8, reset, revert, spacer, apply);
    buttons.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(6, formError, status, buttons);
    box.setPadding(new Insets(8, 10, 10, 10));
    return box;
  }

  private String profileName() {
    String typed = profileBox.getEditor().getText();
    if (typed != null && !typed.isBlank()) {
      return typed;
    }
    String chosen = profileBox.getValue();
    return chosen == null ? "" : chosen;
  }

  private void importFile() {
    File file = chooser("Import settings").showOpenDialog(window());
    if (file != null) {
      viewModel.importFrom(file.toPath());
    }
  }

  private void exportFile() {
    FileChooser chooser = chooser("Export settings");
    chooser.setInitialFileName("settings.json");
    File file = chooser.showSaveDialog(window());
    if (file != null) {
      viewModel.exportTo(file.toPath());
    }
  }

  private static FileChooser chooser(String title) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON settings", "*.json"));
    return chooser;
  }

  private static Button button(String id, String text, Runnable action) {
    Button button = new Button(text);
    button.setId(id);
    button.setOnAction(e -> action.run());
    return button;
  }

  private @Nullable Window window() {
    Scene scene = getScene();
    return scene != null ? scene.getWindow() : null;
  }
}
