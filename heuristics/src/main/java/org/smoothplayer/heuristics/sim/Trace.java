package org.smoothplayer.heuristics.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A network trace: sample {@code i} is the link capacity during {@code (timeS[i-1], timeS[i]]}.
 *
 * @param name file name
 * @param timeS time stamps in seconds, non-decreasing
 * @param bandwidthMbps capacity in Mbit/s (10^6 bit/s)
 */
public record Trace(String name, double[] timeS, double[] bandwidthMbps) {

  /** Validates the samples (at least two, finite, non-decreasing time, some capacity). */
  public Trace {
    if (timeS.length != bandwidthMbps.length || timeS.length < 2) {
      throw new SimulationDataException(
          name + ": expected at least two samples of (time, throughput), found " + timeS.length);
    }
    boolean delivers = false;
    for (int i = 0; i < timeS.length; i++) {
      if (!Double.isFinite(timeS[i])
          || !Double.isFinite(bandwidthMbps[i])
          || bandwidthMbps[i] < 0) {
        throw new SimulationDataException(
            name + ": line " + (i + 1) + ": expected finite time and throughput >= 0");
      }
      if (i > 0 && timeS[i] < timeS[i - 1]) {
        throw new SimulationDataException(
            name + ": line " + (i + 1) + ": time goes backwards (" + timeS[i] + ")");
      }
      if (i > 0 && bandwidthMbps[i] > 0 && timeS[i] > timeS[i - 1]) {
        delivers = true;
      }
    }
    if (!delivers) {
      throw new SimulationDataException(name + ": the trace never delivers any bytes");
    }
  }

  /** Reads {@code time_s throughput_Mbps} lines split on any whitespace (CRLF accepted). */
  public static Trace read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SimulationDataException("cannot read trace " + file + ": no such file", e);
    } catch (IOException e) {
      throw new SimulationDataException("cannot read trace " + file + ": " + e.getMessage(), e);
    }
    List<double[]> rows = new ArrayList<>();
    int lineNo = 0;
    for (String line : lines) {
      lineNo++;
      String t = line.strip();
      if (t.isEmpty()) {
        continue;
      }
      String[] parts = t.split("\\s+");
      if (parts.length < 2) {
        throw new SimulationDataException(
            file + ": line " + lineNo + ": expected 'time_s throughput_Mbps' but was '" + t + "'");
      }
      try {
        rows.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
      } catch (NumberFormatException e) {
        throw new SimulationDataException(
            file + ": line " + lineNo + ": not a number in '" + t + "'", e);
      }
    }
    double[] time = new double[rows.size()];
    double[] bw = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      time[i] = rows.get(i)[0];
      bw[i] = rows.get(i)[1];
    }
    return new Trace(file.getFileName().toString(), time, bw);
  }

  /** Reads every regular file of {@code dir}, sorted by file name. */
  public static List<Trace> readDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new SimulationDataException("traces: expected a directory but was " + dir);
    }
    List<Trace> traces = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .forEach(p -> traces.add(read(p)));
    } catch (IOException e) {
      throw new SimulationDataException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (traces.isEmpty()) {
      throw new SimulationDataException("traces: no files in " + dir);
    }
    return traces;
  }
}
