package org.smoothplayer.decoder.video;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;

/**
 * Recycles the frame-sized pixel buffers of one decoder, so steady-state decoding allocates no
 * frame-sized memory: a frame's buffer comes back here when the frame is closed.
 *
 * <p>Buffers are direct (off-heap, reachable by native code without copying) and 64-byte aligned
 * (what FFmpeg's SIMD code prefers). They are owned by the JVM, not by this pool: a buffer still
 * held by a frame stays valid after the pool is closed, so a late renderer can never touch freed
 * memory. Only buffers of the current size are kept; a size change (quality switch, window resize)
 * lets the old ones go.
 *
 * <p>Thread ownership: {@link #acquire} runs on the decode thread, {@link #release} on whichever
 * thread closes a frame; all state is guarded by {@code this}.
 */
public final class PixelBufferPool implements AutoCloseable {

  /** Alignment of every buffer's first byte, in bytes. */
  public static final int ALIGNMENT_BYTES = 64;

  /** Idle buffers kept at most, by default. */
  public static final int DEFAULT_MAX_IDLE = 8;

  private final int maxIdle;
  // Guarded by this.
  private final ArrayDeque<ByteBuffer> idle = new ArrayDeque<>();
  // Guarded by this.
  private int capacityBytes;
  // Guarded by this.
  private long allocated;
  // Guarded by this.
  private boolean closed;

  /** A pool keeping at most {@link #DEFAULT_MAX_IDLE} idle buffers. */
  public PixelBufferPool() {
    this(DEFAULT_MAX_IDLE);
  }

  /** A pool keeping at most {@code maxIdle} idle buffers. */
  public PixelBufferPool(int maxIdle) {
    if (maxIdle < 0) {
      throw new IllegalArgumentException("maxIdle must be >= 0, was " + maxIdle);
    }
    this.maxIdle = maxIdle;
  }

  /**
   * A buffer of exactly {@code sizeBytes} (position 0, limit = capacity = size), recycled when one
   * of that size is idle.
   */
  public synchronized ByteBuffer acquire(int sizeBytes) {
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("sizeBytes must be > 0, was " + sizeBytes);
    }
    if (sizeBytes != capacityBytes) {
      idle.clear();
      capacityBytes = sizeBytes;
    }
    ByteBuffer recycled = idle.pollFirst();
    if (recycled != null) {
      recycled.clear();
      return recycled;
    }
    allocated++;
    // alignedSlice() trims both ends to the alignment: leave room for that.
    long rounded = ((long) sizeBytes + ALIGNMENT_BYTES - 1) / ALIGNMENT_BYTES * ALIGNMENT_BYTES;
    if (rounded + ALIGNMENT_BYTES > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("sizeBytes too large: " + sizeBytes);
    }
    ByteBuffer raw = ByteBuffer.allocateDirect((int) rounded + ALIGNMENT_BYTES);
    ByteBuffer aligned = raw.alignedSlice(ALIGNMENT_BYTES);
    aligned.limit(sizeBytes);
    return aligned.slice().order(ByteOrder.nativeOrder());
  }

  /** Gives a buffer back; buffers of another size, or beyond the idle limit, are let go. */
  public synchronized void release(ByteBuffer buffer) {
    if (!closed && buffer.capacity() == capacityBytes && idle.size() < maxIdle) {
      idle.addFirst(buffer);
    }
  }

  /** Frame-sized buffers allocated since construction. */
  public synchronized long allocatedCount() {
    return allocated;
  }

  /** Buffers currently idle in the pool. */
  public synchronized int idleCount() {
    return idle.size();
  }

  /** Drops the idle buffers; later releases are ignored. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    idle.clear();
  }
}
