package org.smoothplayer.decoder.audio;

/** Receives what an {@link AudioDecoder} produces, on the decoder's thread, in time order. */
public interface PcmSink {
  /** Decoded and resampled audio. */
  void onPcm(PcmChunk chunk);

  /** A sample could not be decoded; the decoder goes on with the next one. */
  void onError(AudioDecodeError error);
}
