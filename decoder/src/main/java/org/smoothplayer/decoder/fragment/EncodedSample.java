package org.smoothplayer.decoder.fragment;

import java.nio.ByteBuffer;

/**
 * One coded sample (access unit) taken out of a fragment's {@code mdat}.
 *
 * @param decodeTimeUs decode time in microseconds on the presentation timeline
 * @param presentationTimeUs presentation time in microseconds (decode time plus the composition
 *     offset)
 * @param durationUs sample duration in microseconds
 * @param keyFrame whether the sample is a sync sample (decoding can start here)
 * @param data the sample's bytes as stored (length-prefixed NAL units for video, a raw AAC frame
 *     for audio): a read-only slice of the fragment, position 0, limit = sample size
 */
public record EncodedSample(
    long decodeTimeUs,
    long presentationTimeUs,
    long durationUs,
    boolean keyFrame,
    ByteBuffer data) {

  public EncodedSample {
    if (durationUs < 0) {
      throw new IllegalArgumentException("durationUs must be >= 0, was " + durationUs);
    }
    data = data.asReadOnlyBuffer();
  }

  /** Size of the sample in bytes. */
  public int sizeBytes() {
    return data.remaining();
  }
}
