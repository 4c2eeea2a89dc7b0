package org.smoothplayer.assets.generate;

/**
 * One packet out of an encoder.
 *
 * @param data H.264 Annex-B access unit, one raw AAC frame or one E-AC-3 syncframe
 * @param pts presentation time in the encoder's time base (frames or samples)
 * @param key whether it is a sync sample
 */
record EncodedPacket(byte[] data, long pts, boolean key) {

  /** Receives packets in decode order. */
  @FunctionalInterface
  interface Sink {
    /** Accepts the next packet. */
    void accept(EncodedPacket packet) throws java.io.IOException;
  }
}
