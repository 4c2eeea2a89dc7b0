package org.smoothplayer.app.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smoothplayer.app.playback.PlaybackTestSupport.awaitBlocked;
import static org.smoothplayer.app.playback.PlaybackTestSupport.awaitTrue;
import static org.smoothplayer.app.playback.PlaybackTestSupport.framesIn;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.playback.PlaybackTestSupport.ManualTime;

/**
 * {@link SilentLine} driven by a hand-moved clock: consumption, stop, underrun, flush, blocking.
 */
class SilentLineTest {
  private final ManualTime time = new ManualTime();

  private SilentLine openLine(long bufferMs) {
    SilentLine line = new SilentLine(time);
    line.open(framesIn(bufferMs));
    return line;
  }

  private static byte[] bytesFor(long ms) {
    return new byte[framesIn(ms) * 4];
  }

  @Test
  void frames_are_consumed_at_the_clock_rate_only_while_started() {
    SilentLine line = openLine(100);
    assertThat(line.write(bytesFor(100), 0, framesIn(100) * 4)).isEqualTo(framesIn(100) * 4);
    time.advanceMs(10);
    assertThat(line.framePosition()).isZero();

    line.start();
    time.advanceMs(25);
    assertThat(line.framePosition()).isEqualTo(framesIn(25));
    assertThat(line.availableBytes()).isEqualTo(framesIn(25) * 4);
  }

  @Test
  void stopping_freezes_the_position_and_starting_resumes_it() {
    SilentLine line = openLine(100);
    line.write(bytesFor(100), 0, framesIn(100) * 4);
    line.start();
    time.advanceMs(10);
    line.stop();
    time.advanceMs(50);
    assertThat(line.framePosition()).isEqualTo(framesIn(10));
    line.start();
    time.advanceMs(10);
    assertThat(line.framePosition()).isEqualTo(framesIn(20));
  }

  @Test
  void an_underrun_stops_the_position_and_new_frames_play_from_when_they_arrive() {
    SilentLine line = openLine(100);
    line.write(bytesFor(10), 0, framesIn(10) * 4);
    line.start();
    time.advanceMs(50);
    assertThat(line.framePosition()).isEqualTo(framesIn(10));

    line.write(bytesFor(10), 0, framesIn(10) * 4);
    assertThat(line.framePosition()).isEqualTo(framesIn(10));
    time.advanceMs(5);
    assertThat(line.framePosition()).isEqualTo(framesIn(15));
  }

  @Test
  void a_flush_drops_the_unplayed_frames_and_keeps_the_position() {
    SilentLine line = openLine(100);
    line.write(bytesFor(100), 0, framesIn(100) * 4);
    line.start();
    time.advanceMs(10);
    line.flush();
    assertThat(line.framePosition()).isEqualTo(framesIn(10));
    assertThat(line.availableBytes()).isEqualTo(framesIn(100) * 4);
    time.advanceMs(10);
    assertThat(line.framePosition()).isEqualTo(framesIn(10));
  }

  @Test
  void a_write_to_a_stopped_full_line_returns_what_fit_at_once() {
    SilentLine line = openLine(10);
    assertThat(line.write(bytesFor(20), 0, framesIn(20) * 4)).isEqualTo(framesIn(10) * 4);
    assertThat(line.write(bytesFor(20), 0, framesIn(20) * 4)).isZero();
  }

  @Test
  void a_write_to_a_started_full_line_blocks_until_the_clock_has_made_room() throws Exception {
    SilentLine line = openLine(10);
    line.start();
    line.write(bytesFor(10), 0, framesIn(10) * 4);
    AtomicReference<Thread> writer = new AtomicReference<>();
    CompletableFuture<Integer> written =
        CompletableFuture.supplyAsync(
            () -> {
              writer.set(Thread.currentThread());
              return line.write(bytesFor(20), 0, framesIn(20) * 4);
            });
    awaitTrue("the writer runs", () -> writer.get() != null);
    awaitBlocked(writer.get());
    assertThat(written).isNotDone();

    time.advanceMs(10);
    awaitTrue("the writer refills the line", () -> line.availableBytes() == 0);
    assertThat(written).isNotDone();
    time.advanceMs(10);
    assertThat(written.get(10, TimeUnit.SECONDS)).isEqualTo(framesIn(20) * 4);
  }

  @Test
  void stopping_makes_a_blocked_write_return_what_it_wrote() throws Exception {
    SilentLine line = openLine(10);
    line.start();
    line.write(bytesFor(10), 0, framesIn(10) * 4);
    AtomicReference<Thread> writer = new AtomicReference<>();
    CompletableFuture<Integer> written =
        CompletableFuture.supplyAsync(
            () -> {
              writer.set(Thread.currentThread());
              return line.write(bytesFor(20), 0, framesIn(20) * 4);
            });
    awaitTrue("the writer runs", () -> writer.get() != null);
    awaitBlocked(writer.get());
    line.stop();
    assertThat(written.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void a_write_of_a_partial_sample_frame_is_rejected() {
    SilentLine line = openLine(10);
    assertThatThrownBy(() -> line.write(new byte[6], 0, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of 4");
  }
}
