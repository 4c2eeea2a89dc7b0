package org.smoothplayer.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the player window was and how large when it last closed, so the next one opens the same:
 * {@value #FILE} in the settings folder, {@code {"x": 100, "y": 80, "width": 1280, "height": 720,
 * "maximized": false}}, in the screen's logical pixels. Full screen is not kept (a window reopens
 * windowed).
 *
 * <p>Never fails the window: without a file, or with one that cannot be read or holds a value that
 * is not a finite number (or a size that is not positive), there is no stored state and the window
 * opens at its default size, centred (the reason is logged); a failed save is logged.
 *
 * @param x the window's left edge
 * @param y the window's top edge
 * @param width the window's width, positive
 * @param height the window's height, positive
 * @param maximized whether it was maximized
 */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {

  private static final Logger LOG = LoggerFactory.getLogger(WindowBounds.class);

  /** The file's name in the settings folder. */
  public static final String FILE = "window.json";

  /**
   * Bounds.
   *
   * @throws IllegalArgumentException when a value is not finite or a size is not positive
   */
  public WindowBounds {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("x, y: expected finite numbers but were " + x + ", " + y);
    }
    if (!(width > 0 && height > 0 && Double.isFinite(width) && Double.isFinite(height))) {
      throw new IllegalArgumentException(
          "width, height: expected positive numbers but were " + width + ", " + height);
    }
  }

  /** The bounds kept in {@code store}'s folder, if any. */
  public static Optional<WindowBounds> stored(ConfigStore store) {
    return load(store.dir().resolve(FILE));
  }

  /** The bounds in {@code file}; empty without a file or when it cannot say (logged). */
  public static Optional<WindowBounds> load(Path file) {
    String instead = "the window opens at its default size";
    JsonNode root = JsonStateFile.readObject(file, LOG, instead);
    if (root == null) {
      return Optional.empty();
    }
    double[] values = new double[4];
    String[] keys = {"x", "y", "width", "height"};
    for (int i = 0; i < keys.length; i++) {
      JsonNode v = root.get(keys[i]);
      if (v == null || !v.isNumber()) {
        LOG.warn(
            "{}: {}: expected a number but was {}; {}",
            file,
            keys[i],
            v == null ? "missing" : v,
            instead);
        return Optional.empty();
      }
      values[i] = v.asDouble();
    }
    JsonNode m = root.get("maximized");
    boolean maximized = m != null && m.isBoolean() && m.asBoolean();
    try {
      return Optional.of(new WindowBounds(values[0], values[1], values[2], values[3], maximized));
    } catch (IllegalArgumentException e) {
      LOG.warn("{}: {}; {}", file, e.getMessage(), instead);
      return Optional.empty();
    }
  }

  /** Writes these bounds to {@code store}'s folder. */
  public void store(ConfigStore store) {
    save(store.dir().resolve(FILE));
  }

  /** Writes these bounds to {@code file} in one step; a failure is logged, not thrown. */
  public void save(Path file) {
    ObjectNode root = JsonStateFile.newObject();
    root.put("x", x);
    root.put("y", y);
    root.put("width", width);
    root.put("height", height);
    root.put("maximized", maximized);
    JsonStateFile.write(file, root, LOG);
  }
}
