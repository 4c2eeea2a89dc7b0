package org.smoothplayer.app.manifest;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@code StreamIndex}: one stream (a video angle, an audio language, a text track) with its
 * quality levels and its timeline.
 *
 * @param type the Type attribute
 * @param subtype the Subtype attribute, empty when absent
 * @param name the Name attribute, or null
 * @param language the Language attribute, or null
 * @param urlTemplate the Url attribute, or null (allowed for text streams only)
 * @param timeScale the stream's time scale: its TimeScale, else the manifest's
 * @param declaredChunks the Chunks attribute as written, -1 when absent (informational: the
 *     timeline counts the {@code c} elements)
 * @param declaredQualityLevels the QualityLevels attribute, -1 when absent (informational)
 * @param maxWidthPx MaxWidth, 0 when absent
 * @param maxHeightPx MaxHeight, 0 when absent
 * @param displayWidthPx DisplayWidth, 0 when absent
 * @param displayHeightPx DisplayHeight, 0 when absent
 * @param parentStreamIndex ParentStreamIndex, or null
 * @param manifestOutput ManifestOutput (false when absent)
 * @param qualityLevels the levels, in document order
 * @param timeline the fragments
 * @param line the line of the element in the manifest (for messages)
 */
public record StreamIndex(
    StreamType type,
    String subtype,
    @Nullable String name,
    @Nullable String language,
    @Nullable String urlTemplate,
    long timeScale,
    int declaredChunks,
    int declaredQualityLevels,
    int maxWidthPx,
    int maxHeightPx,
    int displayWidthPx,
    int displayHeightPx,
    @Nullable String parentStreamIndex,
    boolean manifestOutput,
    List<QualityLevel> qualityLevels,
    ChunkTimeline timeline,
    int line) {

  public StreamIndex {
    qualityLevels = List.copyOf(qualityLevels);
  }

  /** The Name, or the type keyword when the stream has no Name. */
  public String displayName() {
    return name != null ? name : type.keyword();
  }

  /**
   * The URL of chunk {@code chunkIndex} of {@code level}, resolved against {@code base} (the
   * manifest's final URL); empty when the stream has no Url template or no such chunk.
   */
  public Optional<URI> fragmentUri(URI base, QualityLevel level, int chunkIndex) {
    if (urlTemplate == null || chunkIndex < 0 || chunkIndex >= timeline.chunkCount()) {
      return Optional.empty();
    }
    return Optional.of(
        UrlTemplate.resolve(base, urlTemplate, level, timeline.chunk(chunkIndex).startTicks()));
  }
}
