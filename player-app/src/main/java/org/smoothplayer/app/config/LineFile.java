package org.smoothplayer.app.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small state file of the settings folder kept as UTF-8 lines ({@code recent.txt}, {@code
 * positions.txt}), read and written so that it never fails the window: what cannot be read is
 * logged and read as no lines, what cannot be saved is logged and kept in memory by the caller.
 * Stateless.
 */
final class LineFile {
  private static final Logger LOG = LoggerFactory.getLogger(LineFile.class);

  private LineFile() {}

  /**
   * The lines of {@code file}; none when it does not exist, and none (logged as "{@code
   * whenUnreadable}") when it cannot be read or is not UTF-8.
   */
  static List<String> read(Path file, String whenUnreadable) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (CharacterCodingException e) {
      LOG.warn("{}: not UTF-8 text; {}", file, whenUnreadable);
    } catch (IOException e) {
      LOG.warn("{}: cannot be read ({}); {}", file, e.toString(), whenUnreadable);
    }
    return List.of();
  }

  /**
   * Replaces {@code file} with {@code lines} in one step; a failure is logged with "{@code
   * whenUnsaved}".
   */
  static void write(Path file, List<String> lines, String whenUnsaved) {
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l).append('\n'));
    try {
      SettingsFile.replaceFile(file, text.toString());
    } catch (IOException e) {
      LOG.warn("{}: cannot be saved ({}); {}", file, e.toString(), whenUnsaved);
    }
  }
}
