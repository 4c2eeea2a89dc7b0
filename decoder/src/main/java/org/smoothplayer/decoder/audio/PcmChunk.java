package org.smoothplayer.decoder.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decoded audio in the one output format of the player: {@value #SAMPLE_RATE_HZ} Hz, {@value
 * #CHANNELS} channels, signed 16-bit little-endian, interleaved (left, right).
 *
 * @param presentationTimeUs presentation time of the first sample frame, in microseconds
 * @param frameCount number of sample frames (one sample per channel each)
 * @param data the PCM bytes: {@code frameCount * 4} bytes, read-only, little-endian
 */
public record PcmChunk(long presentationTimeUs, int frameCount, ByteBuffer data) {

  /** Output sampling rate. */
  public static final int SAMPLE_RATE_HZ = 48_000;

  /** Output channels (stereo). */
  public static final int CHANNELS = 2;

  /** Bytes per sample of one channel (signed 16-bit). */
  public static final int BYTES_PER_SAMPLE = 2;

  /** Bytes per sample frame (all channels). */
  public static final int BYTES_PER_FRAME = CHANNELS * BYTES_PER_SAMPLE;

  public PcmChunk {
    if (frameCount < 0) {
      throw new IllegalArgumentException("frameCount must be >= 0, was " + frameCount);
    }
    if (data.remaining() != (long) frameCount * BYTES_PER_FRAME) {
      throw new IllegalArgumentException(
          "data must hold frameCount * 4 = "
              + (long) frameCount * BYTES_PER_FRAME
              + " bytes, held "
              + data.remaining());
    }
    data = data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Duration of the chunk in microseconds (rounded down). */
  public long durationUs() {
    return frameCount * 1_000_000L / SAMPLE_RATE_HZ;
  }

  /** The PCM bytes as a fresh array. */
  public byte[] bytes() {
    byte[] out = new byte[data.remaining()];
    data.duplicate().get(out);
    return out;
  }
}
