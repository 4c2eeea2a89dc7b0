package org.smoothplayer.heuristics.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeuristicsSettingsTest {
  @Test
  void every_tunable_has_a_unique_dotted_key_a_sentence_and_a_default_inside_its_range() {
    List<SettingDescriptor> schema = HeuristicsSettings.schema();
    assertThat(schema).hasSizeGreaterThan(30);
    assertThat(new HashSet<>(schema.stream().map(SettingDescriptor::key).toList()))
        .hasSameSizeAs(schema);
    for (SettingDescriptor d : schema) {
      assertThat(d.key()).matches("heuristics\\.[a-z0-9]+\\.[A-Za-z0-9]+");
      assertThat(d.label()).isNotBlank();
      assertThat(d.description()).endsWith(".");
      assertThat(d.unit()).isNotBlank();
      assertThat(d.defaultValue()).isBetween(d.min(), d.max());
    }
    assertThat(HeuristicsSettings.DEFAULTS.values().keySet())
        .containsExactlyElementsOf(schema.stream().map(SettingDescriptor::key).toList());
  }

  @Test
  void defaults_are_the_benchmark_parameters_of_the_baselines() {
    HeuristicsSettings s = HeuristicsSettings.DEFAULTS;
    assertThat(s.bufferBased().reservoirS()).isEqualTo(5);
    assertThat(s.bufferBased().cushionS()).isEqualTo(10);
    assertThat(s.rateBased().window()).isEqualTo(5);
    assertThat(s.mpc().horizon()).isEqualTo(5);
    assertThat(s.media3().bandwidthFraction()).isEqualTo(0.7);
  }

  @Test
  void with_changes_one_value_and_reports_it_as_non_default() {
    HeuristicsSettings s = HeuristicsSettings.DEFAULTS.with("heuristics.default.horizon", 4);
    assertThat(s.defaultPolicy().horizon()).isEqualTo(4);
    assertThat(s.nonDefaults()).isEqualTo(Map.of("heuristics.default.horizon", 4.0));
  }

  @Test
  void out_of_range_or_unknown_values_raise_a_typed_error_naming_the_key() {
    assertThatThrownBy(() -> HeuristicsSettings.DEFAULTS.with("heuristics.bb.reservoirS", -1))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("heuristics.bb.reservoirS")
        .hasMessageContaining("[0.0, 60.0]");
    assertThatThrownBy(() -> HeuristicsSettings.DEFAULTS.with("heuristics.default.horizon", 2.5))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> HeuristicsSettings.fromValues(Map.of("heuristics.nope.x", 1.0)))
        .isInstanceOf(InvalidSettingException.class)
        .extracting(e -> ((InvalidSettingException) e).key())
        .isEqualTo("heuristics.nope.x");
  }

  @Test
  void an_infinite_or_nan_whole_number_setting_is_refused_as_given() {
    assertThatThrownBy(
            () ->
                HeuristicsSettings.fromValues(
                    Map.of("heuristics.default.horizon", Double.POSITIVE_INFINITY)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage(
            "heuristics.default.horizon: expected a value in [1.0, 8.0] steps but was Infinity");
    assertThatThrownBy(
            () -> HeuristicsSettings.fromValues(Map.of("heuristics.default.horizon", Double.NaN)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageEndingWith("but was NaN");
  }

  @Test
  void an_unknown_key_is_named_with_the_key_it_most_likely_meant() {
    assertThatThrownBy(() -> HeuristicsSettings.fromValues(Map.of("heuristics.horizon", 5.0)))
        .hasMessage(
            "heuristics.horizon: not a heuristics setting; did you mean"
                + " heuristics.default.horizon?");
    assertThatThrownBy(() -> HeuristicsSettings.DEFAULTS.with("heuristics.bb.reservoir", 5.0))
        .hasMessage(
            "heuristics.bb.reservoir: not a heuristics setting; did you mean"
                + " heuristics.bb.reservoirS?");
    assertThatThrownBy(() -> HeuristicsSettings.fromValues(Map.of("heuristics.bogus", 1.0)))
        .hasMessage("heuristics.bogus: not a heuristics setting");
  }

  @Test
  void a_key_suggestion_needs_the_same_last_part_or_at_most_three_typing_errors() {
    List<String> known = List.of("network.fragmentRetries", "buffer.startupS", "live.windowS");

    assertThat(SettingKeys.closest("fragmentRetries", known)).contains("network.fragmentRetries");
    assertThat(SettingKeys.closest("network.fragmentRetrys", known))
        .contains("network.fragmentRetries");
    assertThat(SettingKeys.closest("bufer.startupSec", known)).contains("buffer.startupS");
    assertThat(SettingKeys.closest("buffer.colour", known)).isEmpty();
    assertThat(SettingKeys.editDistance("kitten", "sitting")).isEqualTo(3);
  }
}
