package org.smoothplayer.decoder.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PixelBufferPoolTest {

  @Test
  void a_released_buffer_is_handed_out_again_instead_of_a_new_one() {
    PixelBufferPool pool = new PixelBufferPool();
    ByteBuffer first = pool.acquire(4096);
    pool.release(first);
    ByteBuffer second = pool.acquire(4096);

    assertThat(second).isSameAs(first);
    assertThat(pool.allocatedCount()).isEqualTo(1);
  }

  @Test
  void buffers_are_direct_exactly_sized_and_aligned_for_simd() {
    PixelBufferPool pool = new PixelBufferPool();
    ByteBuffer buffer = pool.acquire(1000);
    assertThat(buffer.isDirect()).isTrue();
    assertThat(buffer.capacity()).isEqualTo(1000);
    assertThat(buffer.alignmentOffset(0, PixelBufferPool.ALIGNMENT_BYTES)).isZero();
  }

  @Test
  void a_size_change_lets_buffers_of_the_old_size_go() {
    PixelBufferPool pool = new PixelBufferPool();
    ByteBuffer small = pool.acquire(100);
    pool.acquire(200);
    pool.release(small);
    assertThat(pool.idleCount()).isZero();
  }

  @Test
  void idle_buffers_are_capped_and_a_closed_pool_keeps_none() {
    PixelBufferPool pool = new PixelBufferPool(1);
    ByteBuffer a = pool.acquire(64);
    ByteBuffer b = pool.acquire(64);
    pool.release(a);
    pool.release(b);
    assertThat(pool.idleCount()).isEqualTo(1);
    pool.close();
    assertThat(pool.idleCount()).isZero();
    pool.release(a);
    assertThat(pool.idleCount()).isZero();
  }

  @Test
  void closing_a_frame_twice_returns_its_buffer_once() {
    PixelBufferPool pool = new PixelBufferPool();
    ByteBuffer pixels = pool.acquire(64 * 2);
    VideoFrame frame = new VideoFrame(0, 0, 16, 2, 64, 16, 2, pixels, pool);
    frame.close();
    frame.close();
    assertThat(pool.idleCount()).isEqualTo(1);
    assertThatThrownBy(frame::pixels).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_frame_rejects_a_buffer_smaller_than_its_rows() {
    assertThatThrownBy(() -> new VideoFrame(0, 0, 16, 4, 64, 16, 4, ByteBuffer.allocate(100), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strideBytes * heightPx = 256");
  }
}
