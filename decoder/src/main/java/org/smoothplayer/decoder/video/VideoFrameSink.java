package org.smoothplayer.decoder.video;

/**
 * Receives what a {@link VideoDecoder} produces, on the decoder's thread, in display order.
 *
 * <p>The sink owns every frame it receives and must {@link VideoFrame#close() close} it once shown
 * or dropped, so its buffer goes back to the pool.
 */
public interface VideoFrameSink {
  /** A decoded frame, in presentation order. */
  void onFrame(VideoFrame frame);

  /** A sample could not be decoded; the decoder skips ahead to the next key frame. */
  void onError(VideoDecodeError error);
}
