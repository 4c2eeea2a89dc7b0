package org.smoothplayer.assets.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The link's reservations on a fake clock: sharing, trace steps and bounded bursts. */
class SharedLinkTest {
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final long startNanos = nanos.get();

  private void setSeconds(double seconds) {
    nanos.set(startNanos + Math.round(seconds * 1e9));
  }

  /** A sender that reserves one quantum at a time, waking when its reservation ends. */
  private record Wake(double atSeconds, int sender, long order) {}

  /** Runs senders of the given sizes to the end; returns each one's finish time. */
  private double[] run(SharedLink link, long[] bytesPerSender, List<Integer> order) {
    long[] left = bytesPerSender.clone();
    double[] finish = new double[left.length];
    PriorityQueue<Wake> wakes =
        new PriorityQueue<>(
            (a, b) ->
                a.atSeconds() != b.atSeconds()
                    ? Double.compare(a.atSeconds(), b.atSeconds())
                    : Long.compare(a.order(), b.order()));
    long counter = 0;
    for (int s = 0; s < left.length; s++) {
      wakes.add(new Wake(0, s, counter++));
    }
    while (!wakes.isEmpty()) {
      Wake wake = wakes.poll();
      setSeconds(wake.atSeconds());
      int s = wake.sender();
      if (left[s] == 0) {
        finish[s] = wake.atSeconds();
        continue;
      }
      int quantum = link.quantumBytes(left[s]);
      double end = link.reserve(quantum, left[s] != bytesPerSender[s]);
      left[s] -= quantum;
      order.add(s);
      wakes.add(new Wake(Math.max(end, wake.atSeconds()), s, counter++));
    }
    return finish;
  }

  @Test
  void two_senders_alternate_quanta_and_each_gets_half_the_capacity() {
    SharedLink link = new SharedLink(LinkTrace.constant(4), nanos::get);
    List<Integer> order = new ArrayList<>();

    double[] finish = run(link, new long[] {1_000_000, 1_000_000}, order);

    // 2 MB over 4 Mbps = 4 s for both; alone each would need 2 s.
    assertThat(finish[0]).isCloseTo(4.0, within(0.01));
    assertThat(finish[1]).isCloseTo(4.0, within(0.01));
    for (int i = 1; i < order.size(); i++) {
      assertThat(order.get(i)).as("quantum %d", i).isNotEqualTo(order.get(i - 1));
    }
  }

  @Test
  void a_sender_alone_follows_the_trace_steps() {
    LinkTrace trace = LinkTrace.parse("step", "0 0\n1 8\n100 4\n");
    SharedLink link = new SharedLink(trace, nanos::get);

    double[] finish = run(link, new long[] {1_500_000}, new ArrayList<>());

    assertThat(finish[0]).isCloseTo(2.0, within(1e-6));
  }

  @Test
  void an_idle_link_banks_no_capacity_for_a_new_response() {
    SharedLink link = new SharedLink(LinkTrace.constant(8), nanos::get);
    setSeconds(10);

    double first = link.reserve(1000, false);
    double end = first;
    for (long sent = 1000; sent < 1_000_000; sent += 1000) {
      end = link.reserve(1000, true);
    }

    assertThat(first).isCloseTo(10.001, within(1e-6));
    assertThat(end).isCloseTo(11.0, within(1e-6));
  }

  @Test
  void a_continuing_sender_that_woke_late_catches_up_at_most_the_catch_up_window() {
    SharedLink link = new SharedLink(LinkTrace.constant(8), nanos::get);
    double end = link.reserve(1000, false); // 0.001
    setSeconds(end + 0.05); // our thread woke 50 ms late; the link stayed idle
    double caughtUp = link.reserve(1000, true);
    setSeconds(caughtUp + 5); // blocked much longer (e.g. the client stopped reading)
    double bounded = link.reserve(1000, true);
    double fresh = link.reserve(1000, false);

    assertThat(caughtUp).as("no link time lost").isCloseTo(0.002, within(1e-9));
    assertThat(bounded).isCloseTo(caughtUp + 5 - SharedLink.CATCH_UP_SECONDS + 0.001, within(1e-9));
    assertThat(fresh).as("a new response starts now").isCloseTo(caughtUp + 5 + 0.001, within(1e-9));
  }

  @Test
  void quanta_scale_with_the_capacity_within_bounds() {
    assertThat(new SharedLink(LinkTrace.constant(2), nanos::get).quantumBytes(1 << 20))
        .isEqualTo(SharedLink.MIN_QUANTUM_BYTES);
    assertThat(new SharedLink(LinkTrace.constant(8), nanos::get).quantumBytes(1 << 20))
        .isEqualTo(4000);
    assertThat(new SharedLink(LinkTrace.constant(1000), nanos::get).quantumBytes(1 << 20))
        .isEqualTo(SharedLink.MAX_QUANTUM_BYTES);
    assertThat(new SharedLink(LinkTrace.constant(8), nanos::get).quantumBytes(10)).isEqualTo(10);
  }
}
