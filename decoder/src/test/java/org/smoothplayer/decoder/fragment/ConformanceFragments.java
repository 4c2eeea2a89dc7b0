package org.smoothplayer.decoder.fragment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The binary fragments of the conformance corpus, each with the context its manifest gives: the
 * stream type (from the file name, by hand for the dash.js files), the stream's TimeScale (read
 * from the manifest beside it) and the start time (from the file name).
 */
public final class ConformanceFragments {
  private ConformanceFragments() {}

  /** One fragment file and its context. */
  public record Entry(Path file, String relativeName, FragmentContext context) {
    @Override
    public String toString() {
      return relativeName;
    }
  }

  /** Manifest describing the fragments of each folder (none for the dash.js live samples). */
  private static final Map<String, String> MANIFESTS =
      Map.of(
          "rxplayer", "Manifest_Regular.xml",
          "shaka/mss-clear", "Manifest",
          "shaka/mss-playready", "Manifest");

  /** The dash.js samples name no stream: per the corpus README one is video, one audio. */
  private static final Map<String, TrackType> BY_HAND =
      Map.of("mss_moof.mp4", TrackType.VIDEO, "mss_moof_tfdt.mp4", TrackType.AUDIO);

  private static final Pattern START = Pattern.compile("=(\\d+)\\)");
  private static final long DEFAULT_TIMESCALE = 10_000_000L;

  /** Every fragment file of the corpus, sorted by path. */
  public static List<Entry> all() {
    Path root = SharedData.conformanceDir();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> isFragment(p.getFileName().toString()))
          .sorted()
          .map(p -> entry(root, p))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isFragment(String name) {
    return name.endsWith(".mp4") || name.startsWith("Fragments(");
  }

  private static Entry entry(Path root, Path file) {
    String rel = root.relativize(file).toString().replace('\\', '/');
    String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
    String name = file.getFileName().toString();
    TrackType type = BY_HAND.get(name);
    if (type == null) {
      type = name.contains("video") ? TrackType.VIDEO : TrackType.AUDIO;
    }
    Matcher m = START.matcher(name);
    long start = m.find() ? Long.parseLong(m.group(1)) : 0;
    String manifest = MANIFESTS.get(dir);
    long timescale =
        manifest == null ? DEFAULT_TIMESCALE : timescale(root.resolve(dir).resolve(manifest), type);
    return new Entry(file, rel, new FragmentContext(type, timescale, start));
  }

  /** The TimeScale of the first StreamIndex of {@code type}, else the root's, else 10^7. */
  static long timescale(Path manifest, TrackType type) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = f.newDocumentBuilder().parse(manifest.toFile());
      Element root = doc.getDocumentElement();
      NodeList streams = root.getElementsByTagName("StreamIndex");
      for (int i = 0; i < streams.getLength(); i++) {
        Element s = (Element) streams.item(i);
        if (s.getAttribute("Type").equalsIgnoreCase(type.name())) {
          if (!s.getAttribute("TimeScale").isEmpty()) {
            return Long.parseLong(s.getAttribute("TimeScale"));
          }
          break;
        }
      }
      String rootScale = root.getAttribute("TimeScale");
      return rootScale.isEmpty() ? DEFAULT_TIMESCALE : Long.parseLong(rootScale);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + manifest, e);
    }
  }
}
