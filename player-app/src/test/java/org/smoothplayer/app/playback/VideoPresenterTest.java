package org.smoothplayer.app.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smoothplayer.app.playback.PlaybackTestSupport.awaitBlocked;
import static org.smoothplayer.app.playback.PlaybackTestSupport.frame;
import static org.smoothplayer.app.playback.PlaybackTestSupport.isClosed;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.playback.PlaybackTestSupport.ManualClock;
import org.smoothplayer.decoder.video.PixelBufferPool;
import org.smoothplayer.decoder.video.VideoFrame;

/** {@link VideoPresenter} against a hand-set clock and a real pixel buffer pool. */
class VideoPresenterTest {
  private static final long FRAME_US = 33_333;

  private final ManualClock clock = new ManualClock();
  private final PixelBufferPool pool = new PixelBufferPool(1000);
  private final List<Thread> threads = new ArrayList<>();

  @AfterEach
  void joinThreads() throws InterruptedException {
    for (Thread t : threads) {
      t.join(10_000);
    }
  }

  private VideoFrame frameAt(long ptsUs) {
    return frame(pool, ptsUs, FRAME_US);
  }

  @Test
  void the_newest_due_frame_is_shown_and_older_due_ones_are_dropped_per_level() throws Exception {
    VideoPresenter p = new VideoPresenter(clock, 3);
    VideoFrame f0 = frameAt(0);
    VideoFrame f1 = frameAt(33_333);
    VideoFrame f2 = frameAt(66_667);
    VideoFrame f3 = frameAt(100_000);
    assertThat(p.offer(f0, 0, 0)).isTrue();
    assertThat(p.offer(f1, 2, 0)).isTrue();
    assertThat(p.offer(f2, 2, 0)).isTrue();
    assertThat(p.offer(f3, 1, 0)).isTrue();

    clock.setUs(70_000);
    ShownFrame shown = p.pickDue();

    assertThat(shown).isNotNull();
    assertThat(shown.frame()).isSameAs(f2);
    assertThat(shown.level()).isEqualTo(2);
    assertThat(shown.driftUs()).isEqualTo(3_333);
    assertThat(isClosed(f2)).as("the shown frame stays open for the renderer").isFalse();
    assertThat(isClosed(f0)).isTrue();
    assertThat(isClosed(f1)).isTrue();
    FrameCounters c = p.counters();
    assertThat(c.rendered()).isEqualTo(1);
    assertThat(c.dropped()).isEqualTo(2);
    assertThat(c.droppedPerLevel()).containsExactly(1, 0, 1);
    assertThat(c.renderedPerLevel()).containsExactly(0, 0, 1);
    assertThat(c.renderedAt(2)).isEqualTo(1);
    assertThat(c.droppedAt(0)).isEqualTo(1);
    assertThat(p.lastShownLevel()).isEqualTo(2);
    assertThat(p.lastShownPtsUs()).isEqualTo(66_667);
    assertThat(p.nextDueUs()).hasValue(100_000);
    assertThat(p.queuedFrames()).isEqualTo(1);
    assertThat(p.drainDriftUs()).containsExactly(3_333);
    assertThat(p.drainDriftUs()).isEmpty();
    shown.frame().close();
    p.close();
  }

  @Test
  void frames_the_decoder_could_not_decode_count_as_dropped_at_their_level() {
    VideoPresenter p = new VideoPresenter(clock, 3);
    p.countUndecoded(2, 24);
    p.countUndecoded(2, 1);
    p.countUndecoded(0, 0);
    FrameCounters c = p.counters();
    assertThat(c.droppedAt(2)).isEqualTo(25);
    assertThat(c.droppedAt(0)).isZero();
    assertThat(c.dropped()).isEqualTo(25);
    assertThat(c.rendered()).isZero();
    assertThatThrownBy(() -> p.countUndecoded(3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..2");
    assertThatThrownBy(() -> p.countUndecoded(1, -1)).isInstanceOf(IllegalArgumentException.class);
    p.close();
  }

  @Test
  void nothing_due_gives_null() throws Exception {
    VideoPresenter p = new VideoPresenter(clock, 1);
    assertThat(p.pickDue()).isNull();
    assertThat(p.nextDueUs()).isEqualTo(OptionalLong.empty());
    assertThat(p.lastShownLevel()).isEqualTo(-1);
    assertThat(p.lastShownPtsUs()).isEqualTo(-1);

    p.offer(frameAt(0), 0, 0);
    p.offer(frameAt(33_333), 0, 0);
    clock.setUs(10_000);
    ShownFrame first = p.pickDue();
    assertThat(first).isNotNull();
    first.frame().close();
    assertThat(p.pickDue()).as("the next frame is 23 ms away").isNull();
    assertThat(p.counters().rendered()).isEqualTo(1);
    assertThat(p.counters().dropped()).isZero();
    p.close();
  }

  @Test
  void after_a_flush_frames_ending_before_the_target_are_refused_and_the_one_holding_it_is_shown()
      throws Exception {
    VideoPresenter p = new VideoPresenter(clock, 1);
    p.flush(1, 10_010_000);
    VideoFrame before = frame(pool, 9_966_667, 33_333);
    VideoFrame holding = frame(pool, 10_000_000, 33_333);
    assertThat(p.offer(before, 0, 1)).isFalse();
    assertThat(isClosed(before)).isTrue();
    assertThat(p.offer(holding, 0, 1)).isTrue();
    p.offer(frame(pool, 10_033_333, 33_333), 0, 1);
    assertThat(p.queuedEndUs()).isEqualTo(10_066_666);

    clock.setUs(10_010_000);
    ShownFrame shown = p.pickDue();
    assertThat(shown).isNotNull();
    assertThat(shown.frame()).isSameAs(holding);
    assertThat(shown.driftUs()).isEqualTo(10_000);
    assertThat(p.counters().dropped()).as("refused frames are not drops").isZero();
    shown.frame().close();
    p.close();
  }

  @Test
  void after_a_flush_the_first_frame_is_shown_up_to_one_frame_early_but_the_next_is_not()
      throws Exception {
    VideoPresenter p = new VideoPresenter(clock, 1);
    p.flush(1, 10_000_000);
    clock.setUs(10_000_000);
    p.offer(frame(pool, 10_020_000, 33_333), 0, 1);
    p.offer(frame(pool, 10_053_333, 33_333), 0, 1);

    ShownFrame shown = p.pickDue();
    assertThat(shown).isNotNull();
    assertThat(shown.frame().presentationTimeUs()).isEqualTo(10_020_000);
    assertThat(shown.driftUs()).isEqualTo(-20_000);
    shown.frame().close();
    clock.setUs(10_030_000);
    assertThat(p.pickDue()).isNull();
    p.close();
  }

  @Test
  void a_frame_more_than_one_frame_ahead_of_the_clock_is_not_shown_after_a_flush()
      throws Exception {
    VideoPresenter p = new VideoPresenter(clock, 1);
    p.flush(1, 0);
    p.offer(frameAt(50_000), 0, 1);
    assertThat(p.pickDue()).isNull();
    p.close();
  }

  @Test
  void a_frame_of_a_stale_generation_is_closed_and_not_counted() throws Exception {
    VideoPresenter p = new VideoPresenter(clock, 1);
    p.flush(2, 0);
    VideoFrame stale = frameAt(0);
    assertThat(p.offer(stale, 0, 1)).isFalse();
    assertThat(isClosed(stale)).isTrue();
    assertThat(p.queuedFrames()).isZero();
    assertThat(p.queuedEndUs()).isEqualTo(-1);
    assertThat(p.counters()).isEqualTo(new FrameCounters(0, 0, new long[1], new long[1]));
    p.close();
  }

  @Test
  void frames_offered_out_of_order_are_queued_in_presentation_order() throws Exception {
    VideoPresenter p = new VideoPresenter(clock, 1);
    p.offer(frameAt(66_667), 0, 0);
    p.offer(frameAt(33_333), 0, 0);
    p.offer(frameAt(100_000), 0, 0);
    assertThat(p.nextDueUs()).hasValue(33_333);
    clock.setUs(40_000);
    ShownFrame shown = p.pickDue();
    assertThat(shown.frame().presentationTimeUs()).isEqualTo(33_333);
    shown.frame().close();
    p.close();
  }

  @Test
  void a_level_outside_the_ladder_is_rejected_naming_the_range_and_the_frame_closed() {
    VideoPresenter p = new VideoPresenter(clock, 3);
    VideoFrame f = frameAt(0);
    assertThatThrownBy(() -> p.offer(f, 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..2")
        .hasMessageContaining("was 3");
    assertThat(isClosed(f)).isTrue();
    assertThatThrownBy(() -> new VideoPresenter(clock, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private CompletableFuture<Boolean> offerOnDecodeThread(
      VideoPresenter p, VideoFrame f, long generation) throws InterruptedException {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(p.offer(f, 0, generation));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "test-decode-video");
    threads.add(t);
    t.start();
    awaitBlocked(t);
    return result;
  }

  @Test
  void offer_blocks_at_capacity_and_a_pick_lets_it_through() throws Exception {
    VideoPresenter p = new VideoPresenter(clock, 1, 2);
    p.offer(frameAt(0), 0, 0);
    p.offer(frameAt(33_333), 0, 0);
    CompletableFuture<Boolean> third = offerOnDecodeThread(p, frameAt(66_667), 0);
    assertThat(third).isNotDone();

    clock.setUs(0);
    ShownFrame shown = p.pickDue();
    shown.frame().close();
    assertThat(third.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.queuedFrames()).isEqualTo(2);
    p.close();
  }

  @Test
  void a_blocked_offer_returns_false_on_flush_and_its_frame_is_closed() throws Exception {
    VideoPresenter p = new VideoPresenter(clock, 1, 1);
    p.offer(frameAt(0), 0, 0);
    VideoFrame waiting = frameAt(33_333);
    CompletableFuture<Boolean> blocked = offerOnDecodeThread(p, waiting, 0);

    p.flush(1, 0);
    assertThat(blocked.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(isClosed(waiting)).isTrue();
    assertThat(p.queuedFrames()).isZero();
    p.close();
  }

  @Test
  void a_blocked_offer_returns_false_on_close_and_later_offers_too() throws Exception {
    VideoPresenter p = new VideoPresenter(clock, 1, 1);
    VideoFrame queued = frameAt(0);
    p.offer(queued, 0, 0);
    VideoFrame waiting = frameAt(33_333);
    CompletableFuture<Boolean> blocked = offerOnDecodeThread(p, waiting, 0);

    p.close();
    assertThat(blocked.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(isClosed(queued)).isTrue();
    assertThat(isClosed(waiting)).isTrue();
    VideoFrame late = frameAt(66_667);
    assertThat(p.offer(late, 0, 0)).isFalse();
    assertThat(isClosed(late)).isTrue();
  }

  @Test
  void every_frame_returns_to_the_pool_once_whatever_happened_to_it() throws Exception {
    VideoPresenter p = new VideoPresenter(clock, 2, 4);
    int made = 0;
    List<VideoFrame> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(frameAt(i * FRAME_US));
      made++;
    }
    assertThat(pool.allocatedCount()).isEqualTo(made);
    int next = 0;
    for (int round = 0; round < 10; round++) {
      while (p.queuedFrames() < 4 && next < all.size()) {
        p.offer(all.get(next), next % 2, round < 5 ? 0 : 1);
        next++;
      }
      clock.setUs(next * FRAME_US - (round % 3) * FRAME_US);
      ShownFrame shown = p.pickDue();
      if (shown != null) {
        assertThat(isClosed(shown.frame())).isFalse();
        shown.frame().close();
      }
      if (round == 4) {
        p.flush(1, next * FRAME_US);
      }
    }
    while (next < all.size()) {
      p.offer(all.get(next), 0, 7);
      next++;
    }
    p.close();

    assertThat(all).allMatch(PlaybackTestSupport::isClosed);
    assertThat(pool.idleCount()).as("buffers back in the pool").isEqualTo(made);
    FrameCounters c = p.counters();
    assertThat(c.rendered()).isEqualTo(c.renderedAt(0) + c.renderedAt(1)).isPositive();
    assertThat(c.dropped()).isEqualTo(c.droppedAt(0) + c.droppedAt(1)).isPositive();
  }
}
