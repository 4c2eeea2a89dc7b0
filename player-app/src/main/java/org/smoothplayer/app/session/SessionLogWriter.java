package org.smoothplayer.app.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes session events to a JSON-lines file ({@link SessionJson}, UTF-8, one event per line ending
 * in {@code '\n'}) on its own daemon thread named {@value #THREAD_NAME}.
 *
 * <p>{@link #accept} never waits for I/O or space: it appends to a bounded queue and, when the
 * queue is full (or the writer is closed or failed), drops the event and counts it ({@link
 * #droppedEvents()}). The writer thread encodes events into a buffer that only ever holds whole
 * lines and hands that buffer to the file in one write call, when the queue runs empty, at least
 * every {@value #FLUSH_INTERVAL_MS} ms while events keep coming, and on close; so whatever happens
 * to the process, the file holds only complete lines. The first I/O error is logged once through
 * SLF4J and stops writing; nothing is ever thrown into {@code accept}.
 *
 * <p>Thread-safe: any number of threads may call {@code accept}.
 */
public final class SessionLogWriter implements SessionSink, AutoCloseable {
  /** Name of the writer thread. */
  public static final String THREAD_NAME = "session-log";

  /** Queue capacity for callers without an opinion: about a minute of a busy session. */
  public static final int DEFAULT_QUEUE_CAPACITY = 8192;

  /** Longest time written events wait in memory while more keep coming. */
  public static final long FLUSH_INTERVAL_MS = 250;

  /** Longest time {@link #close()} waits for the queue to drain. */
  public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** Size at which the line buffer is written out even before the flush interval. */
  private static final int WRITE_CHUNK_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(SessionLogWriter.class);

  private final String name;
  private final int queueCapacity;

  // Guards pending, closing and failed; accept() holds it only to append or drop.
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workOrClose = lock.newCondition();
  // Appended to by any accepting thread, swapped out by the writer thread; guarded by lock.
  private ArrayDeque<SessionEvent> pending = new ArrayDeque<>();
  // Set by close(); guarded by lock.
  private boolean closing;
  // Set by the writer thread after an I/O error; guarded by lock.
  private boolean failed;

  // Incremented by accepting threads and the writer thread; read by anyone.
  private final AtomicLong dropped = new AtomicLong();
  // Incremented by the writer thread; read by anyone.
  private final AtomicLong written = new AtomicLong();
  // Written once by the writer thread; read by anyone.
  private volatile @Nullable IOException failure;
  private final AtomicBoolean closeCalled = new AtomicBoolean();

  // Owned by the writer thread only.
  private final WritableByteChannel channel;
  private byte[] lines = new byte[WRITE_CHUNK_BYTES];
  private int linesLength;
  private int linesEvents;
  private long lastFlushNs;

  private final Thread thread;

  private SessionLogWriter(WritableByteChannel channel, String name, int queueCapacity) {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
    }
    this.channel = channel;
    this.name = name;
    this.queueCapacity = queueCapacity;
    this.thread = new Thread(this::run, THREAD_NAME);
    thread.setDaemon(true);
  }

  /**
   * Creates (or empties) {@code file}, creating its parent folders, and starts the writer thread.
   *
   * @param queueCapacity events that may wait to be written; more are dropped (at least 1)
   * @throws IOException when the folders or the file cannot be created
   */
  public static SessionLogWriter open(Path file, int queueCapacity) throws IOException {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    return start(channel, file.toString(), queueCapacity);
  }

  /** Starts a writer on any channel; the writer closes it. For tests of the writer's seams. */
  static SessionLogWriter start(WritableByteChannel channel, String name, int queueCapacity) {
    SessionLogWriter writer = new SessionLogWriter(channel, name, queueCapacity);
    writer.thread.start();
    return writer;
  }

  /** Queues the event, or drops and counts it when the queue is full or the writer closed. */
  @Override
  public void accept(SessionEvent event) {
    lock.lock();
    try {
      if (closing || failed || pending.size() >= queueCapacity) {
        dropped.incrementAndGet();
        return;
      }
      pending.addLast(event);
      if (pending.size() == 1) {
        workOrClose.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Events not written: queue full, accepted after close, or lost to an I/O error. */
  public long droppedEvents() {
    return dropped.get();
  }

  /** Events handed to the file so far. */
  public long writtenEvents() {
    return written.get();
  }

  /** The I/O error that stopped writing, if any. */
  public Optional<IOException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Writes what is queued, closes the file and ends the thread; waits at most {@link #CLOSE_WAIT}.
   * Events accepted afterwards are dropped. Calling it again does nothing more.
   */
  @Override
  public void close() {
    if (closeCalled.compareAndSet(false, true)) {
      lock.lock();
      try {
        closing = true;
        workOrClose.signal();
      } finally {
        lock.unlock();
      }
    }
    try {
      thread.join(CLOSE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (thread.isAlive()) {
      LOG.warn(
          "session log {}: still writing after {} ms; left to finish in the background",
          name,
          CLOSE_WAIT.toMillis());
    }
  }

  /** The writer thread: take batches, encode them into whole lines, write them out. */
  private void run() {
    lastFlushNs = System.nanoTime();
    ArrayDeque<SessionEvent> batch = new ArrayDeque<>();
    try {
      while (true) {
        boolean closingNow;
        boolean idle = false;
        lock.lock();
        try {
          if (pending.isEmpty() && !closing) {
            if (linesLength > 0) {
              idle = true; // the queue ran empty: write out what is buffered first
            } else {
              while (pending.isEmpty() && !closing) {
                workOrClose.await();
              }
            }
          }
          closingNow = closing;
          if (!idle) {
            ArrayDeque<SessionEvent> taken = pending;
            pending = batch;
            batch = taken;
          }
        } finally {
          lock.unlock();
        }
        if (idle) {
          writeOut();
          continue;
        }
        for (SessionEvent event = batch.pollFirst(); event != null; event = batch.pollFirst()) {
          append(event);
          if (linesLength >= WRITE_CHUNK_BYTES
              || System.nanoTime() - lastFlushNs
                  >= TimeUnit.MILLISECONDS.toNanos(FLUSH_INTERVAL_MS)) {
            writeOut();
          }
        }
        if (closingNow) {
          writeOut();
          return;
        }
      }
    } catch (IOException e) {
      fail(e, batch);
    } catch (InterruptedException e) {
      LOG.warn("session log {}: writer interrupted; events still queued are dropped", name);
      fail(null, batch);
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
          LOG.error("session log {}: closing the file failed: {}", name, e.toString());
        }
      }
    }
  }

  /** Encodes one event as a whole line at the end of the line buffer. */
  private void append(SessionEvent event) {
    byte[] line;
    try {
      line = (SessionJson.toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      dropped.incrementAndGet();
      LOG.error("session log {}: cannot encode {}: {}", name, event.getClass(), e.toString());
      return;
    }
    if (linesLength + line.length > lines.length) {
      lines = Arrays.copyOf(lines, Math.max(lines.length * 2, linesLength + line.length));
    }
    System.arraycopy(line, 0, lines, linesLength, line.length);
    linesLength += line.length;
    linesEvents++;
  }

  /** Hands every buffered whole line to the channel in one write. */
  private void writeOut() throws IOException {
    if (linesLength > 0) {
      ByteBuffer buffer = ByteBuffer.wrap(lines, 0, linesLength);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      written.addAndGet(linesEvents);
      linesLength = 0;
      linesEvents = 0;
    }
    lastFlushNs = System.nanoTime();
  }

  /** Stops writing for good: reports the error once and counts every event not written. */
  private void fail(@Nullable IOException error, ArrayDeque<SessionEvent> batch) {
    if (error != null) {
      failure = error;
      LOG.error(
          "session log {}: writing failed, no more events are logged: {}", name, error.toString());
    }
    long lost = linesEvents + batch.size();
    batch.clear();
    linesLength = 0;
    linesEvents = 0;
    lock.lock();
    try {
      failed = true;
      lost += pending.size();
      pending.clear();
    } finally {
      lock.unlock();
    }
    dropped.addAndGet(lost);
  }
}
