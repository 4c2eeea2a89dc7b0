package org.smoothplayer.app.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smoothplayer.app.playback.PlaybackTestSupport.awaitTrue;
import static org.smoothplayer.app.playback.PlaybackTestSupport.frame;
import static org.smoothplayer.app.playback.PlaybackTestSupport.framesIn;
import static org.smoothplayer.app.playback.PlaybackTestSupport.pcm;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smoothplayer.decoder.video.PixelBufferPool;

/** {@link HeadlessRenderer} paced by a real-time silent audio clock. */
class HeadlessRendererTest {
  private static final int FRAMES = 30;
  private static final long FRAME_US = 33_333;
  private static final int AUDIO_PIECE_MS = 20;

  @Test
  @Timeout(30)
  void one_second_of_30_fps_video_plays_without_drops_and_within_20_ms_of_the_audio_clock()
      throws Exception {
    PixelBufferPool pool = new PixelBufferPool(64);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (AudioRenderer audio = AudioRenderer.open(true);
        VideoPresenter presenter = new VideoPresenter(audio, 3);
        HeadlessRenderer renderer = new HeadlessRenderer(presenter, audio)) {
      audio.flush(1, 0);
      presenter.flush(1, 0);
      // Prime both queues before the clock runs, as the engine does.
      long audioAtUs = 0;
      while (audioAtUs < AudioRenderer.DEFAULT_QUEUE_LIMIT_US) {
        audio.enqueue(pcm(audioAtUs, framesIn(AUDIO_PIECE_MS), (short) 0), 1);
        audioAtUs += AUDIO_PIECE_MS * 1000L;
      }
      int firstFrames = VideoPresenter.DEFAULT_CAPACITY_FRAMES;
      for (int i = 0; i < firstFrames; i++) {
        presenter.offer(frame(pool, i * FRAME_US, FRAME_US), i % 3, 1);
      }
      long audioStartUs = audioAtUs;
      Thread audioDecoder =
          new Thread(
              () -> {
                try {
                  for (long at = audioStartUs; at < 1_300_000; at += AUDIO_PIECE_MS * 1000L) {
                    audio.enqueue(pcm(at, framesIn(AUDIO_PIECE_MS), (short) 0), 1);
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              },
              "test-decode-audio");
      Thread videoDecoder =
          new Thread(
              () -> {
                try {
                  for (int i = firstFrames; i < FRAMES; i++) {
                    presenter.offer(frame(pool, i * FRAME_US, FRAME_US), i % 3, 1);
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              },
              "test-decode-video");
      audioDecoder.start();
      videoDecoder.start();

      audio.play();
      renderer.start();
      awaitTrue("all frames rendered", () -> renderer.renderedFrames() == FRAMES);
      // Both decoders finish on their own: the audio one once the clock has drained its queue.
      videoDecoder.join();
      audioDecoder.join();

      assertThat(failure.get()).isNull();
      FrameCounters counters = presenter.counters();
      assertThat(counters.rendered()).isEqualTo(FRAMES);
      assertThat(counters.dropped()).isZero();
      assertThat(counters.renderedPerLevel()).containsExactly(10, 10, 10);
      long[] driftsUs = presenter.drainDriftUs();
      assertThat(driftsUs).hasSize(FRAMES);
      assertThat(Arrays.stream(driftsUs).map(Math::abs).max().orElseThrow())
          .as("largest |drift| of %s", Arrays.toString(driftsUs))
          .isLessThan(20_000);
    }
    // Buffers are recycled as frames close: all of them are back once every frame is closed.
    assertThat((long) pool.idleCount()).as("every frame closed").isEqualTo(pool.allocatedCount());
  }

  @Test
  void closing_stops_the_render_thread_and_leaves_later_frames_queued() throws Exception {
    PlaybackTestSupport.ManualClock clock = new PlaybackTestSupport.ManualClock();
    PixelBufferPool pool = new PixelBufferPool(8);
    try (VideoPresenter presenter = new VideoPresenter(clock, 1)) {
      presenter.offer(frame(pool, 0, FRAME_US), 0, 0);
      presenter.offer(frame(pool, FRAME_US, FRAME_US), 0, 0);
      HeadlessRenderer renderer = new HeadlessRenderer(presenter, clock);
      renderer.start();
      awaitTrue("the first frame rendered", () -> renderer.renderedFrames() == 1);
      renderer.close();
      renderer.close();
      clock.setUs(FRAME_US);
      assertThat(presenter.queuedFrames()).isEqualTo(1);
      assertThat(renderer.renderedFrames()).isEqualTo(1);
    }
  }
}
