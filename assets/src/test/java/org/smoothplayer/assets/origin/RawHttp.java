package org.smoothplayer.assets.origin;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A bare HTTP/1.1 client over one socket, so tests see exactly what the origin sends. */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** The status line and headers of a response (header names lower-cased). */
  record Head(int status, Map<String, String> headers) {
    long contentLength() {
      return Long.parseLong(headers.get("content-length"));
    }
  }

  /** A response read to its end (or to where the connection failed). */
  record Response(
      Head head,
      byte[] body,
      long headNanos,
      long firstBodyByteNanos,
      long endNanos,
      @Nullable IOException failure) {
    int status() {
      return head.status();
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The socket's input, positioned after whatever was read so far. */
  InputStream input() {
    return in;
  }

  /** Sends raw request bytes as given. */
  void send(String rawRequest) throws IOException {
    out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Sends {@code GET path} (or another method) with a Host header. */
  void request(String method, String target, String... extraHeaders) throws IOException {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String header : extraHeaders) {
      request.append(header).append("\r\n");
    }
    send(request.append("\r\n").toString());
  }

  /** Reads a status line and headers. */
  Head readHead() throws IOException {
    String statusLine = readLine();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not a status line: " + statusLine);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    return new Head(Integer.parseInt(parts[1]), headers);
  }

  /**
   * Reads a whole response: head, then up to Content-Length body bytes (none for HEAD). A failing
   * read or an early end of stream is recorded, not thrown. Its times count from this call.
   */
  Response readResponse(boolean headRequest) throws IOException {
    return readResponse(headRequest, System.nanoTime());
  }

  /**
   * As {@link #readResponse(boolean)}, with the response's times counted from {@code start} (a
   * {@link System#nanoTime()} reading taken before the request was sent, so a thread descheduled
   * between sending and reading cannot shorten them).
   */
  private Response readResponse(boolean headRequest, long start) throws IOException {
    Head head = readHead();
    long headNanos = System.nanoTime() - start;
    long length = headRequest ? 0 : head.contentLength();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long firstByte = -1;
    @Nullable IOException failure = null;
    try {
      while (body.size() < length) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - body.size()));
        if (n < 0) {
          throw new EOFException("end of stream after " + body.size() + " of " + length);
        }
        if (firstByte < 0) {
          firstByte = System.nanoTime() - start;
        }
        body.write(buffer, 0, n);
      }
    } catch (IOException e) {
      failure = e;
    }
    return new Response(
        head, body.toByteArray(), headNanos, firstByte, System.nanoTime() - start, failure);
  }

  /** GET a path and read the response. */
  Response get(String target, String... extraHeaders) throws IOException {
    long start = System.nanoTime();
    request("GET", target, extraHeaders);
    return readResponse(false, start);
  }

  /** Whether the server has closed the connection (a read sees end of stream or reset). */
  boolean serverClosed() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("end of stream inside a header line");
      }
      if (b == '\n') {
        break;
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
