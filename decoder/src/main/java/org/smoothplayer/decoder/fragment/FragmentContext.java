package org.smoothplayer.decoder.fragment;

import java.util.Objects;

/**
 * What the manifest says about a fragment before it is parsed.
 *
 * @param type the stream type (decides the key-frame rule: every audio and text sample is a key
 *     frame)
 * @param timescale ticks per second of the stream (the manifest's TimeScale, default 10,000,000)
 * @param startTicks the chunk's start time from the manifest, used when the fragment carries
 *     neither tfxd nor tfdt
 */
public record FragmentContext(TrackType type, long timescale, long startTicks) {

  public FragmentContext {
    Objects.requireNonNull(type, "type");
    if (timescale <= 0) {
      throw new IllegalArgumentException("timescale must be > 0, was " + timescale);
    }
    if (startTicks < 0) {
      throw new IllegalArgumentException("startTicks must be >= 0, was " + startTicks);
    }
  }
}
