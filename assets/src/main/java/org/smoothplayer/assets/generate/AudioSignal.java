package org.smoothplayer.assets.generate;

import java.util.List;

/**
 * The synthetic sound: a steady quiet {@value #TONE_HZ} Hz tone, replaced by a louder {@value
 * #BEEP_HZ} Hz beep for {@value #BEEP_DURATION_MS} ms at every flash (same on both channels).
 */
public final class AudioSignal {
  /** Frequency of the steady tone. */
  public static final double TONE_HZ = 440;

  /** Peak amplitude of the steady tone (full scale = 1). */
  public static final double TONE_AMPLITUDE = 0.1;

  /** Frequency of the beep. */
  public static final double BEEP_HZ = 1000;

  /** Peak amplitude of the beep (full scale = 1). */
  public static final double BEEP_AMPLITUDE = 0.5;

  /** Beep length. */
  public static final int BEEP_DURATION_MS = 50;

  /** Beep length in samples at 48 kHz. */
  public static final int BEEP_DURATION_SAMPLES =
      BEEP_DURATION_MS * PresentationSpec.AUDIO_SAMPLE_RATE_HZ / 1000;

  private final long[] beepStartSamples;

  /** The signal of {@code spec}: beeps start at {@link PresentationSpec#beepStartSamples()}. */
  AudioSignal(PresentationSpec spec) {
    List<Long> starts = spec.beepStartSamples();
    this.beepStartSamples = starts.stream().mapToLong(Long::longValue).toArray();
  }

  /** The sample value at media sample {@code sampleIndex} (48 kHz), in -1..1. */
  double sample(long sampleIndex) {
    long beepStart = beepStartAtOrBefore(sampleIndex);
    if (beepStart >= 0 && sampleIndex - beepStart < BEEP_DURATION_SAMPLES) {
      return BEEP_AMPLITUDE
          * Math.sin(
              2
                  * Math.PI
                  * BEEP_HZ
                  * (sampleIndex - beepStart)
                  / PresentationSpec.AUDIO_SAMPLE_RATE_HZ);
    }
    return TONE_AMPLITUDE
        * Math.sin(
            2
                * Math.PI
                * TONE_HZ
                * (sampleIndex % PresentationSpec.AUDIO_SAMPLE_RATE_HZ)
                / PresentationSpec.AUDIO_SAMPLE_RATE_HZ);
  }

  private long beepStartAtOrBefore(long sampleIndex) {
    int lo = 0;
    int hi = beepStartSamples.length - 1;
    long found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (beepStartSamples[mid] <= sampleIndex) {
        found = beepStartSamples[mid];
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
