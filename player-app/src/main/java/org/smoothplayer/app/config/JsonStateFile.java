package org.smoothplayer.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The small JSON objects the window keeps between launches ({@link SoundState}, {@link
 * CaptionChoice}): read and written without ever failing the window.
 */
final class JsonStateFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonStateFile() {}

  /**
   * The JSON object in {@code file}; null without a file, or with one that cannot be read or holds
   * no JSON object (then the reason is logged to {@code log}, followed by {@code instead}: what is
   * used in its place).
   */
  static @Nullable JsonNode readObject(Path file, Logger log, String instead) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return null;
    } catch (JsonProcessingException e) {
      log.warn("{}: not JSON ({}); {}", file, e.getOriginalMessage(), instead);
      return null;
    } catch (IOException e) {
      log.warn("{}: cannot be read ({}); {}", file, e.getMessage(), instead);
      return null;
    }
    if (root == null || !root.isObject()) {
      log.warn("{}: expected a JSON object; {}", file, instead);
      return null;
    }
    return root;
  }

  /** An empty object to fill and {@link #write}. */
  static ObjectNode newObject() {
    return JSON.createObjectNode();
  }

  /** Writes {@code root} to {@code file} in one step; a failure is logged to {@code log}. */
  static void write(Path file, ObjectNode root, Logger log) {
    try {
      SettingsFile.replaceFile(file, JSON.writeValueAsString(root) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + file.getFileName() + " as JSON", e);
    } catch (IOException e) {
      log.warn("{}: cannot be saved ({})", file, e.toString());
    }
  }
}
