package org.smoothplayer.app.manifest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts bytes read and fails once more than a limit have been read; never buffers. */
final class BoundedInputStream extends FilterInputStream {
  private final long limit;
  private long count;
  private boolean exceeded;

  BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  /** Thrown once the limit is passed. */
  static final class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceededException(long limit) {
      super("document larger than " + limit + " bytes");
    }
  }

  boolean exceeded() {
    return exceeded;
  }

  @Override
  public int read() throws IOException {
    check(1);
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    check(1);
    // Read at most one byte past the limit, so an exact-size document is accepted.
    int allowed = (int) Math.min(len, limit - count + 1);
    int n = super.read(b, off, allowed);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skip is not supported");
  }

  private void check(int next) throws LimitExceededException {
    if (exceeded || count + next > limit + 1) {
      exceeded = true;
      throw new LimitExceededException(limit);
    }
  }

  private void count(int n) throws LimitExceededException {
    count += n;
    if (count > limit) {
      exceeded = true;
      throw new LimitExceededException(limit);
    }
  }
}
