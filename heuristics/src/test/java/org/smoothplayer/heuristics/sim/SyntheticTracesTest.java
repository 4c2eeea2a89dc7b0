package org.smoothplayer.heuristics.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic trace generator: its model's statistics, determinism, files and command line. */
class SyntheticTracesTest {
  @TempDir Path tmp;

  private static SyntheticTraces.Family family(String name) {
    return SyntheticTraces.FAMILIES.stream().filter(f -> f.name().equals(name)).findFirst().get();
  }

  @Test
  void states_last_as_long_as_the_family_says_on_average() {
    for (SyntheticTraces.Family f : SyntheticTraces.FAMILIES) {
      int[] states = SyntheticTraces.generate(f, 400_000, 7).states();
      int changes = 0;
      for (int t = 1; t < states.length; t++) {
        if (states[t] != states[t - 1]) {
          changes++;
        }
      }
      double meanDwellS = (states.length - 1) / (double) changes;
      assertThat(meanDwellS).as(f.name()).isCloseTo(f.meanDwellS(), within(f.meanDwellS() * 0.1));
    }
  }

  @Test
  void every_state_is_visited_and_jumps_reach_beyond_the_neighbouring_state() {
    int[] states = SyntheticTraces.generate(family("synthetic-volatile"), 100_000, 3).states();
    int[] visits = new int[SyntheticTraces.STATES];
    int far = 0;
    for (int t = 0; t < states.length; t++) {
      visits[states[t]]++;
      if (t > 0 && Math.abs(states[t] - states[t - 1]) > 1) {
        far++;
      }
    }
    assertThat(Arrays.stream(visits).min().getAsInt()).isGreaterThan(1_000);
    assertThat(far).isGreaterThan(1_000);
  }

  @Test
  void the_noise_has_the_family_spread_and_holds_for_the_family_hold_time() {
    SyntheticTraces.Family f = family("synthetic-moderate");
    SyntheticTraces.Generated g = SyntheticTraces.generate(f, 200_000, 11);
    double sum = 0;
    double sumSquares = 0;
    int n = 0;
    int repeats = 0;
    for (int t = 0; t < g.mbps().length; t++) {
      double state = SyntheticTraces.stateMbps(g.states()[t]);
      if (g.mbps()[t] > SyntheticTraces.FLOOR_MBPS) {
        double relative = (g.mbps()[t] - state) / state;
        sum += relative;
        sumSquares += relative * relative;
        n++;
      }
      if (t > 0 && g.states()[t] == g.states()[t - 1] && g.mbps()[t] == g.mbps()[t - 1]) {
        repeats++;
      }
    }
    double mean = sum / n;
    double sd = Math.sqrt(sumSquares / n - mean * mean);
    assertThat(mean).isCloseTo(0, within(0.01));
    assertThat(sd).isCloseTo(f.noiseCv(), within(0.02));
    // A 2-s hold repeats the value once per draw: about half the seconds inside a state.
    assertThat(repeats / (double) g.mbps().length).isBetween(0.4, 0.55);
  }

  @Test
  void capacity_never_falls_below_the_floor_even_with_large_noise() {
    double[] mbps = SyntheticTraces.generate(family("synthetic-volatile"), 50_000, 5).mbps();
    double lowest = Double.MAX_VALUE;
    for (double v : mbps) {
      lowest = Math.min(lowest, v);
    }
    assertThat(lowest).isEqualTo(SyntheticTraces.FLOOR_MBPS);
  }

  @Test
  void the_same_seed_gives_the_same_files_and_another_seed_other_ones() throws IOException {
    SyntheticTraces.Family f = family("synthetic-steady");
    List<Path> a = SyntheticTraces.write(tmp.resolve("a"), f, 3, 320, 1);
    List<Path> b = SyntheticTraces.write(tmp.resolve("b"), f, 3, 320, 1);
    List<Path> c = SyntheticTraces.write(tmp.resolve("c"), f, 3, 320, 2);
    for (int i = 0; i < 3; i++) {
      assertThat(Files.readString(a.get(i))).isEqualTo(Files.readString(b.get(i)));
      assertThat(Files.readString(a.get(i))).isNotEqualTo(Files.readString(c.get(i)));
    }
    assertThat(Files.readString(a.get(0))).isNotEqualTo(Files.readString(a.get(1)));
  }

  @Test
  void traces_of_neighbouring_indices_start_in_unrelated_states() {
    SyntheticTraces.Family f = family("synthetic-moderate");
    int[] strides = new int[SyntheticTraces.STATES];
    int previous = -1;
    for (int i = 0; i < 400; i++) {
      int first = SyntheticTraces.generate(f, 1, SyntheticTraces.traceSeed(1, f, i)).states()[0];
      if (previous >= 0) {
        strides[Math.floorMod(first - previous, SyntheticTraces.STATES)]++;
      }
      previous = first;
    }
    // Unrelated starts make every stride from one trace's first state to the next one's about
    // equally likely (10 % each); seeds fed to java.util.Random unmixed gave a few strides only.
    assertThat(Arrays.stream(strides).max().getAsInt()).isLessThan(399 / 5);
  }

  @Test
  void written_traces_read_back_as_one_second_samples_and_play_in_the_simulator()
      throws IOException {
    Path file = SyntheticTraces.write(tmp, family("synthetic-moderate"), 1, 320, 9).get(0);
    Trace trace = Trace.read(file);
    assertThat(trace.timeS()).hasSize(321);
    assertThat(trace.timeS()[0]).isEqualTo(0);
    assertThat(trace.timeS()[320]).isEqualTo(320);
    assertThat(Arrays.stream(trace.bandwidthMbps()).min().getAsDouble())
        .isGreaterThanOrEqualTo(SyntheticTraces.FLOOR_MBPS);
    assertThat(Arrays.stream(trace.bandwidthMbps()).max().getAsDouble()).isLessThan(10.0);
    Video video = Video.readPensieve(SharedData.traces().resolve("pensieve-video"), 48);
    SessionResult r =
        SharedData.benchmark(video, SimConfig.PENSIEVE)
            .session(trace, "default", SessionListener.NONE);
    assertThat(r.levels()).hasSize(48);
  }

  @Test
  void the_command_writes_every_family_and_refuses_unknown_options() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code =
        SyntheticTraces.run(
            new String[] {"--out", tmp.toString(), "--count", "2", "--length-s", "30"}, o, e);
    assertThat(code).isZero();
    for (SyntheticTraces.Family f : SyntheticTraces.FAMILIES) {
      assertThat(tmp.resolve(f.name()).resolve(f.name() + "_1")).exists();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains(f.name() + ": 2 traces of 30 s");
    }
    assertThat(SyntheticTraces.run(new String[] {"--out", tmp.toString(), "--family", "x"}, o, e))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--family: expected one of synthetic-steady");
    assertThat(SyntheticTraces.run(new String[] {"--count", "0"}, o, e)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--count: expected a whole number >= 1 but was 0");
    assertThat(SyntheticTraces.run(new String[] {"--out", tmp.toString(), "--seed", "x"}, o, e))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--seed: expected a whole number but was x");
    assertThat(SyntheticTraces.run(new String[] {"--count", "3"}, o, e)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--out: expected an output folder");
  }
}
