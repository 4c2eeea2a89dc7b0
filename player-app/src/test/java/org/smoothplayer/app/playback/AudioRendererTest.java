package org.smoothplayer.app.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smoothplayer.app.playback.PlaybackTestSupport.awaitBlocked;
import static org.smoothplayer.app.playback.PlaybackTestSupport.awaitTrue;
import static org.smoothplayer.app.playback.PlaybackTestSupport.framesIn;
import static org.smoothplayer.app.playback.PlaybackTestSupport.handedToLine;
import static org.smoothplayer.app.playback.PlaybackTestSupport.pcm;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.SourceDataLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smoothplayer.app.playback.PlaybackTestSupport.ManualTime;
import org.smoothplayer.app.playback.PlaybackTestSupport.RecordingLine;
import org.smoothplayer.decoder.audio.PcmChunk;

/**
 * {@link AudioRenderer} on a {@link SilentLine} driven by a hand-moved clock, watched through a
 * recording line: the timeline, the clock, back-pressure, gain and the device fallback.
 */
class AudioRendererTest {
  private final ManualTime time = new ManualTime();
  private final List<AudioRenderer> opened = new ArrayList<>();
  private RecordingLine line;

  @AfterEach
  void closeAll() {
    opened.forEach(AudioRenderer::close);
  }

  private AudioRenderer renderer(long lineBufferMs, AudioLine wrapped) {
    return renderer(lineBufferMs, wrapped, AudioRenderer.DEFAULT_QUEUE_LIMIT_US);
  }

  private AudioRenderer renderer(long lineBufferMs, AudioLine wrapped, long queueLimitUs) {
    line = new RecordingLine(wrapped);
    try {
      line.open(framesIn(lineBufferMs));
    } catch (javax.sound.sampled.LineUnavailableException e) {
      throw new AssertionError(e);
    }
    AudioRenderer r = AudioRenderer.onLine(line, time, queueLimitUs);
    opened.add(r);
    return r;
  }

  private AudioRenderer silentRenderer(long lineBufferMs) {
    return renderer(lineBufferMs, new SilentLine(time));
  }

  @Test
  void the_clock_starts_at_the_flush_position_and_runs_only_while_playing_queued_audio()
      throws Exception {
    AudioRenderer r = silentRenderer(150);
    r.flush(1, 5_000_000);
    assertThat(r.positionUs()).isEqualTo(5_000_000);
    assertThat(r.queuedEndUs()).isEqualTo(5_000_000);

    assertThat(r.enqueue(pcm(5_000_000, framesIn(100), (short) 100), 1)).isTrue();
    assertThat(r.queuedEndUs()).isEqualTo(5_100_000);
    handedToLine(r);
    time.advanceMs(50);
    assertThat(r.positionUs()).as("paused").isEqualTo(5_000_000);

    r.play();
    time.advanceMs(40);
    assertThat(r.positionUs()).isEqualTo(5_040_000);
    time.advanceMs(500);
    assertThat(r.positionUs()).as("stops where the audio ends").isEqualTo(5_100_000);
    time.advanceMs(500);
    assertThat(r.positionUs()).isEqualTo(5_100_000);
  }

  @Test
  void pausing_freezes_the_position_and_playing_resumes_it() throws Exception {
    AudioRenderer r = silentRenderer(150);
    r.flush(1, 0);
    r.enqueue(pcm(0, framesIn(100), (short) 1), 1);
    handedToLine(r);
    r.play();
    time.advanceMs(30);
    assertThat(r.positionUs()).isEqualTo(30_000);
    r.pause();
    time.advanceMs(100);
    assertThat(r.positionUs()).isEqualTo(30_000);
    r.play();
    time.advanceMs(20);
    assertThat(r.positionUs()).isEqualTo(50_000);
  }

  @Test
  void a_gap_between_chunks_becomes_silence_and_the_clock_runs_across_it() throws Exception {
    AudioRenderer r = silentRenderer(1000);
    r.flush(1, 0);
    assertThat(r.enqueue(pcm(0, framesIn(100), (short) 1000), 1)).isTrue();
    assertThat(r.enqueue(pcm(150_000, framesIn(100), (short) 2000), 1)).isTrue();
    assertThat(r.queuedEndUs()).isEqualTo(250_000);
    handedToLine(r);

    short[] left = line.leftSamples();
    assertThat(left).hasSize(framesIn(250));
    assertThat(left[0]).isEqualTo((short) 1000);
    assertThat(left[framesIn(100) - 1]).isEqualTo((short) 1000);
    assertThat(left[framesIn(100)]).isZero();
    assertThat(left[framesIn(150) - 1]).isZero();
    assertThat(left[framesIn(150)]).isEqualTo((short) 2000);
    assertThat(left[framesIn(250) - 1]).isEqualTo((short) 2000);

    r.play();
    time.advanceMs(200);
    assertThat(r.positionUs()).isEqualTo(200_000);
    time.advanceMs(100);
    assertThat(r.positionUs()).isEqualTo(250_000);
  }

  @Test
  void a_gap_of_at_most_one_millisecond_is_closed_without_silence() throws Exception {
    AudioRenderer r = silentRenderer(1000);
    r.flush(1, 0);
    r.enqueue(pcm(0, framesIn(10), (short) 1000), 1);
    r.enqueue(pcm(10_500, framesIn(10), (short) 2000), 1);
    handedToLine(r);
    short[] left = line.leftSamples();
    assertThat(left).hasSize(framesIn(20));
    assertThat(left[framesIn(10)]).isEqualTo((short) 2000);
  }

  @Test
  void an_overlapping_chunk_is_trimmed_and_one_entirely_before_is_dropped() throws Exception {
    AudioRenderer r = silentRenderer(1000);
    r.flush(1, 0);
    r.enqueue(pcm(0, framesIn(100), (short) 1000), 1);
    assertThat(r.enqueue(pcm(50_000, framesIn(100), (short) 2000), 1)).isTrue();
    assertThat(r.queuedEndUs()).isEqualTo(150_000);
    assertThat(r.enqueue(pcm(20_000, framesIn(50), (short) 3000), 1)).isFalse();
    handedToLine(r);

    short[] left = line.leftSamples();
    assertThat(left).hasSize(framesIn(150));
    assertThat(left[framesIn(100) - 1]).isEqualTo((short) 1000);
    assertThat(left[framesIn(100)]).isEqualTo((short) 2000);
    assertThat(left[framesIn(150) - 1]).isEqualTo((short) 2000);
  }

  @Test
  void audio_before_the_flush_position_is_trimmed_so_the_timeline_starts_there() throws Exception {
    AudioRenderer r = silentRenderer(1000);
    r.flush(1, 1_000_000);
    assertThat(r.enqueue(pcm(980_000, framesIn(40), (short) 7), 1)).isTrue();
    assertThat(r.queuedEndUs()).isEqualTo(1_020_000);
    handedToLine(r);
    assertThat(line.leftSamples()).hasSize(framesIn(20));
  }

  @Test
  void a_chunk_of_a_stale_generation_is_dropped() throws Exception {
    AudioRenderer r = silentRenderer(150);
    r.flush(2, 0);
    assertThat(r.enqueue(pcm(0, framesIn(10), (short) 1), 1)).isFalse();
    assertThat(r.queuedEndUs()).isZero();
    assertThat(r.enqueue(pcm(0, framesIn(10), (short) 1), 2)).isTrue();
  }

  @Test
  void a_flush_while_playing_restarts_the_timeline_and_keeps_playing() throws Exception {
    AudioRenderer r = silentRenderer(150);
    r.flush(1, 0);
    r.enqueue(pcm(0, framesIn(100), (short) 1), 1);
    handedToLine(r);
    r.play();
    time.advanceMs(20);
    assertThat(r.positionUs()).isEqualTo(20_000);

    r.flush(2, 3_000_000);
    assertThat(r.positionUs()).isEqualTo(3_000_000);
    assertThat(r.queuedEndUs()).isEqualTo(3_000_000);
    time.advanceMs(30);
    assertThat(r.positionUs()).as("nothing queued yet").isEqualTo(3_000_000);
    r.enqueue(pcm(3_000_000, framesIn(100), (short) 1), 2);
    handedToLine(r);
    time.advanceMs(50);
    assertThat(r.positionUs()).isEqualTo(3_050_000);
  }

  private static CompletableFuture<Boolean> enqueueAsync(
      AudioRenderer r, PcmChunk chunk, long generation, AtomicReference<Thread> thread) {
    return CompletableFuture.supplyAsync(
        () -> {
          thread.set(Thread.currentThread());
          try {
            return r.enqueue(chunk, generation);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void a_blocked_enqueue_returns_false_on_flush() throws Exception {
    AudioRenderer r = silentRenderer(150);
    r.flush(1, 0);
    assertThat(r.enqueue(pcm(0, framesIn(1000), (short) 1), 1)).isTrue();
    AtomicReference<Thread> decoder = new AtomicReference<>();
    CompletableFuture<Boolean> blocked =
        enqueueAsync(r, pcm(1_000_000, framesIn(100), (short) 1), 1, decoder);
    awaitTrue("the decoder runs", () -> decoder.get() != null);
    awaitBlocked(decoder.get());
    assertThat(blocked).isNotDone();

    r.flush(2, 0);
    assertThat(blocked.get(10, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void a_blocked_enqueue_returns_false_on_close_and_later_ones_too() throws Exception {
    AudioRenderer r = silentRenderer(150);
    r.flush(1, 0);
    r.enqueue(pcm(0, framesIn(1000), (short) 1), 1);
    AtomicReference<Thread> decoder = new AtomicReference<>();
    CompletableFuture<Boolean> blocked =
        enqueueAsync(r, pcm(1_000_000, framesIn(100), (short) 1), 1, decoder);
    awaitTrue("the decoder runs", () -> decoder.get() != null);
    awaitBlocked(decoder.get());

    r.close();
    assertThat(blocked.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(r.enqueue(pcm(1_100_000, framesIn(10), (short) 1), 1)).isFalse();
    r.close();
  }

  @Test
  void a_blocked_enqueue_proceeds_once_playback_drains_the_queue() throws Exception {
    AudioRenderer r = silentRenderer(150);
    r.flush(1, 0);
    r.enqueue(pcm(0, framesIn(700), (short) 1), 1);
    AtomicReference<Thread> decoder = new AtomicReference<>();
    CompletableFuture<Boolean> blocked =
        enqueueAsync(r, pcm(700_000, framesIn(100), (short) 1), 1, decoder);
    awaitTrue("the decoder runs", () -> decoder.get() != null);
    awaitBlocked(decoder.get());
    assertThat(blocked).isNotDone();

    r.play();
    // 700 ms queued, 150 ms of it in the line: the queue falls to the 500 ms limit after 50 ms.
    for (int i = 0; i < 20 && !blocked.isDone(); i++) {
      time.advanceMs(10);
      awaitTrue("the feeder refills the line", () -> line.availableBytes() < framesIn(10) * 4);
    }
    assertThat(blocked.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void volume_zero_and_mute_write_zeros_and_half_volume_halves_the_samples() throws Exception {
    AudioRenderer r = silentRenderer(1000);
    r.flush(1, 0);
    r.setVolume(0);
    r.enqueue(pcm(0, framesIn(10), (short) 1000), 1);
    handedToLine(r);
    r.setVolume(0.5);
    r.enqueue(pcm(10_000, framesIn(10), (short) -1000), 1);
    handedToLine(r);
    r.setMuted(true);
    r.enqueue(pcm(20_000, framesIn(10), (short) 1000), 1);
    handedToLine(r);
    r.setMuted(false);
    r.enqueue(pcm(30_000, framesIn(10), (short) 1000), 1);
    handedToLine(r);

    short[] left = line.leftSamples();
    assertThat(left).hasSize(framesIn(40));
    for (int i = 0; i < framesIn(10); i++) {
      assertThat(left[i]).isZero();
      assertThat(left[framesIn(10) + i]).isEqualTo((short) -500);
      assertThat(left[framesIn(20) + i]).isZero();
      assertThat(left[framesIn(30) + i]).isEqualTo((short) 500);
    }
  }

  @Test
  void a_volume_outside_zero_to_one_is_rejected() {
    AudioRenderer r = silentRenderer(150);
    assertThatThrownBy(() -> r.setVolume(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> r.setVolume(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gain_scales_signed_samples_with_rounding() {
    byte[] pcm = {(byte) 0xff, 0x7f, 0x00, (byte) 0x80, 0x03, 0x00};
    AudioRenderer.applyGain(pcm, pcm.length, 1 << 15);
    assertThat(pcm)
        .containsExactly((byte) 0x00, 0x40, 0x00, (byte) 0xc0, 0x02, 0x00); // 16384, -16384, 2
  }

  /** A device whose position moves in 20 ms steps, as ALSA periods do. */
  private static final class CoarseLine extends ForwardingLine {
    CoarseLine(AudioLine delegate) {
      super(delegate);
    }

    @Override
    public long framePosition() {
      long step = framesIn(20);
      return super.framePosition() / step * step;
    }
  }

  @Test
  void a_coarse_device_position_is_extrapolated_monotonic_and_never_past_the_audio_written()
      throws Exception {
    AudioRenderer r = renderer(1000, new CoarseLine(new SilentLine(time)));
    r.flush(1, 0);
    r.enqueue(pcm(0, framesIn(150), (short) 1), 1);
    handedToLine(r);
    r.play();

    time.advanceMs(10);
    assertThat(r.positionUs()).as("between two device steps").isEqualTo(10_000);
    long previousUs = r.positionUs();
    for (int elapsedMs = 15; elapsedMs <= 300; elapsedMs += 5) {
      time.advanceMs(5);
      long us = r.positionUs();
      long trueUs = Math.min(elapsedMs, 150) * 1000L;
      assertThat(us).as("at %d ms", elapsedMs).isGreaterThanOrEqualTo(previousUs);
      assertThat(us).as("at %d ms", elapsedMs).isLessThanOrEqualTo(150_000);
      assertThat(Math.abs(us - trueUs)).as("error at %d ms", elapsedMs).isLessThan(20_000);
      previousUs = us;
    }
    assertThat(previousUs).isEqualTo(150_000);
  }

  @Test
  void forcing_silence_gives_a_silent_output_with_a_problem_told_once() {
    AudioRenderer r = AudioRenderer.open(true);
    opened.add(r);
    assertThat(r.deviceAvailable()).isFalse();
    assertThat(r.deviceProblem())
        .hasValueSatisfying(
            text ->
                assertThat(text)
                    .contains("no audio device (silent output requested)")
                    .contains("playing silently"));
    assertThat(r.deviceProblem()).isEmpty();
  }

  @Test
  void opening_a_silent_output_leaves_telling_the_user_to_the_caller() {
    // The engine makes the problem a notice, logged once; the renderer logging it as well printed
    // the same line twice on a headless run's stderr.
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    AudioRenderer r;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      r = AudioRenderer.open(true);
    } finally {
      System.setErr(stderr);
    }
    opened.add(r);
    assertThat(r.deviceProblem()).isPresent();
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("no audio device");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void without_a_sound_card_opening_falls_back_to_silence_and_the_clock_follows_system_time()
      throws Exception {
    DataLine.Info info = new DataLine.Info(SourceDataLine.class, JavaSoundLine.FORMAT);
    Assumptions.assumeFalse(AudioSystem.isLineSupported(info), "this machine has a sound card");
    AudioRenderer r = AudioRenderer.open(false);
    opened.add(r);
    assertThat(r.deviceAvailable()).isFalse();
    assertThat(r.deviceProblem())
        .hasValueSatisfying(
            text ->
                assertThat(text)
                    .startsWith("no audio device (")
                    .contains("the clock follows the system clock"));

    r.flush(1, 0);
    r.enqueue(pcm(0, framesIn(100), (short) 1), 1);
    r.play();
    awaitTrue("the silent clock moves", () -> r.positionUs() > 0);
    assertThat(r.positionUs()).isLessThanOrEqualTo(100_000);
  }
}
