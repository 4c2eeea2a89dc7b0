package org.smoothplayer.app.manifest;

/**
 * Bounds the parser enforces so that no manifest can exhaust memory or time.
 *
 * @param maxDocumentBytes largest accepted document, counted while reading (never buffered whole)
 * @param maxChunksPerStream most chunks one stream may declare, repeats ({@code r}) included
 * @param maxStreams most StreamIndex elements
 * @param maxQualityLevelsPerStream most QualityLevel elements in one stream
 * @param maxElementDepth deepest element nesting
 * @param maxAttributeChars longest attribute value (CodecPrivateData is the long one)
 * @param maxTextChars longest text content (a ProtectionHeader is a few KiB)
 */
public record ManifestLimits(
    long maxDocumentBytes,
    int maxChunksPerStream,
    int maxStreams,
    int maxQualityLevelsPerStream,
    int maxElementDepth,
    int maxAttributeChars,
    int maxTextChars) {

  /** Default {@link #maxDocumentBytes()}: 32 MiB (real manifests are a few hundred KiB at most). */
  public static final long DEFAULT_MAX_DOCUMENT_BYTES = 32L * 1024 * 1024;

  /**
   * Default {@link #maxChunksPerStream()}: 10^9, enough for 63 years of 2-s fragments; timelines
   * are stored as runs so the count costs no memory, but it must fit an {@code int} index.
   */
  public static final int DEFAULT_MAX_CHUNKS_PER_STREAM = 1_000_000_000;

  /** Default {@link #maxStreams()}. */
  public static final int DEFAULT_MAX_STREAMS = 256;

  /** Default {@link #maxQualityLevelsPerStream()}. */
  public static final int DEFAULT_MAX_QUALITY_LEVELS_PER_STREAM = 256;

  /** Default {@link #maxElementDepth()}. */
  public static final int DEFAULT_MAX_ELEMENT_DEPTH = 32;

  /** Default {@link #maxAttributeChars()}: 1 MiB. */
  public static final int DEFAULT_MAX_ATTRIBUTE_CHARS = 1 << 20;

  /** Default {@link #maxTextChars()}: 1 MiB. */
  public static final int DEFAULT_MAX_TEXT_CHARS = 1 << 20;

  public ManifestLimits {
    if (maxDocumentBytes <= 0
        || maxChunksPerStream <= 0
        || maxStreams <= 0
        || maxQualityLevelsPerStream <= 0
        || maxElementDepth < 4
        || maxAttributeChars <= 0
        || maxTextChars <= 0) {
      throw new IllegalArgumentException("every limit must be positive (depth at least 4)");
    }
  }

  /** The defaults. */
  public static ManifestLimits defaults() {
    return new ManifestLimits(
        DEFAULT_MAX_DOCUMENT_BYTES,
        DEFAULT_MAX_CHUNKS_PER_STREAM,
        DEFAULT_MAX_STREAMS,
        DEFAULT_MAX_QUALITY_LEVELS_PER_STREAM,
        DEFAULT_MAX_ELEMENT_DEPTH,
        DEFAULT_MAX_ATTRIBUTE_CHARS,
        DEFAULT_MAX_TEXT_CHARS);
  }

  /** A copy with another document size limit. */
  public ManifestLimits withMaxDocumentBytes(long bytes) {
    return new ManifestLimits(
        bytes,
        maxChunksPerStream,
        maxStreams,
        maxQualityLevelsPerStream,
        maxElementDepth,
        maxAttributeChars,
        maxTextChars);
  }

  /** A copy with another chunk bound. */
  public ManifestLimits withMaxChunksPerStream(int chunks) {
    return new ManifestLimits(
        maxDocumentBytes,
        chunks,
        maxStreams,
        maxQualityLevelsPerStream,
        maxElementDepth,
        maxAttributeChars,
        maxTextChars);
  }
}
