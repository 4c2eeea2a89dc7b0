package org.smoothplayer.assets.origin;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smoothplayer.assets.origin.live.LiveBroadcast;
import org.smoothplayer.assets.origin.live.LiveContentException;

/**
 * Serves the requests of one accepted connection, one after the other, until the client closes,
 * asks to close, stays idle past the timeout, breaks the protocol, or a fault ends it. Runs on one
 * pool thread; everything here is confined to that thread except the socket, which {@link
 * LocalOrigin#close()} may close from another thread to stop it.
 */
final class OriginConnection implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(OriginConnection.class);

  /** Read buffer for requests and copy buffer for bodies, in bytes. */
  private static final int BUFFER_BYTES = 64 * 1024;

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final LocalOrigin origin;
  private final Socket socket;
  private final byte[] copyBuffer = new byte[BUFFER_BYTES];

  OriginConnection(LocalOrigin origin, Socket socket) {
    this.origin = origin;
    this.socket = socket;
  }

  @Override
  public void run() {
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(origin.idleTimeoutMs());
      InputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES);
      ResponseSink sink = new ResponseSink(socket.getOutputStream(), origin.link());
      boolean open = true;
      while (open && !origin.isClosed()) {
        open = serveOne(in, sink);
      }
    } catch (SocketTimeoutException e) {
      LOG.debug("closing idle connection {}", socket.getRemoteSocketAddress());
    } catch (EOFException e) {
      LOG.debug("client closed mid-request: {}", e.getMessage());
    } catch (IOException e) {
      LOG.debug("connection ended: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the origin is closing
    } catch (RuntimeException e) {
      LOG.warn("connection {} failed", socket.getRemoteSocketAddress(), e);
    } finally {
      origin.release(socket);
    }
  }

  /** Serves one request; returns whether the connection stays open for another. */
  private boolean serveOne(InputStream in, ResponseSink sink)
      throws IOException, InterruptedException {
    RequestHead head;
    try {
      head = RequestReader.read(in);
    } catch (HttpStatusException e) {
      Instant requestTime = Instant.now();
      origin.countRequest();
      sink.reset();
      byte[] body =
          (e.status() + " " + reason(e.status()) + ": " + e.getMessage() + "\n")
              .getBytes(StandardCharsets.UTF_8);
      try {
        writeHead(sink, e.status(), "text/plain; charset=utf-8", body.length, false, List.of());
        sink.writeBody(body, 0, body.length);
        sink.flush();
      } finally {
        origin.log("", "", e.status(), sink.bodyBytes(), requestTime, null);
      }
      return false;
    }
    if (head == null) {
      return false;
    }
    Instant requestTime = Instant.now();
    origin.countRequest();
    sink.reset();
    String logPath = head.rawPath();
    int status = 0;
    FaultRule fault = null;
    try {
      boolean keepAlive = head.keepAlive();
      boolean headOnly = head.method().equals("HEAD");
      if (!headOnly && !head.method().equals("GET")) {
        status = 405;
        sendText(sink, status, false, false, List.of("Allow: GET, HEAD"));
        return false;
      }
      List<String> segments;
      try {
        segments = OriginRoot.decodeSegments(head.rawPath());
      } catch (HttpStatusException e) {
        status = e.status();
        sendText(sink, status, headOnly, false, List.of());
        return false;
      }
      String path = OriginRoot.decodedPath(segments);
      logPath = path;
      fault = origin.faults().take(path);
      long delayMs = origin.latencyMs();
      if (fault != null && fault.kind() instanceof FaultKind.Slow slow) {
        delayMs += slow.delayMs();
      }
      sleepMs(delayMs);

      FaultKind kind = fault == null ? null : fault.kind();
      if (kind instanceof FaultKind.Status faultStatus) {
        status = faultStatus.code();
        List<String> extra = status == 503 || status == 429 ? List.of("Retry-After: 1") : List.of();
        sendText(sink, status, headOnly, keepAlive, extra);
        return keepAlive;
      }
      LiveBroadcast live = origin.liveBroadcast();
      if (live != null && LiveBroadcast.isLivePath(path)) {
        LiveBroadcast.Answer answer;
        try {
          answer = live.answer(path).orElseThrow();
        } catch (LiveContentException e) {
          LOG.warn("live {}: {}", path, e.getMessage());
          status = 500;
          return sendBody(
              sink,
              status,
              "text/plain; charset=utf-8",
              textBody(status),
              headOnly,
              keepAlive,
              kind);
        }
        if (answer instanceof LiveBroadcast.Answer.Found found) {
          status = 200;
          return sendBody(
              sink, status, found.contentType(), found.body(), headOnly, keepAlive, kind);
        }
        status = 404;
        byte[] body =
            ("404 Not Found: " + ((LiveBroadcast.Answer.NotFound) answer).reason() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        return sendBody(sink, status, "text/plain; charset=utf-8", body, headOnly, keepAlive, kind);
      }
      Optional<Path> file = origin.originRoot().resolve(segments);
      if (file.isEmpty()) {
        status = 404;
        return sendBody(
            sink, status, "text/plain; charset=utf-8", textBody(status), headOnly, keepAlive, kind);
      }
      status = 200;
      return sendFile(sink, file.get(), OriginRoot.contentType(path), headOnly, keepAlive, kind);
    } finally {
      origin.log(logPath, head.method(), status, sink.bodyBytes(), requestTime, fault);
    }
  }

  private void sendText(
      ResponseSink sink, int status, boolean headOnly, boolean keepAlive, List<String> extra)
      throws IOException, InterruptedException {
    byte[] body = textBody(status);
    writeHead(sink, status, "text/plain; charset=utf-8", body.length, keepAlive, extra);
    if (!headOnly) {
      sink.writeBody(body, 0, body.length);
    }
    sink.flush();
  }

  private static byte[] textBody(int status) {
    return (status + " " + reason(status) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private boolean sendBody(
      ResponseSink sink,
      int status,
      String contentType,
      byte[] body,
      boolean headOnly,
      boolean keepAlive,
      @Nullable FaultKind fault)
      throws IOException, InterruptedException {
    writeHead(sink, status, contentType, body.length, keepAlive, List.of());
    long length = headOnly ? 0 : body.length;
    long cut = cutPoint(length, fault);
    sink.writeBody(body, 0, (int) cut);
    if (!afterCut(sink, fault)) {
      return false;
    }
    sink.writeBody(body, (int) cut, (int) (length - cut));
    sink.flush();
    return keepAlive;
  }

  private boolean sendFile(
      ResponseSink sink,
      Path file,
      String contentType,
      boolean headOnly,
      boolean keepAlive,
      @Nullable FaultKind fault)
      throws IOException, InterruptedException {
    try (InputStream body = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      long size = Files.size(file);
      writeHead(sink, 200, contentType, size, keepAlive, List.of());
      long length = headOnly ? 0 : size;
      long cut = cutPoint(length, fault);
      copy(body, sink, cut);
      if (!afterCut(sink, fault)) {
        return false;
      }
      copy(body, sink, length - cut);
      sink.flush();
      return keepAlive;
    }
  }

  /** Where a body fault acts: about half-way through the body, or the end when none applies. */
  private static long cutPoint(long length, @Nullable FaultKind fault) {
    boolean cuts =
        fault instanceof FaultKind.Reset
            || fault instanceof FaultKind.Truncate
            || fault instanceof FaultKind.Stall;
    return cuts ? length / 2 : length;
  }

  /** Applies a body fault at its cut point; returns false when the connection is over. */
  private boolean afterCut(ResponseSink sink, @Nullable FaultKind fault)
      throws IOException, InterruptedException {
    if (fault instanceof FaultKind.Reset) {
      sink.flush();
      socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
      socket.close();
      return false;
    }
    if (fault instanceof FaultKind.Truncate) {
      sink.flush();
      socket.shutdownOutput(); // FIN after the bytes sent so far
      socket.close();
      return false;
    }
    if (fault instanceof FaultKind.Stall stall) {
      sink.flush();
      sleepMs(stall.pauseMs());
      sink.paused();
    }
    return true;
  }

  private void copy(InputStream body, ResponseSink sink, long bytes)
      throws IOException, InterruptedException {
    long left = bytes;
    while (left > 0) {
      int n = body.read(copyBuffer, 0, (int) Math.min(copyBuffer.length, left));
      if (n < 0) {
        throw new EOFException("file shrank while being served");
      }
      sink.writeBody(copyBuffer, 0, n);
      left -= n;
    }
  }

  private static void writeHead(
      ResponseSink sink,
      int status,
      String contentType,
      long contentLength,
      boolean keepAlive,
      List<String> extraHeaders)
      throws IOException, InterruptedException {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    head.append("Date: ").append(HTTP_DATE.format(Instant.now())).append("\r\n");
    head.append("Server: smooth-player-origin\r\n");
    head.append("Content-Type: ").append(contentType).append("\r\n");
    head.append("Content-Length: ").append(contentLength).append("\r\n");
    head.append("Accept-Ranges: none\r\n");
    head.append("Cache-Control: no-store\r\n");
    for (String header : extraHeaders) {
      head.append(header).append("\r\n");
    }
    head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
    sink.writeHead(head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void sleepMs(long ms) throws InterruptedException {
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 413:
        return "Content Too Large";
      case 414:
        return "URI Too Long";
      case 429:
        return "Too Many Requests";
      case 431:
        return "Request Header Fields Too Large";
      case 500:
        return "Internal Server Error";
      case 501:
        return "Not Implemented";
      case 503:
        return "Service Unavailable";
      case 505:
        return "HTTP Version Not Supported";
      default:
        return "Status " + status;
    }
  }
}
