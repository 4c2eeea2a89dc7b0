package org.smoothplayer.app.ui;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.smoothplayer.app.config.WindowBounds;

/**
 * Where a reopened window goes: its stored bounds, made to fit the screens there are now (a monitor
 * may have been unplugged, or the resolution lowered since).
 */
final class WindowPlacement {

  /** How much of the window's top edge must lie on a screen to keep its place, logical pixels. */
  static final double MIN_VISIBLE_PX = 64;

  private WindowPlacement() {}

  /**
   * {@code saved}, with its size kept within {@code min} and the screen it is on (the first screen
   * when it is on none), and its position kept when at least {@value #MIN_VISIBLE_PX} px of its top
   * edge, where the title bar is, lies on a screen; empty position (centre it) otherwise.
   *
   * @param screens the screens' visual bounds (without task bars), the primary first
   * @return the size to give the window, and its place when it keeps one
   */
  static Placed fit(
      WindowBounds saved, List<Rectangle2D> screens, double minWidth, double minHeight) {
    Optional<Rectangle2D> home = screens.stream().filter(s -> topEdgeShown(saved, s)).findFirst();
    Rectangle2D screen = home.orElse(screens.isEmpty() ? null : screens.get(0));
    double width = Math.max(minWidth, saved.width());
    double height = Math.max(minHeight, saved.height());
    if (screen != null) {
      width = Math.max(minWidth, Math.min(width, screen.getWidth()));
      height = Math.max(minHeight, Math.min(height, screen.getHeight()));
    }
    if (home.isEmpty()) {
      return new Placed(width, height, Optional.empty(), saved.maximized());
    }
    // Keep it on its screen: as far left and up as needed for its size to fit.
    double x = Math.max(screen.getMinX(), Math.min(saved.x(), screen.getMaxX() - width));
    double y = Math.max(screen.getMinY(), Math.min(saved.y(), screen.getMaxY() - height));
    return new Placed(width, height, Optional.of(new Point2D(x, y)), saved.maximized());
  }

  private static boolean topEdgeShown(WindowBounds w, Rectangle2D screen) {
    double left = Math.max(w.x(), screen.getMinX());
    double right = Math.min(w.x() + w.width(), screen.getMaxX());
    boolean topInside = w.y() >= screen.getMinY() && w.y() < screen.getMaxY() - MIN_VISIBLE_PX / 2;
    return topInside && right - left >= MIN_VISIBLE_PX;
  }

  /**
   * A window's size and, when it keeps one, its place ({@code x}, {@code y}).
   *
   * @param width the width to give it
   * @param height the height to give it
   * @param position its left and top edge, or empty to centre it
   * @param maximized whether to maximize it
   */
  record Placed(double width, double height, Optional<Point2D> position, boolean maximized) {}
}
