package org.smoothplayer.app.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Copies of generated presentations that a test may change (a padded fragment, a new stream). */
final class PresentationCopies {
  private PresentationCopies() {}

  /** Copies the presentation folder {@code from} to {@code to}, recursively; returns {@code to}. */
  static Path copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  /**
   * A copy of {@code tiny} (in {@code dir}) whose audio {@code Url} is an absolute URL on {@code
   * authority} (host or host:port); the video stays relative, served by the origin as usual.
   */
  static Path tinyWithAudioOn(Path tiny, Path dir, String authority) throws IOException {
    Path copy = copy(tiny, dir.resolve("tiny-audio-on-" + authority.replace(':', '-')));
    Path manifest = copy.resolve("Manifest");
    String text = Files.readString(manifest);
    String relative = "Url=\"QualityLevels({bitrate})/Fragments(audio={start time})\"";
    if (!text.contains(relative)) {
      throw new IllegalStateException("tiny's audio Url is not " + relative);
    }
    Files.writeString(
        manifest,
        text.replace(
            relative,
            "Url=\"http://"
                + authority
                + "/QualityLevels({bitrate})/Fragments(audio={start time})\""));
    return copy;
  }

  /**
   * An audio-only copy of {@code tiny} in {@code dir}: its video stream gone from the manifest and
   * from the description the live origin serves ({@code presentation.json}), and its video
   * fragments deleted, so that any request for video fails.
   */
  static Path tinyAudioOnly(Path tiny, Path dir) throws IOException {
    Path copy = copy(tiny, dir.resolve("tiny-audio-only"));
    removeStream(copy, "video");
    ObjectMapper json = new ObjectMapper();
    Path info = copy.resolve("presentation.json");
    ObjectNode root = (ObjectNode) json.readTree(info.toFile());
    ArrayNode streams = (ArrayNode) root.get("streams");
    for (int i = streams.size() - 1; i >= 0; i--) {
      if (streams.get(i).get("type").asText().equals("video")) {
        streams.remove(i);
      }
    }
    json.writeValue(info.toFile(), root);
    for (String level : new String[] {"QualityLevels(150000)", "QualityLevels(400000)"}) {
      try (var files = Files.walk(copy.resolve(level))) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return copy;
  }

  /**
   * Removes the first StreamIndex of {@code type} ("video", "audio") from {@code copy}'s manifest.
   */
  static void removeStream(Path copy, String type) throws IOException {
    Path manifest = copy.resolve("Manifest");
    String xml = Files.readString(manifest);
    int start = xml.indexOf("<StreamIndex Type=\"" + type + "\"");
    if (start < 0) {
      throw new IllegalStateException(manifest + " has no " + type + " stream to remove");
    }
    int end = xml.indexOf("</StreamIndex>", start) + "</StreamIndex>".length();
    Files.writeString(manifest, xml.substring(0, start) + xml.substring(end));
  }

  /** Replaces {@code from} (which must be there) by {@code to} in {@code copy}'s manifest. */
  static void editManifest(Path copy, String from, String to) throws IOException {
    Path manifest = copy.resolve("Manifest");
    String xml = Files.readString(manifest);
    if (!xml.contains(from)) {
      throw new IllegalStateException(manifest + " does not contain " + from);
    }
    Files.writeString(manifest, xml.replace(from, to));
  }

  /**
   * Adds to the audio stream of the audio-only copy {@code copy} (see {@link #tinyAudioOnly}) a
   * second level of {@code bitrateBps} (below tiny's 128 kbps) with the same codec, its fragments
   * copies of the 128-kbps ones; only the manifest knows it.
   */
  static void addAudioLevel(Path copy, long bitrateBps) throws IOException {
    Path manifest = copy.resolve("Manifest");
    String xml = Files.readString(manifest);
    String level = "<QualityLevel Index=\"0\" Bitrate=\"128000\"";
    int at = xml.indexOf(level);
    if (at < 0 || !xml.contains("QualityLevels=\"1\"")) {
      throw new IllegalStateException(
          "the audio stream of the copy is not tiny's one 128-kbps level");
    }
    String line = xml.substring(at, xml.indexOf("/>", at) + 2);
    String added =
        line.replace("Index=\"0\"", "Index=\"1\"")
            .replace("Bitrate=\"128000\"", "Bitrate=\"" + bitrateBps + "\"");
    Files.writeString(
        manifest,
        xml.replace(line, line + "\n    " + added)
            .replace("QualityLevels=\"1\"", "QualityLevels=\"2\""));
    copy(copy.resolve("QualityLevels(128000)"), copy.resolve("QualityLevels(" + bitrateBps + ")"));
  }
}
