package org.smoothplayer.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the player window showed captions when it last closed, and in which language, so the next
 * window starts the same way: {@value #FILE} in the settings folder, {@code {"on": true,
 * "language": "eng"}}.
 *
 * <p>Never fails the window: without a file, or with one that cannot be read, it is {@link #OFF}; a
 * key that is missing or of the wrong type takes its default (the reason is logged); a failed save
 * is logged.
 *
 * @param on whether captions were shown
 * @param language the Language of the track chosen last ("" for a track without one), null before
 *     any was chosen
 */
public record CaptionChoice(boolean on, @Nullable String language) {

  private static final Logger LOG = LoggerFactory.getLogger(CaptionChoice.class);

  /** The file's name in the settings folder. */
  public static final String FILE = "captions.json";

  /** Longest language kept (a language tag is a few characters). */
  static final int MAX_LANGUAGE_CHARS = 64;

  /** A first window's captions: off, no language chosen yet. */
  public static final CaptionChoice OFF = new CaptionChoice(false, null);

  /** The choice kept in {@code store}'s folder. */
  public static CaptionChoice stored(ConfigStore store) {
    return load(store.dir().resolve(FILE));
  }

  /** The choice in {@code file}; {@link #OFF} (or its parts) where the file cannot say. */
  public static CaptionChoice load(Path file) {
    JsonNode root = JsonStateFile.readObject(file, LOG, "captions off");
    if (root == null) {
      return OFF;
    }
    boolean on = OFF.on();
    JsonNode o = root.get("on");
    if (o != null && o.isBoolean()) {
      on = o.asBoolean();
    } else if (o != null) {
      LOG.warn("{}: on: expected true or false but was {}; captions off", file, o);
    }
    String language = null;
    JsonNode l = root.get("language");
    if (l != null && l.isTextual() && l.asText().length() <= MAX_LANGUAGE_CHARS) {
      language = l.asText();
    } else if (l != null && !l.isNull()) {
      LOG.warn(
          "{}: language: expected a string of at most {} characters but was {}; none",
          file,
          MAX_LANGUAGE_CHARS,
          l);
    }
    return new CaptionChoice(on && language != null, language);
  }

  /** Writes this choice to {@code store}'s folder. */
  public void store(ConfigStore store) {
    save(store.dir().resolve(FILE));
  }

  /** Writes this choice to {@code file} in one step; a failure is logged, not thrown. */
  public void save(Path file) {
    ObjectNode root = JsonStateFile.newObject();
    root.put("on", on);
    if (language == null) {
      root.putNull("language");
    } else {
      root.put("language", language);
    }
    JsonStateFile.write(file, root, LOG);
  }
}
