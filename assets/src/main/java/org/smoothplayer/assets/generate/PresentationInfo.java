package org.smoothplayer.assets.generate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What was encoded, written as {@value #FILE_NAME} next to the Manifest: a test oracle.
 *
 * @param spec the spec it was generated from
 * @param timescale ticks per second of every time ({@link PresentationSpec#TIMESCALE})
 * @param streams video first, then audio and the caption (text) stream when present
 */
public record PresentationInfo(PresentationSpec spec, long timescale, List<StreamInfo> streams) {
  /** Name of the file inside a presentation folder. */
  public static final String FILE_NAME = "presentation.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Copies the list. */
  public PresentationInfo {
    streams = List.copyOf(streams);
  }

  /** The stream of this type ({@code video}, {@code audio} or {@code text}), if present. */
  public Optional<StreamInfo> stream(String type) {
    return streams.stream().filter(s -> s.type().equals(type)).findFirst();
  }

  /**
   * Reads {@value #FILE_NAME} from a presentation folder.
   *
   * @throws UncheckedIOException when the file is missing, unreadable or malformed
   */
  public static PresentationInfo read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    try {
      return MAPPER.readValue(Files.readAllBytes(file), PresentationInfo.class);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("no " + FILE_NAME + " in " + dir, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes this as {@value #FILE_NAME} into {@code dir}. */
  public void write(Path dir) throws IOException {
    MAPPER.writeValue(dir.resolve(FILE_NAME).toFile(), this);
  }
}
