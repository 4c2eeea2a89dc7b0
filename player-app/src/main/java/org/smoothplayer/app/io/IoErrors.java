package org.smoothplayer.app.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One readable line for a file or socket error, on the command line and in the window. The JDK's
 * file exceptions carry only the path as their message ({@code NoSuchFileException: /a/b}), which
 * says neither what went wrong nor with which file: a user saw {@code smooth-player: /proc/x} and
 * nothing else.
 */
public final class IoErrors {

  private IoErrors() {}

  /** What went wrong, naming the file: {@code no such file or folder: /a/b}. */
  public static String describe(IOException e) {
    if (e instanceof NoSuchFileException f) {
      return "no such file or folder: " + f.getFile();
    }
    if (e instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    }
    if (e instanceof NotDirectoryException f) {
      return "not a folder: " + f.getFile();
    }
    if (e instanceof FileAlreadyExistsException f) {
      return "a file is in the way: " + f.getFile();
    }
    if (e instanceof FileSystemException f && f.getFile() != null) {
      Path file = fileInTheWay(Path.of(f.getFile()));
      if (file != null) {
        return "a file is in the way: " + file;
      }
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    if (e instanceof BindException) {
      return "the port is in use or not allowed (" + e.getMessage() + ")";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /**
   * The regular file among the folders above {@code path} (what makes "Not a directory" of {@code
   * /notes.txt/out/x}), or null when there is none.
   */
  private static @Nullable Path fileInTheWay(Path path) {
    for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return Files.isRegularFile(p) ? p : null;
      }
    }
    return null;
  }

  /** {@link #describe(IOException)} of the cause, after the wrapper's own message if it has one. */
  public static String describe(UncheckedIOException e) {
    String cause = describe(e.getCause());
    String message = e.getMessage();
    if (message == null || message.isBlank() || message.equals(e.getCause().toString())) {
      return cause;
    }
    return message + ": " + cause;
  }

  /**
   * Creates the folder {@code file} is to be written in, so that a bad output path fails before the
   * work that produces the file, not after it.
   */
  public static void createParentFolder(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
