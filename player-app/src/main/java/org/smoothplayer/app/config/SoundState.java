package org.smoothplayer.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volume and mute the player window had when it last closed, so the next window starts with
 * them: {@value #FILE} in the settings folder, {@code {"volume": 0.6, "muted": false}}.
 *
 * <p>Never fails the window: without a file, or with one that cannot be read, it is {@link
 * #DEFAULT}; a key that is missing or out of range takes its default (the reason is logged); a
 * failed save is logged.
 *
 * @param volume output gain, 0 to 1
 * @param muted whether the sound was muted
 */
public record SoundState(double volume, boolean muted) {

  private static final Logger LOG = LoggerFactory.getLogger(SoundState.class);

  /** The file's name in the settings folder. */
  public static final String FILE = "sound.json";

  /** A first window's sound: full volume, not muted. */
  public static final SoundState DEFAULT = new SoundState(1.0, false);

  /**
   * A state.
   *
   * @throws IllegalArgumentException when the volume is not within 0 to 1
   */
  public SoundState {
    if (!(volume >= 0 && volume <= 1)) {
      throw new IllegalArgumentException("volume: expected 0 to 1 but was " + volume);
    }
  }

  /** The state kept in {@code store}'s folder. */
  public static SoundState stored(ConfigStore store) {
    return load(store.dir().resolve(FILE));
  }

  /** The state in {@code file}; {@link #DEFAULT} (or its parts) where the file cannot say. */
  public static SoundState load(Path file) {
    JsonNode root = JsonStateFile.readObject(file, LOG, "full volume, not muted");
    if (root == null) {
      return DEFAULT;
    }
    double volume = DEFAULT.volume();
    JsonNode v = root.get("volume");
    if (v != null && v.isNumber() && v.asDouble() >= 0 && v.asDouble() <= 1) {
      volume = v.asDouble();
    } else if (v != null) {
      LOG.warn("{}: volume: expected a number from 0 to 1 but was {}; full volume", file, v);
    }
    boolean muted = DEFAULT.muted();
    JsonNode m = root.get("muted");
    if (m != null && m.isBoolean()) {
      muted = m.asBoolean();
    } else if (m != null) {
      LOG.warn("{}: muted: expected true or false but was {}; not muted", file, m);
    }
    return new SoundState(volume, muted);
  }

  /** Writes this state to {@code store}'s folder. */
  public void store(ConfigStore store) {
    save(store.dir().resolve(FILE));
  }

  /** Writes this state to {@code file} in one step; a failure is logged, not thrown. */
  public void save(Path file) {
    ObjectNode root = JsonStateFile.newObject();
    root.put("volume", volume);
    root.put("muted", muted);
    JsonStateFile.write(file, root, LOG);
  }
}
