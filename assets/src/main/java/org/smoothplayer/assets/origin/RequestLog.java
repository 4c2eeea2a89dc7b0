package org.smoothplayer.assets.origin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log: one JSON object per line and request, flushed per line. Keys: {@code path},
 * {@code method}, {@code status}, {@code bytes} (body bytes written), {@code request_time}, {@code
 * end_time} (ISO-8601 UTC instants with milliseconds), and {@code fault} / {@code fault_rule} when
 * a fault rule applied. Thread-safe: connection threads append under this object's monitor.
 */
final class RequestLog implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);

  /** ISO-8601 instant, always with milliseconds, e.g. {@code 2025-01-31T12:00:00.000Z}. */
  static final DateTimeFormatter INSTANT_MS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  // Guarded by this; written by every connection thread, closed by the closing thread.
  private final Writer writer;
  private boolean failed;

  RequestLog(Path file) throws IOException {
    this.file = file;
    this.writer =
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
  }

  Path file() {
    return file;
  }

  /** Appends one request; a write failure is reported once and does not disturb serving. */
  void append(
      String path,
      String method,
      int status,
      long bodyBytes,
      Instant requestTime,
      Instant endTime,
      @Nullable FaultRule fault) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("path", path);
    entry.put("method", method);
    entry.put("status", status);
    entry.put("bytes", bodyBytes);
    entry.put("request_time", INSTANT_MS.format(requestTime));
    entry.put("end_time", INSTANT_MS.format(endTime));
    if (fault != null) {
      entry.put("fault", fault.kind().text());
      entry.put("fault_rule", fault.text());
    }
    String line;
    try {
      line = JSON.writeValueAsString(entry);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a request log entry", e);
    }
    synchronized (this) {
      if (failed) {
        return;
      }
      try {
        writer.write(line);
        writer.write('\n');
        writer.flush();
      } catch (IOException e) {
        failed = true;
        LOG.warn("request log {} stopped: {}", file, e.toString());
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    writer.close();
  }
}
