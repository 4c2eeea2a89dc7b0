package org.smoothplayer.assets.origin;

import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes one connection's response bytes to its socket, through the shared link when shaping is on,
 * and counts the body bytes actually written. Confined to its connection thread.
 */
final class ResponseSink {
  private final OutputStream out;
  private final @Nullable SharedLink link;
  private long bodyBytes;
  private boolean continuing;

  ResponseSink(OutputStream out, @Nullable SharedLink link) {
    this.out = out;
    this.link = link;
  }

  /** Starts a new response: counts body bytes from 0, and its first quantum starts fresh. */
  void reset() {
    bodyBytes = 0;
    continuing = false;
  }

  /** After a deliberate pause (a stall) the next quantum starts fresh, without catching up. */
  void paused() {
    continuing = false;
  }

  /** Body bytes written since {@link #reset()}. */
  long bodyBytes() {
    return bodyBytes;
  }

  void writeHead(byte[] head) throws IOException, InterruptedException {
    send(head, 0, head.length, false);
  }

  void writeBody(byte[] bytes, int offset, int length) throws IOException, InterruptedException {
    send(bytes, offset, length, true);
  }

  void flush() throws IOException {
    out.flush();
  }

  private void send(byte[] bytes, int offset, int length, boolean body)
      throws IOException, InterruptedException {
    if (link == null) {
      out.write(bytes, offset, length);
      if (body) {
        bodyBytes += length;
      }
      return;
    }
    int position = offset;
    int end = offset + length;
    while (position < end) {
      int quantum = link.quantumBytes(end - position);
      link.awaitSeconds(link.reserve(quantum, continuing));
      continuing = true;
      out.write(bytes, position, quantum);
      position += quantum;
      if (body) {
        bodyBytes += quantum;
      }
    }
  }
}
