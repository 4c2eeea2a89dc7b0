package org.smoothplayer.assets.generate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything that determines a generated presentation.
 *
 * <p>Timing rules (all exact, see docs/GENERATOR.md): frame {@code n} is presented at {@code n *
 * 1000 / frameRate} ms; fragment {@code k} holds frames {@code [k*G, min((k+1)*G, frameCount))}
 * with {@code G = fragmentDurationMs * frameRate / 1000}; flash {@code k >= 1} is at {@code k *
 * flashIntervalMs} (while below {@code durationMs}), shown on frame {@code k * flashIntervalMs *
 * frameRate / 1000} and heard as a beep starting at the same media time.
 *
 * @param name short name used in folder names and progress lines ({@code [A-Za-z0-9._-]}, 1..64)
 * @param durationMs presentation duration; a whole number of frames
 * @param fragmentDurationMs fragment (and closed GOP) duration; a whole number of frames
 * @param ladder video levels, index = position in this list; bitrates unique
 * @param frameRate frames per second, 1..120
 * @param audio whether a 48 kHz audio stream is added (coded as {@code audioCodec} says)
 * @param manifestStyle how chunk elements are written
 * @param flashIntervalMs period of the white flash + beep; 0 disables them; a whole number of
 *     frames
 * @param captions whether a TTML caption (text) stream is added, one document per video fragment
 *     (see {@link CaptionTrack}); default false
 * @param audioCodec how the audio stream is coded: {@link AudioCodec#AAC_LC} (stereo, the default;
 *     also what {@code null} and a {@code presentation.json} without it mean) or {@link
 *     AudioCodec#E_AC_3} (5.1, needs {@code audio}); left out of {@code presentation.json} when
 *     AAC_LC, so that file stays as it was before the parameter existed
 */
public record PresentationSpec(
    String name,
    long durationMs,
    long fragmentDurationMs,
    List<LevelSpec> ladder,
    int frameRate,
    boolean audio,
    ManifestStyle manifestStyle,
    long flashIntervalMs,
    boolean captions,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultAudioCodecFilter.class)
        AudioCodec audioCodec) {

  /** Ticks per second of every time in the Manifest and in the fragments. */
  public static final long TIMESCALE = 10_000_000L;

  /** Audio sampling rate in Hz. */
  public static final int AUDIO_SAMPLE_RATE_HZ = 48_000;

  /** Default flash period. */
  public static final long DEFAULT_FLASH_INTERVAL_MS = 2_000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final long MAX_DURATION_MS = 6L * 3600 * 1000;

  /** A spec without captions (the form every caller used before captions existed). */
  public PresentationSpec(
      String name,
      long durationMs,
      long fragmentDurationMs,
      List<LevelSpec> ladder,
      int frameRate,
      boolean audio,
      ManifestStyle manifestStyle,
      long flashIntervalMs) {
    this(
        name,
        durationMs,
        fragmentDurationMs,
        ladder,
        frameRate,
        audio,
        manifestStyle,
        flashIntervalMs,
        false);
  }

  /** A spec with AAC-LC audio (the form every caller used before {@code audioCodec} existed). */
  public PresentationSpec(
      String name,
      long durationMs,
      long fragmentDurationMs,
      List<LevelSpec> ladder,
      int frameRate,
      boolean audio,
      ManifestStyle manifestStyle,
      long flashIntervalMs,
      boolean captions) {
    this(
        name,
        durationMs,
        fragmentDurationMs,
        ladder,
        frameRate,
        audio,
        manifestStyle,
        flashIntervalMs,
        captions,
        AudioCodec.AAC_LC);
  }

  /**
   * Validates the spec; every problem is an {@link InvalidSpecException} naming the field. A null
   * {@code audioCodec} is {@link AudioCodec#AAC_LC}.
   */
  public PresentationSpec {
    audioCodec = Objects.requireNonNullElse(audioCodec, AudioCodec.AAC_LC);
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidSpecException(
          "name must match " + NAME.pattern() + " (used in folder names), got '" + name + "'");
    }
    if (frameRate < 1 || frameRate > 120) {
      throw new InvalidSpecException("frameRate must be in 1..120, got " + frameRate);
    }
    if (durationMs <= 0 || durationMs > MAX_DURATION_MS) {
      throw new InvalidSpecException(
          "durationMs must be in 1.." + MAX_DURATION_MS + ", got " + durationMs);
    }
    requireWholeFrames("durationMs", durationMs, frameRate);
    if (fragmentDurationMs <= 0 || fragmentDurationMs > durationMs) {
      throw new InvalidSpecException(
          "fragmentDurationMs must be in 1..durationMs ("
              + durationMs
              + "), got "
              + fragmentDurationMs);
    }
    requireWholeFrames("fragmentDurationMs", fragmentDurationMs, frameRate);
    if (audioCodec != AudioCodec.AAC_LC && !audio) {
      throw new InvalidSpecException(
          "audioCodec " + audioCodec + " needs audio on (audio=true), got audio=false");
    }
    int frameSamples = audioCodec.frameSizeSamples();
    if (audio && fragmentDurationMs * AUDIO_SAMPLE_RATE_HZ / 1000 < frameSamples) {
      throw new InvalidSpecException(
          "fragmentDurationMs must hold at least one "
              + frameSamples
              + "-sample "
              + audioCodec.displayName()
              + " frame (>= "
              + audioCodec.minFragmentDurationMs()
              + " ms) when audio is on, got "
              + fragmentDurationMs);
    }
    if (audio) {
      long fragmentCount = (durationMs + fragmentDurationMs - 1) / fragmentDurationMs;
      long lastStartSample = (fragmentCount - 1) * fragmentDurationMs * AUDIO_SAMPLE_RATE_HZ / 1000;
      long totalSamples = durationMs * AUDIO_SAMPLE_RATE_HZ / 1000;
      if ((lastStartSample + frameSamples - 1) / frameSamples
          >= (totalSamples + frameSamples - 1) / frameSamples) {
        throw new InvalidSpecException(
            "the last fragment (durationMs - whole fragments = "
                + (durationMs - (fragmentCount - 1) * fragmentDurationMs)
                + " ms) is too short to hold an "
                + audioCodec.displayName()
                + " frame: make durationMs a multiple of fragmentDurationMs or leave more than "
                + audioCodec.minFragmentDurationMs()
                + " ms");
      }
    }
    if (flashIntervalMs < 0) {
      throw new InvalidSpecException(
          "flashIntervalMs must be >= 0 (0 = no flashes), got " + flashIntervalMs);
    }
    requireWholeFrames("flashIntervalMs", flashIntervalMs, frameRate);
    if (ladder == null || ladder.isEmpty()) {
      throw new InvalidSpecException("ladder must hold at least one level");
    }
    if (ladder.size() > 32) {
      throw new InvalidSpecException("ladder must hold at most 32 levels, got " + ladder.size());
    }
    Set<Long> bitrates = new HashSet<>();
    for (LevelSpec level : ladder) {
      if (level == null) {
        throw new InvalidSpecException("ladder must not contain null levels");
      }
      if (!bitrates.add(level.bitrateBps())) {
        throw new InvalidSpecException(
            "ladder bitrates must be unique (they name the QualityLevels folders), "
                + level.bitrateBps()
                + " appears twice");
      }
    }
    ladder = List.copyOf(ladder);
    if (manifestStyle == null) {
      throw new InvalidSpecException("manifestStyle must be one of PLAIN, TIMED, REPEAT");
    }
  }

  private static void requireWholeFrames(String field, long valueMs, int frameRate) {
    if (valueMs * frameRate % 1000 != 0) {
      throw new InvalidSpecException(
          field
              + " must be a whole number of frames at "
              + frameRate
              + " fps (ms * fps divisible by 1000), got "
              + valueMs);
    }
  }

  /** This spec with the caption stream switched on or off. */
  public PresentationSpec withCaptions(boolean withCaptions) {
    return new PresentationSpec(
        name,
        durationMs,
        fragmentDurationMs,
        ladder,
        frameRate,
        audio,
        manifestStyle,
        flashIntervalMs,
        withCaptions,
        audioCodec);
  }

  /**
   * This spec with its audio stream coded as {@code codec}.
   *
   * @throws InvalidSpecException when {@code codec} is not AAC_LC and the spec has no audio
   */
  public PresentationSpec withAudioCodec(AudioCodec codec) {
    return new PresentationSpec(
        name,
        durationMs,
        fragmentDurationMs,
        ladder,
        frameRate,
        audio,
        manifestStyle,
        flashIntervalMs,
        captions,
        codec);
  }

  /** Number of video frames. */
  public long frameCount() {
    return durationMs * frameRate / 1000;
  }

  /** Frames per fragment, which is also the fixed GOP length. */
  public int framesPerFragment() {
    return Math.toIntExact(fragmentDurationMs * frameRate / 1000);
  }

  /** Number of fragments on every stream (the last one may be shorter). */
  public int fragmentCount() {
    return Math.toIntExact((frameCount() + framesPerFragment() - 1) / framesPerFragment());
  }

  /** Presentation duration in {@link #TIMESCALE} ticks. */
  public long durationTicks() {
    return durationMs * (TIMESCALE / 1000);
  }

  /** Presentation time of video frame {@code frameNumber} in ticks, rounded to nearest. */
  public long frameTicks(long frameNumber) {
    return (frameNumber * TIMESCALE + frameRate / 2) / frameRate;
  }

  /** Presentation time of audio sample {@code sampleIndex} (48 kHz) in ticks, rounded. */
  public static long audioSampleTicks(long sampleIndex) {
    return (sampleIndex * TIMESCALE + AUDIO_SAMPLE_RATE_HZ / 2) / AUDIO_SAMPLE_RATE_HZ;
  }

  /** Number of audio samples (48 kHz) covering the duration. */
  public long audioSampleCount() {
    return durationMs * AUDIO_SAMPLE_RATE_HZ / 1000;
  }

  /** Media times of the flashes: {@code k * flashIntervalMs} for {@code k >= 1}, below duration. */
  public List<Long> flashTimesMs() {
    List<Long> times = new ArrayList<>();
    if (flashIntervalMs > 0) {
      for (long t = flashIntervalMs; t < durationMs; t += flashIntervalMs) {
        times.add(t);
      }
    }
    return times;
  }

  /** Numbers of the white flash frames: {@code flashTimeMs * frameRate / 1000}. */
  public List<Long> flashFrameNumbers() {
    return flashTimesMs().stream().map(t -> t * frameRate / 1000).toList();
  }

  /** Whether frame {@code frameNumber} is a white flash frame. */
  public boolean isFlashFrame(long frameNumber) {
    if (flashIntervalMs == 0 || frameNumber <= 0 || frameNumber >= frameCount()) {
      return false;
    }
    long framesPerFlash = flashIntervalMs * frameRate / 1000;
    return frameNumber % framesPerFlash == 0;
  }

  /** First audio sample (48 kHz) of each beep: {@code flashTimeMs * 48}. */
  public List<Long> beepStartSamples() {
    return flashTimesMs().stream().map(t -> t * AUDIO_SAMPLE_RATE_HZ / 1000).toList();
  }

  /**
   * Cache key: {@code <name>-<first 16 hex digits of SHA-256(spec + generator version)>}. Equal
   * specs give equal keys; any change of a parameter or of the generator gives another key.
   *
   * <p>The hashed text of a spec without captions and with AAC-LC audio is exactly what it was
   * before the {@code captions} and {@code audioCodec} parameters existed (the record text of the
   * eight other parameters), so presentations cached then stay valid; {@code captions=true} appends
   * {@code ;captions=true}, any other codec than AAC_LC then appends {@code ;audioCodec=<name>}
   * (e.g. {@code ;audioCodec=E_AC_3}).
   */
  public String cacheKey() {
    String canonical =
        "generator="
            + PresentationGenerator.GENERATOR_VERSION
            + ";"
            + canonicalText()
            + (captions ? ";captions=true" : "")
            + (audioCodec != AudioCodec.AAC_LC ? ";audioCodec=" + audioCodec.name() : "");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return name + "-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * The record text of every parameter but {@code captions} and {@code audioCodec}, in declaration
   * order.
   */
  private String canonicalText() {
    return "PresentationSpec[name="
        + name
        + ", durationMs="
        + durationMs
        + ", fragmentDurationMs="
        + fragmentDurationMs
        + ", ladder="
        + ladder
        + ", frameRate="
        + frameRate
        + ", audio="
        + audio
        + ", manifestStyle="
        + manifestStyle
        + ", flashIntervalMs="
        + flashIntervalMs
        + "]";
  }

  /**
   * Tells Jackson to leave {@code audioCodec} out of {@code presentation.json} when it is the
   * default: {@code equals} is true for the values to exclude.
   */
  static final class DefaultAudioCodecFilter {
    @Override
    public boolean equals(@Nullable Object value) {
      return value == null || value == AudioCodec.AAC_LC;
    }

    @Override
    public int hashCode() {
      return AudioCodec.AAC_LC.hashCode();
    }
  }
}
