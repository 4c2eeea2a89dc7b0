package org.smoothplayer.assets.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PresentationSpecTest {
  private static final List<LevelSpec> LADDER = List.of(new LevelSpec(300_000, 320, 180));

  private static PresentationSpec spec(
      long durationMs, long fragmentMs, int fps, boolean audio, long flashMs) {
    return new PresentationSpec(
        "t", durationMs, fragmentMs, LADDER, fps, audio, ManifestStyle.PLAIN, flashMs);
  }

  @Test
  void flash_times_are_multiples_of_the_interval_strictly_inside_the_duration() {
    PresentationSpec spec = spec(10_000, 2_000, 30, true, 2_000);
    assertThat(spec.flashTimesMs()).containsExactly(2_000L, 4_000L, 6_000L, 8_000L);
    assertThat(spec.flashFrameNumbers()).containsExactly(60L, 120L, 180L, 240L);
    assertThat(spec.beepStartSamples()).containsExactly(96_000L, 192_000L, 288_000L, 384_000L);
    assertThat(spec(9_000, 1_000, 25, true, 1_200).flashFrameNumbers())
        .containsExactly(30L, 60L, 90L, 120L, 150L, 180L, 210L);
  }

  @Test
  void a_frame_is_a_flash_frame_exactly_when_it_is_in_the_flash_list() {
    PresentationSpec spec = spec(9_000, 1_000, 25, true, 1_200);
    List<Long> flashes = spec.flashFrameNumbers();
    for (long n = 0; n < spec.frameCount() + 5; n++) {
      assertThat(spec.isFlashFrame(n)).as("frame %d", n).isEqualTo(flashes.contains(n));
    }
  }

  @Test
  void zero_interval_means_no_flashes() {
    PresentationSpec spec = spec(4_000, 1_000, 25, true, 0);
    assertThat(spec.flashTimesMs()).isEmpty();
    assertThat(spec.isFlashFrame(50)).isFalse();
  }

  @Test
  void frame_and_fragment_arithmetic_follows_the_spec() {
    PresentationSpec spec = spec(5_000, 2_000, 30, false, 2_000);
    assertThat(spec.frameCount()).isEqualTo(150);
    assertThat(spec.framesPerFragment()).isEqualTo(60);
    assertThat(spec.fragmentCount()).isEqualTo(3);
    assertThat(spec.frameTicks(1)).isEqualTo(333_333);
    assertThat(spec.frameTicks(2)).isEqualTo(666_667);
    assertThat(spec.frameTicks(60)).isEqualTo(20_000_000);
    assertThat(PresentationSpec.audioSampleTicks(1024)).isEqualTo(213_333);
    assertThat(PresentationSpec.audioSampleTicks(48_000)).isEqualTo(10_000_000);
  }

  @Test
  void the_audio_signal_is_a_quiet_tone_with_loud_beeps_at_the_flash_times() {
    PresentationSpec spec = spec(6_000, 1_000, 25, true, 2_000);
    AudioSignal signal = new AudioSignal(spec);
    double toneOnlyPeak = 0;
    for (long s = 0; s < 96_000; s++) {
      toneOnlyPeak = Math.max(toneOnlyPeak, Math.abs(signal.sample(s)));
    }
    assertThat(toneOnlyPeak)
        .isCloseTo(AudioSignal.TONE_AMPLITUDE, org.assertj.core.data.Offset.offset(1e-3));
    double beepPeak = 0;
    for (long s = 96_000; s < 96_000 + AudioSignal.BEEP_DURATION_SAMPLES; s++) {
      beepPeak = Math.max(beepPeak, Math.abs(signal.sample(s)));
    }
    assertThat(beepPeak)
        .isCloseTo(AudioSignal.BEEP_AMPLITUDE, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(Math.abs(signal.sample(96_000 + AudioSignal.BEEP_DURATION_SAMPLES)))
        .isLessThanOrEqualTo(AudioSignal.TONE_AMPLITUDE);
    assertThat(signal.sample(95_999))
        .isBetween(-AudioSignal.TONE_AMPLITUDE, AudioSignal.TONE_AMPLITUDE);
  }

  @Test
  void rejects_durations_that_are_not_whole_frames() {
    assertThatThrownBy(() -> spec(1_010, 1_010, 25, false, 0))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("durationMs must be a whole number of frames at 25 fps");
    assertThatThrownBy(() -> spec(4_000, 1_010, 25, false, 0))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("fragmentDurationMs");
    assertThatThrownBy(() -> spec(4_000, 1_000, 25, false, 1_010))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("flashIntervalMs");
  }

  @Test
  void rejects_bad_names_ladders_and_levels() {
    assertThatThrownBy(
            () ->
                new PresentationSpec(
                    "../x", 1_000, 1_000, LADDER, 25, false, ManifestStyle.PLAIN, 0))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(
            () ->
                new PresentationSpec(
                    "x", 1_000, 1_000, List.of(), 25, false, ManifestStyle.PLAIN, 0))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("ladder");
    assertThatThrownBy(
            () ->
                new PresentationSpec(
                    "x",
                    1_000,
                    1_000,
                    List.of(new LevelSpec(300_000, 320, 180), new LevelSpec(300_000, 640, 360)),
                    25,
                    false,
                    ManifestStyle.PLAIN,
                    0))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("unique");
    assertThatThrownBy(() -> new LevelSpec(300_000, 321, 180))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("widthPx must be even");
    assertThatThrownBy(() -> spec(4_000, 5_000, 25, false, 0))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("fragmentDurationMs must be in 1..durationMs");
  }

  @Test
  void rejects_a_last_fragment_too_short_for_an_aac_frame() {
    // The last fragment starts at sample 192000; the first AAC frame starting in it would start
    // at 188 * 1024 = 192512, after the end (192480).
    assertThatThrownBy(() -> spec(4_010, 1_000, 100, true, 0))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("too short to hold an AAC frame");
    assertThat(spec(4_020, 1_000, 100, true, 0).fragmentCount()).isEqualTo(5);
    assertThat(spec(4_010, 1_000, 100, false, 0).fragmentCount()).isEqualTo(5);
  }

  @Test
  void the_cache_key_is_stable_and_changes_with_any_parameter() {
    PresentationSpec a = spec(4_000, 1_000, 25, true, 2_000);
    assertThat(a.cacheKey()).isEqualTo(spec(4_000, 1_000, 25, true, 2_000).cacheKey());
    assertThat(a.cacheKey()).matches("t-[0-9a-f]{16}");
    assertThat(a.cacheKey()).isNotEqualTo(spec(4_000, 1_000, 25, false, 2_000).cacheKey());
    assertThat(a.cacheKey()).isNotEqualTo(spec(4_000, 1_000, 25, true, 1_000).cacheKey());
  }

  @Test
  void presets_parse_ignoring_case_and_unknown_names_list_the_valid_ones() {
    assertThat(Preset.parse("TiNy")).isEqualTo(Preset.TINY);
    assertThat(Preset.parse("sample")).isEqualTo(Preset.SAMPLE);
    assertThat(Preset.parse("PENSIEVE")).isEqualTo(Preset.PENSIEVE);
    assertThatThrownBy(() -> Preset.parse("huge"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("'huge'")
        .hasMessageContaining("tiny, sample, pensieve");
    assertThatThrownBy(() -> Preset.parse(null)).isInstanceOf(InvalidSpecException.class);
  }

  @Test
  void presets_have_the_documented_shape() {
    PresentationSpec tiny = Preset.TINY.spec();
    assertThat(tiny.durationMs()).isLessThanOrEqualTo(5_000);
    assertThat(tiny.audio()).isTrue();
    PresentationSpec sample = Preset.SAMPLE.spec();
    assertThat(sample.durationMs()).isEqualTo(60_000);
    assertThat(sample.fragmentDurationMs()).isEqualTo(2_000);
    assertThat(sample.ladder())
        .extracting(LevelSpec::heightPx)
        .containsExactly(240, 360, 480, 720, 1080);
    PresentationSpec pensieve = Preset.PENSIEVE.spec();
    assertThat(pensieve.ladder())
        .extracting(LevelSpec::bitrateBps)
        .containsExactly(300_000L, 750_000L, 1_200_000L, 1_850_000L, 2_850_000L, 4_300_000L);
    assertThat(pensieve.fragmentDurationMs()).isEqualTo(4_000);
    assertThat(pensieve.durationMs()).isEqualTo(192_000);
  }
}
