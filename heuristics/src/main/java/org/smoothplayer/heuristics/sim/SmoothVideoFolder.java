package org.smoothplayer.heuristics.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.smoothplayer.heuristics.Ladder;
import org.smoothplayer.heuristics.Level;

/**
 * Reads fragment sizes from a presentation folder as the assets generator writes it: a {@code
 * Manifest} file and {@code QualityLevels(<bitrate>)/Fragments(video=<t>)} files. Only the video
 * ladder (bitrate, MaxWidth, MaxHeight from the manifest when present), the file sizes and the
 * start times (manifest TimeScale, default 10^7 per second) are used.
 */
public final class SmoothVideoFolder {
  private static final Pattern LEVEL_DIR = Pattern.compile("QualityLevels\\((\\d+)\\)");
  private static final Pattern FRAGMENT = Pattern.compile("Fragments\\(video=(\\d+)\\)");
  private static final Pattern QUALITY_LEVEL = Pattern.compile("<QualityLevel\\b([^>]*)>");
  private static final Pattern TIME_SCALE = Pattern.compile("\\bTimeScale=\"(\\d+)\"");

  private SmoothVideoFolder() {}

  /** Reads the folder; every level must have the same fragment start times. */
  public static Video read(Path dir) {
    Path manifest = dir.resolve("Manifest");
    if (!Files.isRegularFile(manifest)) {
      throw new SimulationDataException("video: expected a Manifest file in " + dir);
    }
    String xml;
    try {
      xml = Files.readString(manifest, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SimulationDataException("cannot read " + manifest + ": " + e.getMessage(), e);
    }
    double timeScale = 10_000_000;
    Matcher ts = TIME_SCALE.matcher(xml);
    if (ts.find()) {
      timeScale = Double.parseDouble(ts.group(1));
    }
    Map<Long, int[]> sizesByBitrate = new HashMap<>();
    Matcher ql = QUALITY_LEVEL.matcher(xml);
    while (ql.find()) {
      String attrs = ql.group(1);
      Long bitrate = attr(attrs, "Bitrate");
      Long w = attr(attrs, "MaxWidth");
      Long h = attr(attrs, "MaxHeight");
      if (bitrate != null && w != null && h != null) {
        sizesByBitrate.put(bitrate, new int[] {w.intValue(), h.intValue()});
      }
    }
    TreeMap<Long, TreeMap<Long, Long>> levels = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(dir)) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        Matcher m = LEVEL_DIR.matcher(d.getFileName().toString());
        if (!Files.isDirectory(d) || !m.matches()) {
          continue;
        }
        TreeMap<Long, Long> fragments = new TreeMap<>();
        try (Stream<Path> files = Files.list(d)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Matcher fm = FRAGMENT.matcher(f.getFileName().toString());
            if (fm.matches() && Files.isRegularFile(f)) {
              fragments.put(Long.parseLong(fm.group(1)), Files.size(f));
            }
          }
        }
        if (!fragments.isEmpty()) {
          levels.put(Long.parseLong(m.group(1)), fragments);
        }
      }
    } catch (IOException e) {
      throw new SimulationDataException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (levels.isEmpty()) {
      throw new SimulationDataException(
          "video: expected QualityLevels(<bitrate>)/Fragments(video=<t>) files in " + dir);
    }
    List<Long> starts = new ArrayList<>(levels.firstEntry().getValue().keySet());
    if (starts.size() < 2) {
      throw new SimulationDataException("video: expected at least two video fragments in " + dir);
    }
    List<Level> ladder = new ArrayList<>();
    long[][] bytes = new long[levels.size()][];
    int i = 0;
    for (Map.Entry<Long, TreeMap<Long, Long>> e : levels.entrySet()) {
      if (!new ArrayList<>(e.getValue().keySet()).equals(starts)) {
        throw new SimulationDataException(
            "video: level " + e.getKey() + " has other fragment times than the lowest level");
      }
      int[] wh = sizesByBitrate.getOrDefault(e.getKey(), new int[] {0, 0});
      ladder.add(new Level(e.getKey(), wh[0], wh[1]));
      bytes[i++] = e.getValue().values().stream().mapToLong(Long::longValue).toArray();
    }
    double fragmentS = (starts.get(1) - starts.get(0)) / timeScale;
    return new Video(dir.getFileName().toString(), new Ladder(ladder), fragmentS, bytes);
  }

  private static Long attr(String attrs, String name) {
    Matcher m = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(attrs);
    return m.find() ? Long.parseLong(m.group(1)) : null;
  }
}
