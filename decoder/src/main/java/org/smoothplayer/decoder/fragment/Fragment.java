package org.smoothplayer.decoder.fragment;

import java.util.List;
import java.util.Optional;

/**
 * A parsed Smooth Streaming fragment ({@code moof} + {@code mdat}).
 *
 * @param sequenceNumber the {@code mfhd} sequence number
 * @param startTicks decode time of the first sample, in the stream's timescale (from tfxd, else
 *     tfdt, else the manifest)
 * @param durationTicks sum of the sample durations, in the stream's timescale
 * @param samples the samples in decode order; their data are slices of the parsed buffer
 * @param tfxd the tfxd box, if present
 * @param lookahead the tfrf look-ahead entries (empty when there is no tfrf box)
 * @param encrypted whether the fragment signals encrypted samples (only ever {@code true} from
 *     {@link FragmentParser#parseStructure})
 */
public record Fragment(
    long sequenceNumber,
    long startTicks,
    long durationTicks,
    List<EncodedSample> samples,
    Optional<TfxdInfo> tfxd,
    List<TfrfEntry> lookahead,
    boolean encrypted) {

  public Fragment {
    samples = List.copyOf(samples);
    lookahead = List.copyOf(lookahead);
  }

  /** Decode time of the first sample in microseconds, or 0 for a fragment without samples. */
  public long startUs() {
    return samples.isEmpty() ? 0 : samples.get(0).decodeTimeUs();
  }
}
