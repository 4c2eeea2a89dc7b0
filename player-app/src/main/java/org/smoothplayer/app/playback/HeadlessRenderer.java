package org.smoothplayer.app.playback;

import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import org.smoothplayer.decoder.video.VideoFrame;

/**
 * Plays video without a display: a thread ("render-headless") takes each due frame from a {@link
 * VideoPresenter}, touches one pixel and closes it, then sleeps until the next frame is due
 * (between {@value #MIN_SLEEP_US} and {@value #MAX_SLEEP_US} us, so a paused clock or a flush is
 * noticed).
 *
 * <p>Thread ownership: {@code running} is written by the owner and read by the render thread;
 * {@code renderedFrames} and {@code pixelChecksum} are written by the render thread only.
 */
public final class HeadlessRenderer implements AutoCloseable {

  /** Shortest sleep between two picks, in microseconds. */
  static final long MIN_SLEEP_US = 500;

  /** Longest sleep between two picks, in microseconds. */
  static final long MAX_SLEEP_US = 5_000;

  private final VideoPresenter presenter;
  private final MediaClock clock;
  private final Thread thread;
  private volatile boolean running;
  private volatile boolean started;
  private volatile long renderedFrames;
  private volatile int pixelChecksum;

  /** A renderer of {@code presenter}'s frames paced by {@code clock}; call {@link #start()}. */
  public HeadlessRenderer(VideoPresenter presenter, MediaClock clock) {
    this.presenter = presenter;
    this.clock = clock;
    this.thread = new Thread(this::run, "render-headless");
    thread.setDaemon(true);
  }

  /** Starts the render thread. */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("the headless renderer was already started");
    }
    started = true;
    running = true;
    thread.start();
  }

  /** Frames rendered (picked and closed) so far. */
  public long renderedFrames() {
    return renderedFrames;
  }

  private void run() {
    while (running) {
      ShownFrame shown = presenter.pickDue();
      if (shown != null) {
        render(shown.frame());
      }
      OptionalLong nextUs = presenter.nextDueUs();
      long sleepUs = nextUs.isPresent() ? nextUs.getAsLong() - clock.positionUs() : MAX_SLEEP_US;
      sleepUs = Math.max(MIN_SLEEP_US, Math.min(MAX_SLEEP_US, sleepUs));
      LockSupport.parkNanos(sleepUs * 1000);
    }
  }

  private void render(VideoFrame frame) {
    try {
      if (frame.hasPixels()) {
        pixelChecksum += frame.pixels().get(0);
      }
      renderedFrames++;
    } finally {
      frame.close();
    }
  }

  /** Stops the render thread and waits for it to end; idempotent. */
  @Override
  public synchronized void close() {
    running = false;
    if (started) {
      LockSupport.unpark(thread);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
