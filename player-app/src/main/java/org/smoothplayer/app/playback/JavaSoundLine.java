package org.smoothplayer.app.playback;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.decoder.audio.PcmChunk;

/**
 * The machine's audio device through a Java Sound {@link SourceDataLine}.
 *
 * <p>Thread ownership: {@code line} is written once by {@link #open} before the line is shared.
 */
final class JavaSoundLine implements AudioLine {

  /** The player's output format: 48 kHz, 16-bit signed, stereo, little-endian. */
  static final AudioFormat FORMAT =
      new AudioFormat(
          PcmChunk.SAMPLE_RATE_HZ, PcmChunk.BYTES_PER_SAMPLE * 8, PcmChunk.CHANNELS, true, false);

  private volatile @Nullable SourceDataLine line;

  @Override
  public void open(int bufferFrames) throws LineUnavailableException {
    if (bufferFrames <= 0) {
      throw new IllegalArgumentException("bufferFrames must be > 0, was " + bufferFrames);
    }
    DataLine.Info info = new DataLine.Info(SourceDataLine.class, FORMAT);
    // Throws IllegalArgumentException when no mixer offers the format (no sound card).
    SourceDataLine opened = (SourceDataLine) AudioSystem.getLine(info);
    opened.open(FORMAT, bufferFrames * PcmChunk.BYTES_PER_FRAME);
    line = opened;
  }

  private SourceDataLine line() {
    SourceDataLine l = line;
    if (l == null) {
      throw new IllegalStateException("the audio line is not open");
    }
    return l;
  }

  @Override
  public int bufferFrames() {
    return line().getBufferSize() / PcmChunk.BYTES_PER_FRAME;
  }

  @Override
  public void start() {
    line().start();
  }

  @Override
  public void stop() {
    line().stop();
  }

  @Override
  public void flush() {
    line().flush();
  }

  @Override
  public int write(byte[] data, int offset, int lengthBytes) {
    return line().write(data, offset, lengthBytes);
  }

  @Override
  public long framePosition() {
    return line().getLongFramePosition();
  }

  @Override
  public int availableBytes() {
    return line().available();
  }

  @Override
  public void close() {
    SourceDataLine l = line;
    if (l != null) {
      l.close();
    }
  }

  @Override
  public String toString() {
    SourceDataLine l = line;
    return "JavaSoundLine[" + (l == null ? "not open" : l.getLineInfo()) + "]";
  }
}
