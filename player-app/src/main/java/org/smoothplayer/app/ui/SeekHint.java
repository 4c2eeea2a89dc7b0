package org.smoothplayer.app.ui;

import java.util.function.DoubleFunction;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * The time under the mouse on the seek bar: while the mouse moves over it or drags its thumb, a
 * small tip above the bar reads where a click (or the release) would seek to, as the time label
 * would read it there; it hides when the mouse leaves. FX thread only.
 */
final class SeekHint {

  /** How far above the bar's top the tip shows, px. */
  private static final double ABOVE_PX = 30;

  private final Slider bar;
  private final DoubleFunction<String> timeAtFraction;
  private final Tooltip tip = new Tooltip();

  private SeekHint(Slider bar, DoubleFunction<String> timeAtFraction) {
    this.bar = bar;
    this.timeAtFraction = timeAtFraction;
    tip.setId("seekHint");
  }

  /**
   * Shows on {@code bar} (a slider from 0 to 1) the text {@code timeAtFraction} gives for the
   * fraction under the mouse; an empty text shows nothing.
   */
  static SeekHint attach(Slider bar, DoubleFunction<String> timeAtFraction) {
    SeekHint hint = new SeekHint(bar, timeAtFraction);
    EventHandler<MouseEvent> follow = e -> hint.showAt(e.getX());
    bar.addEventHandler(MouseEvent.MOUSE_MOVED, follow);
    bar.addEventHandler(MouseEvent.MOUSE_DRAGGED, follow);
    bar.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hint.hideUnlessDragging());
    bar.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> hint.hideUnlessOver());
    return hint;
  }

  /** The tip (for tests: its text and whether it shows). */
  Tooltip tip() {
    return tip;
  }

  /**
   * The slider's value a click at {@code x} (its own coordinates) gives, as its skin computes it:
   * the distance from the track's left edge over the thumb's travel (the slider's width less its
   * insets and the thumb's width).
   */
  double fractionAt(double x) {
    Node track = bar.lookup(".track");
    Node thumb = bar.lookup(".thumb");
    Insets insets = bar.getInsets();
    double thumbPx = thumb == null ? 0 : thumb.getLayoutBounds().getWidth();
    double travelPx = bar.getWidth() - insets.getLeft() - insets.getRight() - thumbPx;
    if (travelPx <= 0) {
      return 0;
    }
    double trackLeftPx =
        track == null ? insets.getLeft() + thumbPx / 2 : track.getBoundsInParent().getMinX();
    return Math.max(0, Math.min(1, (x - trackLeftPx) / travelPx));
  }

  private void showAt(double x) {
    String text = bar.isDisabled() ? "" : timeAtFraction.apply(fractionAt(x));
    Point2D screen = bar.localToScreen(x, 0);
    if (text.isEmpty() || screen == null) {
      tip.hide();
      return;
    }
    tip.setText(text);
    double halfPx = Double.isFinite(tip.getWidth()) ? tip.getWidth() / 2 : 0;
    tip.show(bar, screen.getX() - halfPx, screen.getY() - ABOVE_PX);
  }

  private void hideUnlessDragging() {
    if (!bar.isValueChanging() && !bar.isPressed()) {
      tip.hide();
    }
  }

  private void hideUnlessOver() {
    if (!bar.isHover()) {
      tip.hide();
    }
  }
}
