package org.smoothplayer.app.playback;

import javax.sound.sampled.LineUnavailableException;

/** An {@link AudioLine} passing every call to another; tests override what they change. */
public class ForwardingLine implements AudioLine {
  private final AudioLine delegate;

  public ForwardingLine(AudioLine delegate) {
    this.delegate = delegate;
  }

  @Override
  public void open(int bufferFrames) throws LineUnavailableException {
    delegate.open(bufferFrames);
  }

  @Override
  public int bufferFrames() {
    return delegate.bufferFrames();
  }

  @Override
  public void start() {
    delegate.start();
  }

  @Override
  public void stop() {
    delegate.stop();
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public int write(byte[] data, int offset, int lengthBytes) {
    return delegate.write(data, offset, lengthBytes);
  }

  @Override
  public long framePosition() {
    return delegate.framePosition();
  }

  @Override
  public int availableBytes() {
    return delegate.availableBytes();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
