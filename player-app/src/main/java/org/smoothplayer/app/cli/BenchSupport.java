package org.smoothplayer.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** What the runnable benchmarks share: reading {@code /proc}, the load average, temp clean-up. */
final class BenchSupport {
  private BenchSupport() {}

  /**
   * The value in kB of a {@code NAME: N kB} line of a {@code /proc/PID/status} text, -1 when the
   * text has no such line (a zombie or a kernel thread has no VmRSS/VmHWM).
   *
   * @throws IllegalArgumentException when the line is not {@code NAME: N kB}
   */
  static long statusKb(String statusText, String name) {
    String prefix = name + ":";
    for (String line : statusText.split("\n")) {
      if (line.startsWith(prefix)) {
        String[] parts = line.substring(prefix.length()).strip().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB")) {
          throw new IllegalArgumentException("expected '" + prefix + " N kB', got: " + line);
        }
        try {
          return Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected '" + prefix + " N kB', got: " + line, e);
        }
      }
    }
    return -1;
  }

  /** The 1-, 5- and 15-minute load averages for reports ("n/a" when unknown). */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
      if (f.length >= 3) {
        return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min)";
      }
    } catch (IOException e) {
      // fall back below
    }
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f (1 min)", load);
  }

  /** Deletes a temporary folder and its content, ignoring failures (left-overs are harmless). */
  static void deleteQuietly(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
