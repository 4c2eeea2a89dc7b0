package org.smoothplayer.app.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smoothplayer.app.playback.PlaybackTestSupport.awaitTrue;
import static org.smoothplayer.app.playback.PlaybackTestSupport.framesIn;
import static org.smoothplayer.app.playback.PlaybackTestSupport.handedToLine;
import static org.smoothplayer.app.playback.PlaybackTestSupport.pcm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.LineUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.playback.PlaybackTestSupport.ManualTime;

/**
 * {@link AudioRenderer} on a device line that fails mid-session (a silent line under a hand-moved
 * clock that starts throwing): the switch to the silent line, the clock across it, and the controls
 * after it.
 */
class AudioRendererFailoverTest {
  private static final String EXPECTED_PROBLEM =
      "the audio device failed (IllegalStateException: headset unplugged); playing on silently,"
          + " the clock follows the system clock";

  private final ManualTime time = new ManualTime();
  private final List<AudioRenderer> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(AudioRenderer::close);
  }

  /**
   * A device line that plays like a silent line until it fails: once {@code budgetBytes} were
   * written, or on {@link #failNow}. From then on every call throws, close included.
   */
  private static final class FailingLine extends ForwardingLine {
    private final long budgetBytes;
    private final AtomicLong writtenBytes = new AtomicLong();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicInteger closeCalls = new AtomicInteger();

    FailingLine(AudioLine delegate, long budgetBytes) {
      super(delegate);
      this.budgetBytes = budgetBytes;
    }

    /** Fails at once; a write blocked on the line returns and throws. */
    void failNow() {
      failed.set(true);
      super.stop();
    }

    int closeCalls() {
      return closeCalls.get();
    }

    private void throwIfFailed() {
      if (failed.get()) {
        throw new IllegalStateException("headset unplugged");
      }
    }

    @Override
    public int write(byte[] data, int offset, int lengthBytes) {
      throwIfFailed();
      if (writtenBytes.get() >= budgetBytes) {
        failed.set(true);
        throwIfFailed();
      }
      int n = super.write(data, offset, lengthBytes);
      throwIfFailed();
      writtenBytes.addAndGet(n);
      return n;
    }

    @Override
    public void start() {
      throwIfFailed();
      super.start();
    }

    @Override
    public void stop() {
      throwIfFailed();
      super.stop();
    }

    @Override
    public void flush() {
      throwIfFailed();
      super.flush();
    }

    @Override
    public long framePosition() {
      throwIfFailed();
      return super.framePosition();
    }

    @Override
    public int availableBytes() {
      throwIfFailed();
      return super.availableBytes();
    }

    @Override
    public void close() {
      closeCalls.incrementAndGet();
      throwIfFailed();
      super.close();
    }
  }

  /** A device with a 1 s buffer that fails after {@code budgetMs} of audio were written to it. */
  private FailingLine failingAfterMs(long budgetMs) {
    return device(framesIn(budgetMs) * 4L);
  }

  /** A device with a 1 s buffer that fails only on {@link FailingLine#failNow}. */
  private FailingLine failingOnDemand() {
    return device(Long.MAX_VALUE);
  }

  private FailingLine device(long budgetBytes) {
    FailingLine line = new FailingLine(new SilentLine(time), budgetBytes);
    try {
      line.open(framesIn(1000));
    } catch (LineUnavailableException e) {
      throw new AssertionError(e);
    }
    return line;
  }

  /**
   * A renderer on {@code device} playing {@code ms} of media from 0, all of it handed to the line.
   */
  private AudioRenderer playing(FailingLine device, int ms) throws Exception {
    AudioRenderer r = renderer(device);
    r.flush(1, 0);
    r.enqueue(pcm(0, framesIn(ms), (short) 1), 1);
    handedToLine(r);
    r.play();
    return r;
  }

  private AudioRenderer renderer(AudioLine line) {
    AudioRenderer r = AudioRenderer.onLine(line, time, AudioRenderer.DEFAULT_QUEUE_LIMIT_US);
    opened.add(r);
    return r;
  }

  @Test
  void a_device_that_fails_mid_playback_gives_way_to_silence_and_the_clock_runs_on_with_time()
      throws Exception {
    FailingLine device = failingAfterMs(200);
    AudioRenderer r = renderer(device);
    r.flush(1, 0);
    assertThat(r.enqueue(pcm(0, framesIn(100), (short) 1), 1)).isTrue();
    handedToLine(r);
    r.play();
    time.advanceMs(50);
    assertThat(r.positionUs()).isEqualTo(50_000);

    // The feeder writes 100 ms more, then the device throws on the next write.
    assertThat(r.enqueue(pcm(100_000, framesIn(300), (short) 1), 1)).isTrue();
    awaitTrue("the renderer switches to the silent line", () -> !r.deviceAvailable());
    assertThat(r.currentLine()).isInstanceOf(SilentLine.class);
    assertThat(r.positionUs()).as("right after the switch").isEqualTo(50_000);
    handedToLine(r);

    long previousUs = 50_000;
    for (int elapsedMs = 60; elapsedMs <= 600; elapsedMs += 10) {
      time.advanceMs(10);
      long us = r.positionUs();
      assertThat(us).as("at %d ms", elapsedMs).isGreaterThanOrEqualTo(previousUs);
      assertThat(us).as("at %d ms", elapsedMs).isEqualTo(Math.min(elapsedMs, 500) * 1000L);
      previousUs = us;
      if (elapsedMs == 200) {
        assertThat(r.enqueue(pcm(400_000, framesIn(100), (short) 1), 1))
            .as("accepted after the switch")
            .isTrue();
        handedToLine(r);
      }
    }
    assertThat(r.queuedEndUs()).isEqualTo(500_000);
    assertThat(previousUs).as("the clock reaches the end of the accepted audio").isEqualTo(500_000);
  }

  @Test
  void the_failure_is_reported_once_naming_the_exception_and_the_device_is_gone() throws Exception {
    FailingLine device = failingOnDemand();
    AudioRenderer r = playing(device, 100);
    time.advanceMs(30);
    assertThat(r.positionUs()).isEqualTo(30_000);
    assertThat(r.deviceAvailable()).isTrue();
    assertThat(r.deviceProblem()).isEmpty();

    device.failNow();
    // The clock reader meets the failure first (the feeder is idle): it switches there.
    assertThat(r.positionUs()).isEqualTo(30_000);
    assertThat(r.deviceAvailable()).isFalse();
    assertThat(r.deviceProblem()).hasValue(EXPECTED_PROBLEM);
    assertThat(r.deviceProblem()).as("told once").isEmpty();
    assertThat(device.closeCalls()).as("the failed line is closed, though it throws").isEqualTo(1);

    handedToLine(r);
    time.advanceMs(50);
    assertThat(r.positionUs()).isEqualTo(80_000);
    time.advanceMs(100);
    assertThat(r.positionUs()).as("the 70 ms the device lost play as silence").isEqualTo(100_000);
    assertThat(r.deviceProblem()).isEmpty();
    assertThat(r.deviceAvailable()).isFalse();
  }

  @Test
  void after_the_switch_pause_freezes_the_clock_play_resumes_it_and_a_flush_starts_a_new_timeline()
      throws Exception {
    FailingLine device = failingOnDemand();
    AudioRenderer r = playing(device, 200);
    time.advanceMs(20);
    device.failNow();
    assertThat(r.positionUs()).isEqualTo(20_000);
    handedToLine(r);

    r.pause();
    time.advanceMs(100);
    assertThat(r.positionUs()).as("paused").isEqualTo(20_000);
    r.play();
    time.advanceMs(30);
    assertThat(r.positionUs()).isEqualTo(50_000);
    r.setVolume(0.5);
    r.setMuted(true);
    r.setMuted(false);

    r.flush(2, 7_000_000);
    assertThat(r.positionUs()).isEqualTo(7_000_000);
    assertThat(r.queuedEndUs()).isEqualTo(7_000_000);
    assertThat(r.enqueue(pcm(7_000_000, framesIn(10), (short) 1), 1)).as("stale").isFalse();
    assertThat(r.enqueue(pcm(7_000_000, framesIn(100), (short) 1), 2)).isTrue();
    handedToLine(r);
    time.advanceMs(60);
    assertThat(r.positionUs()).isEqualTo(7_060_000);
    time.advanceMs(100);
    assertThat(r.positionUs()).isEqualTo(7_100_000);
    assertThat(device.closeCalls()).isEqualTo(1);
  }

  @Test
  void a_device_failing_while_paused_is_replaced_on_play_and_the_clock_resumes_where_it_stopped()
      throws Exception {
    FailingLine device = failingOnDemand();
    AudioRenderer r = playing(device, 100);
    time.advanceMs(40);
    assertThat(r.positionUs()).isEqualTo(40_000);
    r.pause();
    device.failNow();
    time.advanceMs(500);

    r.play();
    assertThat(r.deviceAvailable()).isFalse();
    assertThat(r.positionUs()).isEqualTo(40_000);
    handedToLine(r);
    time.advanceMs(30);
    assertThat(r.positionUs()).isEqualTo(70_000);
  }

  @Test
  void a_device_failing_before_a_seek_is_replaced_by_the_flush_and_the_new_timeline_plays()
      throws Exception {
    FailingLine device = failingOnDemand();
    AudioRenderer r = playing(device, 100);
    time.advanceMs(10);
    device.failNow();

    r.flush(2, 2_000_000);
    assertThat(r.deviceAvailable()).isFalse();
    assertThat(r.positionUs()).isEqualTo(2_000_000);
    r.enqueue(pcm(2_000_000, framesIn(100), (short) 1), 2);
    handedToLine(r);
    time.advanceMs(40);
    assertThat(r.positionUs()).isEqualTo(2_040_000);
  }

  @Test
  void close_after_the_switch_releases_the_silent_line_and_closes_the_failed_one_once()
      throws Exception {
    FailingLine device = failingOnDemand();
    AudioRenderer r = playing(device, 50);
    device.failNow();
    r.positionUs();
    AudioLine silent = r.currentLine();
    assertThat(silent).isInstanceOf(SilentLine.class);
    handedToLine(r);
    assertThat(silent.availableBytes()).as("open, with room").isPositive();
    assertThat(device.closeCalls()).isEqualTo(1);

    r.close();
    assertThat(silent.availableBytes()).as("closed").isZero();
    assertThat(silent.write(new byte[4], 0, 4)).as("closed").isZero();
    assertThat(device.closeCalls()).as("closed once").isEqualTo(1);
    assertThat(r.enqueue(pcm(50_000, framesIn(10), (short) 1), 1)).isFalse();
    assertThat(r.positionUs()).as("the clock stays readable").isZero();
  }

  @Test
  void a_failure_met_by_a_blocked_feeder_and_a_clock_reader_at_once_switches_once()
      throws Exception {
    FailingLine device = failingOnDemand();
    AudioRenderer r = renderer(device);
    r.flush(1, 0);
    r.play();
    // 1 s fills the line, the rest waits in the queue: the feeder blocks in the device's write.
    for (int i = 0; i < 14; i++) {
      assertThat(r.enqueue(pcm(i * 100_000L, framesIn(100), (short) 1), 1)).isTrue();
    }
    awaitTrue("the line is full", () -> device.availableBytes() == 0);
    time.advanceMs(100);
    assertThat(r.positionUs()).isEqualTo(100_000);

    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicLong backwardsUs = new AtomicLong();
    AtomicLong readings = new AtomicLong();
    Thread reader =
        new Thread(
            () -> {
              long previousUs = 0;
              while (reading.get()) {
                long us = r.positionUs();
                backwardsUs.accumulateAndGet(previousUs - us, Math::max);
                previousUs = us;
                readings.incrementAndGet();
                Thread.yield();
              }
            },
            "clock-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      awaitTrue("the reader reads", () -> readings.get() > 10);
      device.failNow();
      awaitTrue("the renderer switches to the silent line", () -> !r.deviceAvailable());
      awaitTrue("the silent line is filled", () -> r.currentLine().availableBytes() == 0);
      for (int elapsedMs = 110; elapsedMs <= 300; elapsedMs += 10) {
        time.advanceMs(10);
        assertThat(r.positionUs()).as("at %d ms", elapsedMs).isEqualTo(elapsedMs * 1000L);
      }
      long seen = readings.get();
      awaitTrue("the reader reads after the switch", () -> readings.get() > seen + 10);
    } finally {
      reading.set(false);
      reader.join(10_000);
    }

    assertThat(backwardsUs.get()).as("the clock never ran backwards").isLessThanOrEqualTo(0);
    assertThat(device.closeCalls()).isEqualTo(1);
    assertThat(r.deviceProblem()).hasValue(EXPECTED_PROBLEM);
    assertThat(r.deviceProblem()).isEmpty();
  }

  @Test
  void a_device_that_never_fails_is_kept_and_closed_by_close() throws Exception {
    FailingLine device = failingOnDemand();
    AudioRenderer r = playing(device, 50);
    time.advanceMs(50);
    assertThat(r.positionUs()).isEqualTo(50_000);
    r.close();
    assertThat(r.currentLine()).isSameAs(device);
    assertThat(r.deviceAvailable()).isTrue();
    assertThat(r.deviceProblem()).isEmpty();
    assertThat(device.closeCalls()).isEqualTo(1);
  }
}
