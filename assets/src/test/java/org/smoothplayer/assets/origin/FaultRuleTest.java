package org.smoothplayer.assets.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FaultRuleTest {
  private static final String INPUTS = "/origin/fault-rules.txt";
  private static final String GOLDEN = "/origin/fault-rules.golden.txt";

  /** Set {@code -Dorigin.golden.update=true} to rewrite the golden file from the current parser. */
  private static final boolean UPDATE = Boolean.getBoolean("origin.golden.update");

  @Test
  void parses_every_sample_rule_as_the_golden_dump_says() throws IOException {
    StringBuilder dump = new StringBuilder();
    for (String input : resourceLines(INPUTS)) {
      dump.append(input).append("\n  -> ");
      try {
        FaultRule rule = FaultRule.parse(input);
        dump.append("pattern=\"")
            .append(rule.pathPattern())
            .append("\" kind=")
            .append(rule.kind())
            .append(" firstN=")
            .append(rule.firstN().isPresent() ? rule.firstN().getAsInt() : "all")
            .append(" text=")
            .append(rule.text());
      } catch (FaultRuleException e) {
        dump.append("FaultRuleException: ").append(e.getMessage());
      }
      dump.append('\n');
    }
    if (UPDATE) {
      Files.writeString(
          Path.of("src/test/resources" + GOLDEN), dump.toString(), StandardCharsets.UTF_8);
    }

    assertThat(dump.toString()).isEqualTo(String.join("\n", resourceLines(GOLDEN)) + "\n");
  }

  @Test
  void the_text_form_parses_back_to_an_equal_rule() {
    for (String input : List.of("Manifest=503@2", "video=stall:1.5", "x=slow:20", "/=reset")) {
      FaultRule rule = FaultRule.parse(input);
      assertThat(FaultRule.parse(rule.text())).isEqualTo(rule);
      assertThat(rule.text()).isEqualTo(input);
    }
  }

  @Test
  void splits_at_the_last_equals_sign_so_patterns_may_hold_one() {
    FaultRule rule = FaultRule.parse("Fragments(video=0)=503@1");

    assertThat(rule.pathPattern()).isEqualTo("Fragments(video=0)");
    assertThat(rule.kind()).isEqualTo(new FaultKind.Status(503));
    assertThat(rule.firstN()).isEqualTo(OptionalInt.of(1));
    assertThat(rule.matches("/QualityLevels(1)/Fragments(video=0)")).isTrue();
    assertThat(rule.matches("/QualityLevels(1)/Fragments(video=20000000)")).isFalse();
  }

  @Test
  void errors_are_typed_and_name_the_rule_and_what_was_expected() {
    assertThatThrownBy(() -> FaultRule.parse("Manifest=teapot"))
        .isInstanceOf(FaultRuleException.class)
        .hasMessageContaining("\"Manifest=teapot\"")
        .hasMessageContaining("unknown kind \"teapot\"")
        .hasMessageContaining("404, 429, 500, 503, reset, truncate, stall:SECONDS, slow:MS")
        .satisfies(
            e -> assertThat(((FaultRuleException) e).ruleText()).isEqualTo("Manifest=teapot"));
    assertThatThrownBy(() -> FaultRule.parse("no equals sign"))
        .isInstanceOf(FaultRuleException.class)
        .hasMessageContaining("PATTERN=KIND[@N]");
    assertThatThrownBy(() -> FaultRule.parse("x=404@0"))
        .isInstanceOf(FaultRuleException.class)
        .hasMessageContaining("N >= 1");
    assertThatThrownBy(() -> FaultRule.parse("x=stall:abc"))
        .isInstanceOf(FaultRuleException.class)
        .hasMessageContaining("stall:SECONDS");
  }

  @Test
  void the_constructors_refuse_values_the_grammar_cannot_express() {
    assertThatThrownBy(() -> FaultRule.always("", new FaultKind.Reset()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pattern is empty");
    assertThatThrownBy(() -> FaultRule.firstN("x", new FaultKind.Reset(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not positive");
    assertThatThrownBy(() -> new FaultKind.Status(418))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 404, 429, 500 or 503");
    assertThatThrownBy(() -> new FaultKind.Slow(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
  }

  private static List<String> resourceLines(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(FaultRuleTest.class.getResourceAsStream(name), name)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.lines().filter(line -> !line.isEmpty()).toList();
    }
  }
}
