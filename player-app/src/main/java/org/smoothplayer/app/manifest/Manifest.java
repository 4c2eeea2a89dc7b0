package org.smoothplayer.app.manifest;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A parsed Smooth Streaming client manifest ({@code SmoothStreamingMedia}). Immutable.
 *
 * @param baseUri the URL the manifest was finally read from (after redirects), or its file URI;
 *     fragment URLs are resolved against it
 * @param majorVersion MajorVersion (2 when absent)
 * @param minorVersion MinorVersion (0 when absent)
 * @param timeScale TimeScale in ticks per second (10,000,000 when absent)
 * @param durationTicks Duration in {@code timeScale} ticks (0 for live presentations that give 0)
 * @param durationUs Duration in microseconds
 * @param live IsLive
 * @param lookAheadFragmentCount LookAheadFragmentCount, 0 when absent
 * @param dvrWindowTicks DVRWindowLength in {@code timeScale} ticks, 0 when absent (0 = infinite)
 * @param dvrWindowUs DVRWindowLength in microseconds
 * @param canSeek CanSeek (true when absent)
 * @param canPause CanPause (true when absent)
 * @param customAttributes the root's CustomAttributes children
 * @param protection the Protection element, if any
 * @param streams the StreamIndex elements, in document order
 */
public record Manifest(
    URI baseUri,
    int majorVersion,
    int minorVersion,
    long timeScale,
    long durationTicks,
    long durationUs,
    boolean live,
    int lookAheadFragmentCount,
    long dvrWindowTicks,
    long dvrWindowUs,
    boolean canSeek,
    boolean canPause,
    List<CustomAttribute> customAttributes,
    Optional<Protection> protection,
    List<StreamIndex> streams) {

  /** The message every refusal of protected content carries. */
  public static final String PROTECTED_MESSAGE = "PlayReady-protected content is not supported";

  public Manifest {
    customAttributes = List.copyOf(customAttributes);
    streams = List.copyOf(streams);
  }

  /** The streams of one type, in document order. */
  public List<StreamIndex> streams(StreamType type) {
    return streams.stream().filter(s -> s.type() == type).toList();
  }

  /**
   * The video streams that carry the presentation: every video stream but zoetrope ({@code ZOET},
   * thumbnail) streams.
   */
  public List<StreamIndex> mainVideoStreams() {
    return streams(StreamType.VIDEO).stream()
        .filter(s -> !s.subtype().equalsIgnoreCase("ZOET"))
        .toList();
  }

  /**
   * Refuses protected content: playback and probe call this before anything else.
   *
   * @throws ManifestException of kind {@link ManifestException.Kind#PROTECTED_CONTENT} when the
   *     manifest has a Protection element
   */
  public void requireUnprotected() throws ManifestException {
    if (protection.isPresent()) {
      Protection p = protection.get();
      String system =
          p.headers().isEmpty() ? "no ProtectionHeader" : "SystemID " + p.firstSystemId();
      throw new ManifestException(
          ManifestException.Kind.PROTECTED_CONTENT,
          "Protection",
          null,
          0,
          PROTECTED_MESSAGE + " (the manifest has a Protection element, " + system + ")",
          null);
    }
  }
}
