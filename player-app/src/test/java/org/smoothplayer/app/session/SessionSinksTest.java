package org.smoothplayer.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionSinksTest {

  @Test
  void a_tee_hands_each_event_to_every_sink_in_order() {
    SessionRecorder first = new SessionRecorder();
    SessionRecorder second = new SessionRecorder();
    SessionSink tee = SessionSinks.tee(first, second);
    Events.everyType().forEach(tee::accept);
    assertThat(first.events()).containsExactlyElementsOf(Events.everyType());
    assertThat(second.events()).containsExactlyElementsOf(Events.everyType());
  }

  @Test
  void a_sink_that_throws_does_not_keep_the_event_from_the_others() {
    SessionRecorder recorder = new SessionRecorder();
    SessionSink throwing =
        event -> {
          throw new IllegalStateException("broken sink");
        };
    SessionSink tee = SessionSinks.tee(throwing, recorder);
    tee.accept(new SessionEvent.Notice(1, "a"));
    tee.accept(new SessionEvent.Notice(2, "b"));
    assertThat(recorder.size()).isEqualTo(2);
  }

  @Test
  void the_recorder_keeps_every_event_from_concurrent_threads() throws InterruptedException {
    SessionRecorder recorder = new SessionRecorder();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int level = t;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 5_000; i++) {
                  recorder.accept(new SessionEvent.FramesDropped(i, level, i, i));
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(recorder.events()).hasSize(20_000);
  }

  @Test
  void the_recorder_hands_out_a_copy() {
    SessionRecorder recorder = new SessionRecorder();
    recorder.accept(new SessionEvent.Notice(1, "a"));
    List<SessionEvent> before = recorder.events();
    recorder.accept(new SessionEvent.Notice(2, "b"));
    assertThat(before).hasSize(1);
    assertThat(recorder.events()).hasSize(2);
  }
}
