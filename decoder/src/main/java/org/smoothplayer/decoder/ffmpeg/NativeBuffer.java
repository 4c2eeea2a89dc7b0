package org.smoothplayer.decoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * A growable block of {@code av_malloc} memory that packets are assembled in before FFmpeg reads
 * them, always followed by {@code AV_INPUT_BUFFER_PADDING_SIZE} zeroed bytes (FFmpeg's bitstream
 * readers may over-read that far). Owned by one decoder; freed by {@link #close()}.
 */
final class NativeBuffer implements AutoCloseable {

  /** Largest payload ever assembled, in bytes. */
  static final int MAX_CAPACITY_BYTES = 64 << 20;

  private @Nullable BytePointer memory;
  private @Nullable ByteBuffer view;
  private int capacityBytes;
  private int sizeBytes;

  /**
   * A writable view of at least {@code payloadBytes} bytes, position 0, limit {@code payloadBytes};
   * the contents are undefined. Invalidates earlier views.
   */
  ByteBuffer prepare(int payloadBytes) {
    if (payloadBytes < 0 || payloadBytes > MAX_CAPACITY_BYTES) {
      throw new IllegalArgumentException(
          "payload must be 0.." + MAX_CAPACITY_BYTES + " bytes, was " + payloadBytes);
    }
    if (memory == null || payloadBytes > capacityBytes) {
      int newCapacity = Math.max(payloadBytes, Math.min(MAX_CAPACITY_BYTES, capacityBytes * 3 / 2));
      newCapacity = Math.max(newCapacity, 4096);
      free();
      Pointer raw = av_malloc((long) newCapacity + AV_INPUT_BUFFER_PADDING_SIZE);
      if (raw == null || raw.isNull()) {
        throw new OutOfMemoryError("av_malloc of " + newCapacity + " bytes failed");
      }
      BytePointer bytes = new BytePointer(raw);
      bytes.capacity((long) newCapacity + AV_INPUT_BUFFER_PADDING_SIZE);
      memory = bytes;
      view = bytes.asBuffer().order(ByteOrder.BIG_ENDIAN);
      capacityBytes = newCapacity;
    }
    ByteBuffer out = view;
    out.clear();
    out.limit(payloadBytes);
    sizeBytes = payloadBytes;
    return out;
  }

  /**
   * Ends writing: zeroes the padding after the {@code payloadBytes} given to {@link #prepare} and
   * returns the memory to hand to FFmpeg.
   */
  BytePointer seal() {
    ByteBuffer out = view;
    BytePointer bytes = memory;
    if (out == null || bytes == null) {
      throw new IllegalStateException("seal() before prepare()");
    }
    out.clear();
    for (int i = 0; i < AV_INPUT_BUFFER_PADDING_SIZE; i++) {
      out.put(sizeBytes + i, (byte) 0);
    }
    return bytes;
  }

  /** Size of the current payload. */
  int sizeBytes() {
    return sizeBytes;
  }

  private void free() {
    if (memory != null) {
      av_free(memory);
      memory = null;
      view = null;
      capacityBytes = 0;
    }
  }

  /** Frees the memory; idempotent. */
  @Override
  public void close() {
    free();
  }
}
