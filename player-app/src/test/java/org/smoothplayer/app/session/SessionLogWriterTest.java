package org.smoothplayer.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.session.SessionEvent.FramesDropped;

class SessionLogWriterTest {
  private static final int THREADS = 4;
  private static final int EVENTS_PER_THREAD = 10_000;
  private static final long WAIT_S = 10;

  @TempDir Path dir;

  @Test
  void writes_each_event_as_one_json_line_that_reads_back_equal() throws IOException {
    Path file = dir.resolve("nested/folders/session.jsonl");
    try (SessionLogWriter writer = SessionLogWriter.open(file, 100)) {
      Events.everyType().forEach(writer::accept);
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(Golden.read("every-event.jsonl"));
    assertThat(SessionLogReader.read(file)).containsExactlyElementsOf(Events.everyType());
  }

  @Test
  void four_threads_of_ten_thousand_events_leave_complete_lines_or_counted_drops()
      throws Exception {
    Path file = dir.resolve("busy.jsonl");
    SessionLogWriter writer = SessionLogWriter.open(file, 1000);
    runProducers(writer);
    writer.close();

    List<SessionEvent> events = SessionLogReader.readLog(file).events();
    assertThat(events).hasSize((int) writer.writtenEvents());
    assertThat(writer.writtenEvents() + writer.droppedEvents())
        .isEqualTo(THREADS * EVENTS_PER_THREAD);
    assertEachThreadInOrder(events);
  }

  @Test
  void a_queue_large_enough_loses_nothing_under_four_threads() throws Exception {
    Path file = dir.resolve("roomy.jsonl");
    SessionLogWriter writer = SessionLogWriter.open(file, THREADS * EVENTS_PER_THREAD);
    runProducers(writer);
    writer.close();

    List<SessionEvent> events = SessionLogReader.read(file);
    assertThat(writer.droppedEvents()).isZero();
    assertThat(events).hasSize(THREADS * EVENTS_PER_THREAD);
    assertEachThreadInOrder(events);
  }

  @Test
  void events_beyond_the_queue_capacity_are_dropped_and_counted_without_blocking()
      throws Exception {
    RecordingChannel channel = new RecordingChannel();
    channel.holdWrites = new CountDownLatch(1);
    SessionLogWriter writer = SessionLogWriter.start(channel, "held", 5);
    writer.accept(numbered(0, 0));
    assertThat(channel.writeEntered.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
    // The writer thread is stuck in its first write: the queue fills, then events drop.
    for (int i = 1; i <= 8; i++) {
      writer.accept(numbered(0, i));
    }
    assertThat(writer.droppedEvents()).isEqualTo(3);
    channel.holdWrites.countDown();
    writer.close();

    assertThat(writer.writtenEvents()).isEqualTo(6);
    assertThat(channel.lines()).hasSize(6);
  }

  @Test
  void every_write_hands_over_whole_lines_only() throws Exception {
    RecordingChannel channel = new RecordingChannel();
    SessionLogWriter writer = SessionLogWriter.start(channel, "recorded", 50_000);
    runProducers(writer);
    writer.close();

    assertThat(channel.writes).isNotEmpty();
    for (byte[] write : channel.writes) {
      assertThat(write[write.length - 1]).isEqualTo((byte) '\n');
    }
    assertThat(channel.lines()).hasSize(THREADS * EVENTS_PER_THREAD);
  }

  @Test
  void writes_happen_on_one_daemon_thread_named_session_log() throws Exception {
    RecordingChannel channel = new RecordingChannel();
    try (SessionLogWriter writer = SessionLogWriter.start(channel, "named", 10)) {
      writer.accept(numbered(0, 0));
    }
    assertThat(channel.threadNames).containsOnly("session-log");
    assertThat(channel.daemon).isTrue();
  }

  @Test
  void lines_reach_the_file_while_the_writer_is_still_open() throws Exception {
    // The writer hands buffered lines to the file as soon as its queue runs empty (and at least
    // every FLUSH_INTERVAL_MS while busy), so a reader sees the line before close.
    Path file = dir.resolve("live.jsonl");
    try (SessionLogWriter writer = SessionLogWriter.open(file, 10)) {
      writer.accept(new SessionEvent.Notice(1, "first"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
      String content = "";
      while (!content.endsWith("\n") && System.nanoTime() < deadline) {
        Thread.sleep(2); // polling the file from outside, as a reader of a live log would
        content = Files.readString(file, StandardCharsets.UTF_8);
      }
      assertThat(content).isEqualTo("{\"type\":\"notice\",\"tMs\":1.0,\"message\":\"first\"}\n");
    }
  }

  @Test
  void close_is_idempotent_and_later_events_are_dropped() throws IOException {
    Path file = dir.resolve("closed.jsonl");
    SessionLogWriter writer = SessionLogWriter.open(file, 10);
    writer.accept(numbered(0, 0));
    writer.close();
    writer.close();
    writer.accept(numbered(0, 1));
    assertThat(writer.writtenEvents()).isEqualTo(1);
    assertThat(writer.droppedEvents()).isEqualTo(1);
    assertThat(SessionLogReader.read(file)).containsExactly(numbered(0, 0));
  }

  @Test
  void an_io_error_stops_writing_without_reaching_the_caller() {
    RecordingChannel channel = new RecordingChannel();
    channel.failWrites = true;
    SessionLogWriter writer = SessionLogWriter.start(channel, "failing", 10);
    writer.accept(numbered(0, 0));
    writer.close();
    writer.accept(numbered(0, 1));

    assertThat(writer.failure()).get().extracting(Throwable::getMessage).isEqualTo("disk full");
    assertThat(channel.writeCalls).hasValue(1);
    assertThat(writer.writtenEvents()).isZero();
    assertThat(writer.droppedEvents()).isEqualTo(2);
    assertThat(channel.closed).isTrue();
  }

  @Test
  void a_queue_without_room_is_refused() {
    assertThatThrownBy(() -> SessionLogWriter.open(dir.resolve("x.jsonl"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  /** Event {@code i} of producer {@code thread}. */
  private static FramesDropped numbered(int thread, int i) {
    return new FramesDropped(i, thread, i, i);
  }

  private static void runProducers(SessionSink sink) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      producers.add(
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                  sink.accept(numbered(thread, i));
                }
              },
              "producer-" + t));
    }
    producers.forEach(Thread::start);
    start.countDown();
    for (Thread producer : producers) {
      producer.join(TimeUnit.SECONDS.toMillis(WAIT_S));
      assertThat(producer.isAlive()).as("producer finished").isFalse();
    }
  }

  /** Events of one producer keep their order; none is duplicated. */
  private static void assertEachThreadInOrder(List<SessionEvent> events) {
    long[] last = new long[THREADS];
    java.util.Arrays.fill(last, -1);
    for (SessionEvent event : events) {
      FramesDropped numbered = (FramesDropped) event;
      assertThat(numbered.count()).isGreaterThan(last[numbered.level()]);
      last[numbered.level()] = numbered.count();
    }
  }

  /** A channel that keeps every write, and can hold or fail them. */
  private static final class RecordingChannel implements WritableByteChannel {
    final List<byte[]> writes = new ArrayList<>(); // only the writer thread writes
    final List<String> threadNames = new ArrayList<>();
    final AtomicInteger writeCalls = new AtomicInteger();
    final CountDownLatch writeEntered = new CountDownLatch(1);
    volatile CountDownLatch holdWrites = new CountDownLatch(0);
    volatile boolean failWrites;
    volatile boolean daemon;
    volatile boolean closed;

    @Override
    public int write(ByteBuffer source) throws IOException {
      writeCalls.incrementAndGet();
      threadNames.add(Thread.currentThread().getName());
      daemon = Thread.currentThread().isDaemon();
      writeEntered.countDown();
      try {
        holdWrites.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (failWrites) {
        throw new IOException("disk full");
      }
      byte[] bytes = new byte[source.remaining()];
      source.get(bytes);
      writes.add(bytes);
      return bytes.length;
    }

    List<String> lines() {
      StringBuilder all = new StringBuilder();
      writes.forEach(w -> all.append(new String(w, StandardCharsets.UTF_8)));
      return all.toString().lines().toList();
    }

    @Override
    public boolean isOpen() {
      return !closed;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
