package org.smoothplayer.app.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The red banner at the top of the picture while there is an error ({@link
 * PlayerViewModel#errorTextProperty()}): its one readable line, Copy (the words cannot be selected;
 * a report wants them) and Dismiss.
 */
final class ErrorBanner {
  private ErrorBanner() {}

  /** The banner ({@code #errorBanner}) of {@code viewModel}, placed at the top of a StackPane. */
  static HBox create(PlayerViewModel viewModel) {
    Label errorText = new Label();
    errorText.setId("errorText");
    errorText.textProperty().bind(viewModel.errorTextProperty());
    errorText.setWrapText(true);
    errorText.setStyle("-fx-text-fill: white;");
    errorText.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(errorText, Priority.ALWAYS);
    // The message as text, for a report: the banner's words cannot be selected.
    Button copy = new Button("Copy");
    copy.setId("errorCopy");
    copy.setMinWidth(Region.USE_PREF_SIZE);
    copy.setFocusTraversable(false);
    copy.setOnAction(
        e -> {
          ClipboardContent text = new ClipboardContent();
          text.putString(viewModel.errorTextProperty().get());
          Clipboard.getSystemClipboard().setContent(text);
          viewModel.showMessage("Error message copied");
        });
    Button dismiss = new Button("Dismiss");
    dismiss.setId("errorDismiss");
    dismiss.setMinWidth(Region.USE_PREF_SIZE);
    dismiss.setFocusTraversable(false);
    dismiss.setOnAction(e -> viewModel.dismissError());
    HBox errorBanner = new HBox(10, errorText, copy, dismiss);
    errorBanner.setId("errorBanner");
    errorBanner.setAlignment(Pos.CENTER_LEFT);
    errorBanner.setStyle("-fx-background-color: rgba(176,0,32,0.9); -fx-padding: 8 12 8 12;");
    errorBanner.visibleProperty().bind(viewModel.errorTextProperty().isNotEmpty());
    errorBanner.setMaxHeight(Region.USE_PREF_SIZE);
    StackPane.setAlignment(errorBanner, Pos.TOP_CENTER);
    return errorBanner;
  }
}
