package org.smoothplayer.assets.origin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smoothplayer.assets.origin.live.LiveBroadcast;
import org.smoothplayer.assets.origin.live.LiveOptions;

/**
 * A local Smooth Streaming origin: an HTTP/1.1 server on 127.0.0.1 that serves the files of one
 * presentation folder (GET and HEAD, keep-alive, Content-Length, no path escapes), optionally
 * through one shared bottleneck link ({@link LinkTrace}) with added latency, and with fault
 * injection ({@link FaultRule}). With {@link Builder#live(LiveOptions)} it broadcasts the
 * presentation live ({@link LiveBroadcast}): a growing Manifest and fragments published over time.
 * Start with {@link #builder(Path)}; stop with {@link #close()}.
 *
 * <p>Threads: one accept thread ({@code origin-PORT-accept}) and a bounded pool of daemon
 * connection threads ({@code origin-PORT-conn-N}), one per open connection.
 */
public final class LocalOrigin implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalOrigin.class);

  /** Default most simultaneous connections; more are answered 503 and closed. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;

  /** Default idle time after which a keep-alive connection is closed, in ms. */
  public static final int DEFAULT_IDLE_TIMEOUT_MS = 15_000;

  /** Pause after a failed accept before trying again, in ms. */
  private static final long ACCEPT_RETRY_MS = 50;

  /** How long {@link #close()} waits for connection threads to end, in ms. */
  private static final long CLOSE_WAIT_MS = 5_000;

  private final OriginRoot root;
  private final ServerSocket serverSocket;
  private final @Nullable SharedLink link;
  private final long latencyMs;
  // Replaced by setFaults on any thread, read by connection threads once per request.
  private volatile FaultPlan faults;
  private final @Nullable RequestLog requestLog;
  private final @Nullable LiveBroadcast live;
  private final int idleTimeoutMs;
  private final int maxConnections;
  private final URI baseUri;

  // Owned by the accept thread; close() closes the server socket and joins it.
  private final Thread acceptThread;
  // Runs connection threads; shut down (interrupting them) by close().
  private final ThreadPoolExecutor connectionPool;
  // Threads the pool created (dead ones pruned): added by the pool's thread factory on whichever
  // thread starts a worker, joined by close(). Concurrent set.
  private final Set<Thread> connectionThreads = ConcurrentHashMap.newKeySet();
  // Sockets of open connections: added by the accept thread, removed by connection threads,
  // closed by close(). Concurrent set.
  private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
  // Set once by close(); read by all threads.
  private final AtomicBoolean closed = new AtomicBoolean();
  // Incremented by connection threads, read by any thread.
  private final AtomicLong requestCount = new AtomicLong();
  // Incremented by the accept thread, read by any thread.
  private final AtomicLong acceptedConnections = new AtomicLong();

  private LocalOrigin(
      Builder builder, Path realRoot, ServerSocket serverSocket, @Nullable LiveBroadcast live)
      throws IOException {
    this.root = new OriginRoot(realRoot);
    this.live = live;
    this.serverSocket = serverSocket;
    this.link =
        builder.linkTrace == null ? null : new SharedLink(builder.linkTrace, builder.nanoTime);
    this.latencyMs = builder.latencyMs;
    this.faults = new FaultPlan(builder.faults);
    this.idleTimeoutMs = builder.idleTimeoutMs;
    this.maxConnections = builder.maxConnections;
    this.baseUri = URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + "/");
    this.requestLog = builder.requestLog == null ? null : new RequestLog(builder.requestLog);
    int port = serverSocket.getLocalPort();
    AtomicInteger threadNumber = new AtomicInteger();
    this.connectionPool =
        new ThreadPoolExecutor(
            0,
            maxConnections,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread thread =
                  new Thread(task, "origin-" + port + "-conn-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              connectionThreads.removeIf(old -> !old.isAlive());
              connectionThreads.add(thread);
              return thread;
            });
    this.acceptThread = new Thread(this::acceptLoop, "origin-" + port + "-accept");
    this.acceptThread.setDaemon(true);
  }

  /** A builder for an origin serving the files under {@code root}. */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** The origin's base URI, {@code http://127.0.0.1:PORT/} (with the trailing slash). */
  public URI baseUri() {
    return baseUri;
  }

  /** The TCP port the origin listens on. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** The real path of the served folder. */
  public Path root() {
    return root.path();
  }

  /** How many requests have been received so far (including refused ones). */
  public long requestCount() {
    return requestCount.get();
  }

  /** The live broadcast when the origin runs in live mode ({@link Builder#live}). */
  public Optional<LiveBroadcast> live() {
    return Optional.ofNullable(live);
  }

  /**
   * Replaces the fault rules of the running origin with {@code rules} (an empty list removes every
   * fault), each {@code @N} budget counted afresh from now. Requests already being answered keep
   * the rule they got; every request read after this call is matched against the new rules.
   * Thread-safe.
   */
  public void setFaults(List<FaultRule> rules) {
    faults = new FaultPlan(Objects.requireNonNull(rules, "rules"));
  }

  /** How many TCP connections have been accepted so far. */
  public long acceptedConnections() {
    return acceptedConnections.get();
  }

  /** One line for people: URL, root, link, latency, faults and log. */
  public String describe() {
    String linkText = link == null ? "unlimited" : link.trace().describe();
    List<FaultRule> rules = faults.rules();
    String faultText =
        rules.isEmpty()
            ? "none"
            : rules.stream().map(FaultRule::text).collect(Collectors.joining(" "));
    return "Smooth Streaming origin at "
        + baseUri
        + " serving "
        + root.path()
        + "; link: "
        + linkText
        + "; latency: "
        + latencyMs
        + " ms; faults: "
        + faultText
        + (live == null ? "" : "; live: " + live.describe())
        + (requestLog == null ? "" : "; request log: " + requestLog.file());
  }

  @Override
  public String toString() {
    return describe();
  }

  /**
   * Stops accepting, closes every connection, waits for the origin's threads to end and closes the
   * request log. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean interrupted = false;
    try {
      serverSocket.close();
    } catch (IOException e) {
      LOG.debug("closing the server socket: {}", e.toString());
    }
    try {
      acceptThread.join(CLOSE_WAIT_MS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    // The accept thread has ended: every accepted socket is in openSockets or already closed.
    for (Socket socket : openSockets) {
      closeQuietly(socket);
    }
    connectionPool.shutdownNow();
    try {
      if (!connectionPool.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
        LOG.warn("origin connection threads did not end within {} ms", CLOSE_WAIT_MS);
      }
      // The pool has ended its tasks; wait for its threads to be gone too.
      long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
      for (Thread thread : connectionThreads) {
        long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        thread.join(Math.max(1, leftMs));
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (requestLog != null) {
      try {
        requestLog.close();
      } catch (IOException e) {
        LOG.warn("closing the request log {}: {}", requestLog.file(), e.toString());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- used by OriginConnection ----

  boolean isClosed() {
    return closed.get();
  }

  OriginRoot originRoot() {
    return root;
  }

  @Nullable LiveBroadcast liveBroadcast() {
    return live;
  }

  @Nullable SharedLink link() {
    return link;
  }

  long latencyMs() {
    return latencyMs;
  }

  FaultPlan faults() {
    return faults;
  }

  int idleTimeoutMs() {
    return idleTimeoutMs;
  }

  void countRequest() {
    requestCount.incrementAndGet();
  }

  void log(
      String path,
      String method,
      int status,
      long bodyBytes,
      Instant requestTime,
      @Nullable FaultRule fault) {
    if (requestLog != null) {
      requestLog.append(path, method, status, bodyBytes, requestTime, Instant.now(), fault);
    }
  }

  /** Called by a connection thread when its connection is over. */
  void release(Socket socket) {
    openSockets.remove(socket);
    closeQuietly(socket);
  }

  private void start() {
    acceptThread.start();
  }

  private void acceptLoop() {
    while (!closed.get()) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (closed.get() || serverSocket.isClosed()) {
          return;
        }
        // Transient (e.g. out of file descriptors): keep serving after a short pause.
        LOG.warn("origin accept failed, retrying: {}", e.toString());
        try {
          Thread.sleep(ACCEPT_RETRY_MS);
        } catch (InterruptedException interrupted) {
          return;
        }
        continue;
      }
      acceptedConnections.incrementAndGet();
      openSockets.add(socket);
      if (closed.get()) {
        release(socket);
        return;
      }
      try {
        connectionPool.execute(new OriginConnection(this, socket));
      } catch (RejectedExecutionException e) {
        refuse(socket);
      }
    }
  }

  /** Answers a connection over the limit with 503 and closes it (on the accept thread). */
  private void refuse(Socket socket) {
    try {
      byte[] body =
          ("503 Service Unavailable: more than " + maxConnections + " connections\n")
              .getBytes(StandardCharsets.UTF_8);
      String head =
          "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
              + "Content-Length: "
              + body.length
              + "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
    } catch (IOException e) {
      LOG.debug("refusing a connection: {}", e.toString());
    } finally {
      release(socket);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing a connection: {}", e.toString());
    }
  }

  /** Configures and starts a {@link LocalOrigin}; every knob has a default next to it. */
  public static final class Builder {
    private final Path root;
    private int port = 0; // any free port
    private @Nullable LinkTrace linkTrace = null; // unlimited link
    private long latencyMs = 0;
    private final List<FaultRule> faults = new ArrayList<>();
    private @Nullable Path requestLog = null; // no request log
    private int idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private LongSupplier nanoTime = System::nanoTime;
    private @Nullable LiveOptions live = null; // serve the folder as it is (on demand)

    private Builder(Path root) {
      this.root = Objects.requireNonNull(root, "root");
    }

    /** The TCP port to listen on, 0 (the default) for any free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port " + port + " is out of range; expected 0..65535");
      }
      this.port = port;
      return this;
    }

    /** Shapes all responses together through one link of this capacity (default: unlimited). */
    public Builder linkTrace(LinkTrace trace) {
      this.linkTrace = Objects.requireNonNull(trace, "trace");
      return this;
    }

    /** Added latency before the first byte of every response, in ms (default 0). */
    public Builder latencyMs(long latencyMs) {
      if (latencyMs < 0 || latencyMs > FaultKind.MAX_DELAY_MS) {
        throw new IllegalArgumentException(
            "latency " + latencyMs + " ms is out of range; expected 0.." + FaultKind.MAX_DELAY_MS);
      }
      this.latencyMs = latencyMs;
      return this;
    }

    /** Adds one fault rule; rules are tried in the order added. */
    public Builder fault(FaultRule rule) {
      this.faults.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds fault rules, in order, after any added before. */
    public Builder faults(List<FaultRule> rules) {
      for (FaultRule rule : rules) {
        fault(rule);
      }
      return this;
    }

    /** Writes a JSON-lines request log to this file (created or truncated; default: none). */
    public Builder requestLog(Path jsonLines) {
      this.requestLog = Objects.requireNonNull(jsonLines, "jsonLines");
      return this;
    }

    /** Closes keep-alive connections idle for this long, in ms (default 15000). */
    public Builder idleTimeoutMs(int idleTimeoutMs) {
      if (idleTimeoutMs < 1) {
        throw new IllegalArgumentException(
            "idle timeout " + idleTimeoutMs + " ms is not positive; expected >= 1");
      }
      this.idleTimeoutMs = idleTimeoutMs;
      return this;
    }

    /** Most simultaneous connections (default 64); more are answered 503 and closed. */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException(
            "max connections " + maxConnections + " is not positive; expected >= 1");
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Broadcasts the presentation live instead of serving its Manifest and fragments as stored
     * (default: on demand). The folder must hold {@code presentation.json} (a generated
     * presentation); the live clock starts with {@link #start()}. Other files are still served.
     */
    public Builder live(LiveOptions options) {
      this.live = Objects.requireNonNull(options, "options");
      return this;
    }

    /** The monotonic clock of the link (tests only). */
    Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /**
     * Binds 127.0.0.1 and starts serving; the link clock starts now.
     *
     * @throws java.nio.file.NoSuchFileException when the root does not exist
     * @throws NotDirectoryException when the root is not a folder
     * @throws IOException when the port cannot be bound, the request log cannot be created, or
     *     (live) {@code presentation.json} is missing or unreadable
     * @throws org.smoothplayer.assets.origin.live.LiveContentException (live) when the presentation
     *     cannot be broadcast
     */
    public LocalOrigin start() throws IOException {
      Path realRoot = root.toRealPath();
      if (!Files.isDirectory(realRoot)) {
        throw new NotDirectoryException(root + " (origin root must be a folder)");
      }
      LiveBroadcast broadcast = null;
      if (live != null) {
        try {
          broadcast = LiveBroadcast.start(realRoot, live);
        } catch (UncheckedIOException e) {
          throw new IOException("live mode needs a generated presentation: " + e.getMessage(), e);
        }
      }
      ServerSocket serverSocket = new ServerSocket();
      try {
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        LocalOrigin origin = new LocalOrigin(this, realRoot, serverSocket, broadcast);
        origin.start();
        LOG.debug("started: {}", origin.describe());
        return origin;
      } catch (IOException | RuntimeException e) {
        serverSocket.close();
        throw e;
      }
    }
  }
}
