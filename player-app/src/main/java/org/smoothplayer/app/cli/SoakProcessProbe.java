package org.smoothplayer.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import org.smoothplayer.app.cli.SoakSamples.Sample;

/**
 * Measures this process for the soak: memory after a full GC, threads and open files (from {@code
 * /proc}), and thread and file-descriptor names counted by shape.
 */
final class SoakProcessProbe {

  /** Pause between the two full GCs of a sample, for the Cleaner to free direct buffers. */
  static final long CLEANER_WAIT_MS = 500;

  /**
   * A sample of this process; runs a full GC first.
   *
   * @param label when: {@code start}, {@code end} or the seconds into the soak
   * @param sessions soak sessions closed so far
   * @param open the kind of the session open while sampling, {@code -} when none
   */
  static Sample sample(String label, int sessions, String open) throws InterruptedException {
    // A direct buffer found unreachable by a GC is freed afterwards by the Cleaner thread: give
    // it time, then collect again, so only reachable buffers are counted.
    System.gc();
    Thread.sleep(CLEANER_WAIT_MS);
    System.gc();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
    long direct = -1;
    long directCount = -1;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        direct = pool.getMemoryUsed();
        directCount = pool.getCount();
      }
    }
    long rssKb;
    try {
      rssKb = BenchSupport.statusKb(Files.readString(Path.of("/proc/self/status")), "VmRSS");
    } catch (IOException | IllegalArgumentException e) {
      rssKb = -1;
    }
    return new Sample(
        label,
        sessions,
        open,
        rssKb,
        heap.getUsed(),
        heap.getCommitted(),
        nonHeap.getCommitted(),
        direct,
        directCount,
        Pointer.totalBytes(),
        ManagementFactory.getThreadMXBean().getThreadCount(),
        countEntries(Path.of("/proc/self/task")),
        countEntries(Path.of("/proc/self/fd")));
  }

  /**
   * Names counted by their shape: every run of digits becomes {@code N} ({@code
   * origin-40123-conn-7} and {@code origin-40999-conn-2} are both {@code origin-N-conn-N}).
   */
  static Map<String, Integer> shapes(Collection<String> names) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String name : names) {
      counts.merge(name.replaceAll("[0-9]+", "N"), 1, Integer::sum);
    }
    return counts;
  }

  /** What changed between two shape counts: {@code +3 soak-leak-N}, {@code -1 x}; sorted. */
  static List<String> shapeDiff(Map<String, Integer> before, Map<String, Integer> after) {
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<String> changes = new ArrayList<>();
    for (String key : keys) {
      int d = after.getOrDefault(key, 0) - before.getOrDefault(key, 0);
      if (d != 0) {
        changes.add((d > 0 ? "+" : "") + d + " " + key);
      }
    }
    return changes;
  }

  /**
   * How many more there are in the shapes that grew: the sum of every shape's increase, shapes that
   * shrank not subtracted.
   */
  static int grown(Map<String, Integer> before, Map<String, Integer> after) {
    int grown = 0;
    for (Map.Entry<String, Integer> e : after.entrySet()) {
      grown += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0));
    }
    return grown;
  }

  /** Names of the live JVM threads. */
  static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
  }

  /** What each open file descriptor points at ({@code socket:[N]}, a path, ...). */
  static List<String> fdTargets() {
    List<String> targets = new ArrayList<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          targets.add(Files.readSymbolicLink(fd).toString());
        } catch (IOException e) {
          // closed while listing (the listing's own descriptor): not open any more
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
    return targets;
  }

  private static int countEntries(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return (int) entries.count();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  /** For each thread shape that grew, the top frames of one such thread (where it waits). */
  static List<String> threadStacks(Map<String, Integer> atStart) {
    Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
    Map<String, Integer> now = shapes(all.keySet().stream().map(Thread::getName).toList());
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Integer> e : now.entrySet()) {
      if (e.getValue() <= atStart.getOrDefault(e.getKey(), 0)) {
        continue;
      }
      for (Map.Entry<Thread, StackTraceElement[]> t : all.entrySet()) {
        if (t.getKey().getName().replaceAll("[0-9]+", "N").equals(e.getKey())) {
          StringJoiner frames = new StringJoiner(" < ");
          StackTraceElement[] stack = t.getValue();
          for (int i = 0; i < Math.min(4, stack.length); i++) {
            frames.add(stack[i].toString());
          }
          lines.add(
              "  grew: "
                  + e.getKey()
                  + " (daemon "
                  + t.getKey().isDaemon()
                  + ", "
                  + t.getKey().getState()
                  + "): "
                  + frames);
          break;
        }
      }
    }
    return lines;
  }

  private SoakProcessProbe() {}
}
