package org.smoothplayer.app.manifest;

import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code <f>} child of a chunk ({@code c}) element: a per-track fragment part (TrackFragment).
 *
 * @param trackIndex the {@code i} attribute (the QualityLevel Index it belongs to), or -1 when
 *     absent
 * @param attributes every other attribute (e.g. vendor {@code s}, {@code q}), sorted by name
 * @param content the element's text (ManifestOutput sample data), stripped; empty when none
 */
public record FragmentPart(int trackIndex, Map<String, String> attributes, String content) {
  public FragmentPart {
    attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }
}
