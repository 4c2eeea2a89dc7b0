package org.smoothplayer.assets.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class LinkTraceTest {
  private static final double EPS = 1e-9;

  /**
   * {@code crlf-sample.trace} (CRLF): 0.101 0.5 / 0.6 2 / 1.1 0 / 2.1 4, i.e. 2 Mbps over (0, 0.6],
   * nothing over (0.6, 1.1], 4 Mbps over (1.1, 2.1], then again from 0.
   */
  private static LinkTrace sample() throws Exception {
    return LinkTrace.parse(resource("/origin/crlf-sample.trace"));
  }

  @Test
  void reads_a_crlf_trace_where_each_sample_covers_the_interval_ending_at_its_time()
      throws Exception {
    LinkTrace trace = sample();

    assertThat(trace.periodSeconds()).isEqualTo(2.1);
    assertThat(trace.capacityMbpsAt(0)).isEqualTo(2.0);
    assertThat(trace.capacityMbpsAt(0.6)).isEqualTo(2.0);
    assertThat(trace.capacityMbpsAt(0.61)).isEqualTo(0.0);
    assertThat(trace.capacityMbpsAt(1.1)).isEqualTo(0.0);
    assertThat(trace.capacityMbpsAt(1.5)).isEqualTo(4.0);
    assertThat(trace.capacityMbpsAt(2.1)).isEqualTo(4.0);
    assertThat(trace.capacityMbpsAt(2.2)).as("loops").isEqualTo(2.0);
    assertThat(trace.meanMbps()).isCloseTo(650_000 / 125_000.0 / 2.1, within(EPS));
    assertThat(trace.describe()).contains("crlf-sample.trace").contains("3 intervals");
  }

  @Test
  void cumulative_capacity_adds_up_over_intervals_and_loops() throws Exception {
    LinkTrace trace = sample();

    assertThat(trace.cumulativeBytes(0.3)).isCloseTo(75_000, within(EPS));
    assertThat(trace.cumulativeBytes(0.6)).isCloseTo(150_000, within(EPS));
    assertThat(trace.cumulativeBytes(1.1)).isCloseTo(150_000, within(EPS));
    assertThat(trace.cumulativeBytes(2.1)).isCloseTo(650_000, within(EPS));
    assertThat(trace.cumulativeBytes(2.1 + 0.6)).isCloseTo(800_000, within(1e-6));
    assertThat(trace.cumulativeBytes(21.0)).isCloseTo(6_500_000, within(1e-6));
  }

  @Test
  void finish_time_waits_out_zero_capacity_and_continues_across_the_loop() throws Exception {
    LinkTrace trace = sample();

    assertThat(trace.finishSeconds(0, 150_000)).isCloseTo(0.6, within(EPS));
    assertThat(trace.finishSeconds(0.6, 1)).isCloseTo(1.1 + 1 / 500_000.0, within(EPS));
    assertThat(trace.finishSeconds(0.7, 500_000)).isCloseTo(2.1, within(EPS));
    assertThat(trace.finishSeconds(2.0, 100_000)).isCloseTo(2.3, within(1e-6));
    assertThat(trace.finishSeconds(0, 650_000)).isCloseTo(2.1, within(EPS));
    assertThat(trace.finishSeconds(0, 6_500_000)).isCloseTo(21.0, within(1e-6));
    assertThat(trace.finishSeconds(0.8, 0)).isEqualTo(0.8);
  }

  @Test
  void a_constant_link_carries_rate_times_time() {
    LinkTrace trace = LinkTrace.constant(2);

    assertThat(trace.finishSeconds(0, 1_000_000)).isCloseTo(4.0, within(EPS));
    assertThat(trace.finishSeconds(1000.25, 250_000)).isCloseTo(1001.25, within(1e-6));
    assertThat(trace.capacityMbpsAt(12345.6)).isEqualTo(2.0);
    assertThat(trace.describe()).isEqualTo("constant 2 Mbps");
    assertThat(LinkTrace.constant(0.75).describe()).isEqualTo("constant 0.75 Mbps");
  }

  @Test
  void bad_traces_raise_typed_errors_naming_line_and_problem() {
    assertTraceError("0 1\nx 2\n", 2, "time \"x\" is not a number");
    assertTraceError("0 1\n1 2 3\n", 2, "has 3 fields; expected 2");
    assertTraceError("1 1\n0.5 2\n", 2, "expected strictly increasing times");
    assertTraceError("0 1\n1 1\n1 2\n", 3, "expected strictly increasing times");
    assertTraceError("0 1\n1 -2\n", 2, "rate -2 is negative");
    assertTraceError("-1 1\n1 2\n", 1, "time -1 is negative");
    assertTraceError("0 1\n1 NaN\n", 2, "not a finite number");
    assertTraceError("0 1\n", 0, "expected at least 2 lines");
    assertTraceError("", 0, "expected at least 2 lines");
    assertTraceError("0 5\n1 0\n2 0\n", 0, "carries no data");
  }

  @Test
  void bad_constant_rates_and_missing_files_are_refused() {
    for (double mbps : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> LinkTrace.constant(mbps))
          .isInstanceOf(LinkTraceException.class)
          .hasMessageContaining("expected a positive finite number");
    }
    assertThatThrownBy(() -> LinkTrace.parse(Path.of("/nonexistent/trace.txt")))
        .isInstanceOf(NoSuchFileException.class);
  }

  private static void assertTraceError(String text, int line, String problem) {
    assertThatThrownBy(() -> LinkTrace.parse("test-trace", text))
        .as(text)
        .isInstanceOf(LinkTraceException.class)
        .hasMessageContaining("trace test-trace")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((LinkTraceException) e).lineNumber()).isEqualTo(line));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(LinkTraceTest.class.getResource(name), name).toURI());
  }
}
