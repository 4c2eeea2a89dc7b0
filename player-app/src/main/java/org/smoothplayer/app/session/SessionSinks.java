package org.smoothplayer.app.session;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ways to combine {@link SessionSink}s. */
public final class SessionSinks {
  private static final Logger LOG = LoggerFactory.getLogger(SessionSinks.class);

  private SessionSinks() {}

  /**
   * A sink that hands every event to each of {@code sinks}, in order. A sink that throws (breaking
   * the {@link SessionSink} contract) does not keep the event from the others; the first such
   * failure is logged.
   */
  public static SessionSink tee(SessionSink... sinks) {
    List<SessionSink> targets = List.of(sinks);
    AtomicBoolean reported = new AtomicBoolean();
    return event -> {
      for (SessionSink sink : targets) {
        try {
          sink.accept(event);
        } catch (RuntimeException e) {
          if (reported.compareAndSet(false, true)) {
            LOG.error(
                "session sink {} threw on {}; further failures are not logged",
                sink,
                event.type(),
                e);
          }
        }
      }
    };
  }

  /** A sink that ignores every event. */
  public static SessionSink discard() {
    return event -> {};
  }
}
