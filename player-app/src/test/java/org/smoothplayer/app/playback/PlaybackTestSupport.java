package org.smoothplayer.app.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.smoothplayer.app.net.TimeSource;
import org.smoothplayer.decoder.audio.PcmChunk;
import org.smoothplayer.decoder.video.PixelBufferPool;
import org.smoothplayer.decoder.video.VideoFrame;

/** Shared helpers of the playback tests: a hand-driven clock, PCM and frame builders, waits. */
final class PlaybackTestSupport {
  private PlaybackTestSupport() {}

  /** Frames in {@code ms} milliseconds at 48 kHz. */
  static int framesIn(long ms) {
    return (int) (ms * PcmChunk.SAMPLE_RATE_HZ / 1000);
  }

  /** A time source that moves only when told to. */
  static final class ManualTime implements TimeSource {
    private final AtomicLong nowNs = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
      return nowNs.get();
    }

    void advanceMs(long ms) {
      nowNs.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }
  }

  /** A media clock set by hand. */
  static final class ManualClock implements MediaClock {
    private final AtomicLong positionUs = new AtomicLong();

    @Override
    public long positionUs() {
      return positionUs.get();
    }

    void setUs(long us) {
      positionUs.set(us);
    }
  }

  /** A stereo chunk whose every sample is {@code sampleValue}. */
  static PcmChunk pcm(long ptsUs, int frames, short sampleValue) {
    ByteBuffer data = ByteBuffer.allocate(frames * PcmChunk.BYTES_PER_FRAME);
    data.order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames * PcmChunk.CHANNELS; i++) {
      data.putShort(sampleValue);
    }
    data.flip();
    return new PcmChunk(ptsUs, frames, data);
  }

  /** A 2x2 pooled frame. */
  static VideoFrame frame(PixelBufferPool pool, long ptsUs, long durationUs) {
    ByteBuffer pixels = pool.acquire(2 * 2 * VideoFrame.BYTES_PER_PIXEL);
    return new VideoFrame(ptsUs, durationUs, 2, 2, 8, 2, 2, pixels, pool);
  }

  /** Whether {@code frame} was closed (its pixels are no longer readable). */
  static boolean isClosed(VideoFrame frame) {
    try {
      frame.pixels();
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /** Waits (bounded) until {@code condition} holds; fails the test on timeout. */
  /** Waits (at most 10 s) until the renderer has handed its whole queue to the line. */
  static void handedToLine(AudioRenderer r) throws InterruptedException {
    assertThat(r.awaitHandedToLine(10_000)).as("queue handed to the line").isTrue();
  }

  static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadlineNs) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(1);
    }
  }

  /** Waits until {@code thread} is parked in a wait (blocked by back-pressure). */
  static void awaitBlocked(Thread thread) throws InterruptedException {
    awaitTrue(
        thread.getName() + " blocks",
        () ->
            thread.getState() == Thread.State.WAITING
                || thread.getState() == Thread.State.TIMED_WAITING);
  }

  /** An {@link AudioLine} that records every byte written to it. */
  static final class RecordingLine extends ForwardingLine {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    RecordingLine(AudioLine delegate) {
      super(delegate);
    }

    @Override
    public int write(byte[] data, int offset, int lengthBytes) {
      int n = super.write(data, offset, lengthBytes);
      synchronized (written) {
        written.write(data, offset, n);
      }
      return n;
    }

    /** The left-channel samples written so far. */
    short[] leftSamples() {
      byte[] bytes;
      synchronized (written) {
        bytes = written.toByteArray();
      }
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      short[] out = new short[bytes.length / PcmChunk.BYTES_PER_FRAME];
      for (int i = 0; i < out.length; i++) {
        out[i] = b.getShort(i * PcmChunk.BYTES_PER_FRAME);
      }
      return out;
    }
  }
}
