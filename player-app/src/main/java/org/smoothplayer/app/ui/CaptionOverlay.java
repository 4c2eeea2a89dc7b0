package org.smoothplayer.app.ui;

import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.TextAlignment;

/**
 * The caption lines over the bottom of the picture: white on a dark box, centred, their size a
 * fixed share of the video area's height (as television captions are), lifted above the controls
 * when those lie over the picture in full screen.
 */
final class CaptionOverlay {

  /** Font size as a share of the video area's height. */
  static final double FONT_SHARE_OF_HEIGHT = 0.045;

  /** Smallest font size, px. */
  static final double MIN_FONT_PX = 13;

  /** Gap under the lines as a share of the video area's height. */
  static final double BOTTOM_GAP_SHARE = 0.06;

  /** Widest the lines may be, as a share of the video area's width (they wrap beyond). */
  static final double MAX_WIDTH_SHARE = 0.9;

  private CaptionOverlay() {}

  /**
   * The overlay for {@code area} (it must be the StackPane the label is added to), showing {@code
   * viewModel}'s caption text; {@code controls} are the bar that lies over the picture's bottom in
   * full screen.
   */
  static Label create(PlayerViewModel viewModel, StackPane area, Region controls) {
    Label label = new Label();
    label.setId("captions");
    label.textProperty().bind(viewModel.captionTextProperty());
    label.visibleProperty().bind(viewModel.captionTextProperty().isNotEmpty());
    label.setWrapText(true);
    label.setTextAlignment(TextAlignment.CENTER);
    label.setAlignment(Pos.CENTER);
    label.setMouseTransparent(true);
    label.setMaxHeight(Region.USE_PREF_SIZE);
    StackPane.setAlignment(label, Pos.BOTTOM_CENTER);
    InvalidationListener layout =
        o -> {
          double h = area.getHeight();
          double fontPx = Math.max(MIN_FONT_PX, h * FONT_SHARE_OF_HEIGHT);
          label.setStyle(
              String.format(
                  Locale.ROOT,
                  "-fx-font-size: %.1fpx; -fx-text-fill: white;"
                      + " -fx-background-color: rgba(0,0,0,0.75);"
                      + " -fx-padding: %.1f %.1f %.1f %.1f;",
                  fontPx,
                  fontPx * 0.15,
                  fontPx * 0.5,
                  fontPx * 0.15,
                  fontPx * 0.5));
          // As wide as the lines need (the stack pane would stretch it to its maximum), wrapped
          // beyond the share of the area's width.
          label.applyCss();
          label.setMaxWidth(
              Math.min(label.prefWidth(-1), Math.max(0, area.getWidth() * MAX_WIDTH_SHARE)));
          boolean overControls =
              area.getChildren().contains(controls) && viewModel.controlsShownProperty().get();
          double bottom = h * BOTTOM_GAP_SHARE + (overControls ? controls.getHeight() : 0);
          StackPane.setMargin(label, new Insets(0, 0, bottom, 0));
        };
    label.textProperty().addListener(layout);
    area.heightProperty().addListener(layout);
    area.widthProperty().addListener(layout);
    area.getChildren().addListener(layout);
    controls.heightProperty().addListener(layout);
    viewModel.controlsShownProperty().addListener(layout);
    layout.invalidated(null);
    return label;
  }
}
