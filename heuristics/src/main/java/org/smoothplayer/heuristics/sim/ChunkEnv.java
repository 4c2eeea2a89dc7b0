package org.smoothplayer.heuristics.sim;

/**
 * The exact fragment-level environment: link position plus buffer. Mutable, owned by one simulated
 * session; {@link #copy()} makes an independent branch (used by the optimum and the oracle).
 */
public final class ChunkEnv {
  private final Video video;
  private final SimConfig config;
  private final LinkCursor link;
  private double bufferMs;
  private int nextFragment;

  /** A fresh session on {@code trace}: empty buffer, first fragment next. */
  public ChunkEnv(Trace trace, Video video, SimConfig config) {
    this(video, config, new LinkCursor(trace), 0, 0);
  }

  private ChunkEnv(
      Video video, SimConfig config, LinkCursor link, double bufferMs, int nextFragment) {
    this.video = video;
    this.config = config;
    this.link = link;
    this.bufferMs = bufferMs;
    this.nextFragment = nextFragment;
  }

  /** An independent copy of this state. */
  public ChunkEnv copy() {
    return new ChunkEnv(video, config, link.copy(), bufferMs, nextFragment);
  }

  /** Result of one fragment download. */
  public record Step(
      int fragment,
      int level,
      long bytes,
      double delayMs,
      double sleepMs,
      double rebufferMs,
      double bufferMs) {}

  /** Downloads the next fragment at {@code level} and applies the buffer rules. */
  public Step fetch(int level) {
    if (nextFragment >= video.fragmentCount()) {
      throw new IllegalStateException("all " + video.fragmentCount() + " fragments fetched");
    }
    long bytes = video.bytes()[level][nextFragment];
    double delayMs = link.transferS(bytes, config.payloadFactor()) * 1000.0 + config.rttMs();
    double rebufferMs = Math.max(delayMs - bufferMs, 0.0);
    bufferMs = Math.max(bufferMs - delayMs, 0.0) + video.fragmentDurationS() * 1000.0;
    double sleepMs = 0;
    if (bufferMs > config.bufferCapMs()) {
      double drain = bufferMs - config.bufferCapMs();
      sleepMs = Math.ceil(drain / config.drainStepMs()) * config.drainStepMs();
      bufferMs -= sleepMs;
      link.sleepMs(sleepMs);
    }
    Step step = new Step(nextFragment, level, bytes, delayMs, sleepMs, rebufferMs, bufferMs);
    nextFragment++;
    return step;
  }

  /** A copy of the link position. */
  public LinkCursor cursorCopy() {
    return link.copy();
  }

  /** Buffer in milliseconds. */
  public double bufferMs() {
    return bufferMs;
  }

  /** Index of the next fragment. */
  public int nextFragment() {
    return nextFragment;
  }

  /** Trace position in seconds. */
  public double tracePositionS() {
    return link.positionS();
  }

  /** The video. */
  public Video video() {
    return video;
  }
}
