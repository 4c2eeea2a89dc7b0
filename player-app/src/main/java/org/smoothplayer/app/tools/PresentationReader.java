package org.smoothplayer.app.tools;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.smoothplayer.app.manifest.Chunk;
import org.smoothplayer.app.manifest.ChunkTimeline;
import org.smoothplayer.app.manifest.CodecSupport;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.ManifestException;
import org.smoothplayer.app.manifest.ManifestLoader;
import org.smoothplayer.app.manifest.ManifestParser;
import org.smoothplayer.app.manifest.QualityLevel;
import org.smoothplayer.app.manifest.StreamIndex;
import org.smoothplayer.app.manifest.StreamType;
import org.smoothplayer.app.net.FetchException;
import org.smoothplayer.app.net.HttpFetcher;
import org.smoothplayer.app.tools.PresentationReadException.Kind;
import org.smoothplayer.decoder.codec.CodecConfig;
import org.smoothplayer.decoder.codec.CodecConfigException;
import org.smoothplayer.decoder.codec.CodecConfigParser;
import org.smoothplayer.decoder.codec.UnsupportedCodecException;
import org.smoothplayer.decoder.codec.VideoCodecConfig;
import org.smoothplayer.decoder.fragment.EncodedSample;
import org.smoothplayer.decoder.fragment.FragmentContext;
import org.smoothplayer.decoder.fragment.FragmentParseException;
import org.smoothplayer.decoder.fragment.FragmentParser;
import org.smoothplayer.decoder.fragment.ProtectedContentException;
import org.smoothplayer.decoder.fragment.TrackType;

/**
 * Reads the video of a Smooth Streaming presentation the way the player does: the manifest with
 * {@link ManifestLoader}/{@link ManifestParser}, each fragment URL from {@link
 * StreamIndex#fragmentUri}, fragments from disk ({@code file:} URLs) or over HTTP ({@link
 * HttpFetcher}), parsed by the decoder's {@link FragmentParser}, codec configurations by its {@link
 * CodecConfigParser}. For the tools (benchmark, snapshot), not for playback: fragments are read
 * synchronously, one after the other.
 *
 * <p>Confined to the calling thread (the fetcher it uses may be shared).
 */
public final class PresentationReader {

  /** Largest fragment read from disk, in bytes (the fetcher caps HTTP bodies by itself). */
  public static final long MAX_FRAGMENT_BYTES = 64L << 20;

  /** File name of the manifest inside a presentation folder (the loader's, declared there). */
  public static final String MANIFEST_FILE = ManifestLoader.FOLDER_MANIFEST;

  private static final Pattern URL_LIKE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

  private final HttpFetcher fetcher;
  private final ManifestLoader loader;

  /** A reader fetching http(s) manifests and fragments with {@code fetcher}. */
  public PresentationReader(HttpFetcher fetcher) {
    this.fetcher = fetcher;
    this.loader = new ManifestLoader(fetcher, new ManifestParser());
  }

  /**
   * Loads the manifest at {@code location}: an http(s) URL, a {@code file:} URI, a manifest file or
   * a folder holding a file named {@value #MANIFEST_FILE}.
   *
   * @throws PresentationReadException of kind MANIFEST, FETCH or PROTECTED
   */
  public Manifest load(String location) throws PresentationReadException {
    String target = location.strip();
    if (!URL_LIKE.matcher(target).matches()) {
      try {
        Path path = Path.of(target);
        if (Files.isDirectory(path)) {
          Path manifest = path.resolve(MANIFEST_FILE);
          if (!Files.isRegularFile(manifest)) {
            throw new PresentationReadException(
                Kind.MANIFEST,
                "the folder "
                    + path
                    + " holds no file named "
                    + MANIFEST_FILE
                    + " (expected a Smooth Streaming presentation folder, a manifest file or an"
                    + " http(s) URL)",
                null);
          }
          target = manifest.toString();
        }
      } catch (InvalidPathException e) {
        // Not a path: the loader reports it with its own message.
      }
    }
    Manifest manifest;
    try {
      manifest = loader.load(target);
    } catch (ManifestException e) {
      throw new PresentationReadException(
          Kind.MANIFEST, "cannot read the manifest " + location + ": " + e.getMessage(), e);
    } catch (FetchException e) {
      throw new PresentationReadException(Kind.FETCH, e.describe("manifest", location), e);
    }
    try {
      manifest.requireUnprotected();
    } catch (ManifestException e) {
      throw new PresentationReadException(Kind.PROTECTED, e.getMessage(), e);
    }
    return manifest;
  }

  /**
   * The main video stream: the first video stream that is not a zoetrope ({@code ZOET}) stream,
   * else the first video stream.
   *
   * @throws PresentationReadException of kind NO_VIDEO when there is no video stream
   */
  public static StreamIndex mainVideoStream(Manifest manifest) throws PresentationReadException {
    List<StreamIndex> video = manifest.streams(StreamType.VIDEO);
    if (video.isEmpty()) {
      throw new PresentationReadException(
          Kind.NO_VIDEO, "the manifest " + manifest.baseUri() + " has no video stream", null);
    }
    List<StreamIndex> main = manifest.mainVideoStreams();
    return main.isEmpty() ? video.get(0) : main.get(0);
  }

  /**
   * Every level of the main video stream with its parsed codec configuration, in manifest order.
   *
   * @throws PresentationReadException of kind NO_VIDEO, or UNSUPPORTED_CODEC naming the level when
   *     one level's configuration is unsupported or malformed
   */
  public static List<VideoLevel> videoLevels(Manifest manifest) throws PresentationReadException {
    StreamIndex stream = mainVideoStream(manifest);
    List<VideoLevel> levels = new ArrayList<>();
    for (QualityLevel level : stream.qualityLevels()) {
      CodecConfig config;
      try {
        config = CodecConfigParser.parse(CodecSupport.descriptor(stream, level));
      } catch (UnsupportedCodecException | CodecConfigException e) {
        throw new PresentationReadException(
            Kind.UNSUPPORTED_CODEC,
            "video QualityLevel "
                + level.index()
                + " ("
                + level.bitrateBps()
                + " bps) at line "
                + level.line()
                + ": "
                + e.getMessage(),
            e);
      }
      if (!(config instanceof VideoCodecConfig video)) {
        throw new PresentationReadException(
            Kind.UNSUPPORTED_CODEC,
            "video QualityLevel " + level.index() + " has a non-video configuration " + config,
            null);
      }
      levels.add(new VideoLevel(stream, level, video));
    }
    if (levels.isEmpty()) {
      throw new PresentationReadException(
          Kind.NO_VIDEO, "the video stream " + stream.displayName() + " has no level", null);
    }
    return List.copyOf(levels);
  }

  /**
   * Reads and parses fragment {@code chunkIndex} of {@code level}.
   *
   * @return its samples in decode order
   * @throws PresentationReadException of kind FRAGMENT_READ, FETCH, UNSUPPORTED_SCHEME or
   *     FRAGMENT_PARSE, naming the fragment URL
   */
  public List<EncodedSample> readFragment(Manifest manifest, VideoLevel level, int chunkIndex)
      throws PresentationReadException {
    StreamIndex stream = level.stream();
    ChunkTimeline timeline = stream.timeline();
    if (chunkIndex < 0 || chunkIndex >= timeline.chunkCount()) {
      throw new IndexOutOfBoundsException(
          "chunk " + chunkIndex + " of " + timeline.chunkCount() + " in " + stream.displayName());
    }
    URI uri =
        stream
            .fragmentUri(manifest.baseUri(), level.level(), chunkIndex)
            .orElseThrow(
                () -> new IllegalStateException("a video stream always has a Url template"));
    byte[] bytes = fetch(uri);
    Chunk chunk = timeline.chunk(chunkIndex);
    try {
      return FragmentParser.parse(
              ByteBuffer.wrap(bytes),
              new FragmentContext(TrackType.VIDEO, stream.timeScale(), chunk.startTicks()))
          .samples();
    } catch (FragmentParseException | ProtectedContentException e) {
      throw new PresentationReadException(
          Kind.FRAGMENT_PARSE, "fragment " + uri + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads every level of the main video stream, keeping the fragments that overlap {@code [fromUs,
   * toUs)}.
   *
   * @see #readVideo(Manifest, Predicate, long, long)
   */
  public List<VideoLevelSamples> readVideo(Manifest manifest, long fromUs, long toUs)
      throws PresentationReadException {
    return readVideo(manifest, level -> true, fromUs, toUs);
  }

  /**
   * Reads the levels of the main video stream that {@code keep} accepts, each with the samples of
   * the fragments that overlap {@code [fromUs, toUs)} ({@code 0, Long.MAX_VALUE} for all).
   *
   * @throws PresentationReadException when the manifest has no usable video or a fragment cannot be
   *     read or parsed
   */
  public List<VideoLevelSamples> readVideo(
      Manifest manifest, Predicate<VideoLevel> keep, long fromUs, long toUs)
      throws PresentationReadException {
    if (fromUs < 0 || toUs <= fromUs) {
      throw new IllegalArgumentException(
          "the time range must be 0 <= fromUs < toUs, was [" + fromUs + ", " + toUs + ")");
    }
    List<VideoLevelSamples> out = new ArrayList<>();
    for (VideoLevel level : videoLevels(manifest)) {
      if (!keep.test(level)) {
        continue;
      }
      ChunkTimeline timeline = level.stream().timeline();
      int first = Math.max(0, timeline.indexOf(fromUs));
      List<EncodedSample> samples = new ArrayList<>();
      for (int i = first; i < timeline.chunkCount(); i++) {
        Chunk chunk = timeline.chunk(i);
        if (chunk.startUs() >= toUs) {
          break;
        }
        if (chunk.durationKnown() && chunk.endUs() <= fromUs) {
          continue;
        }
        samples.addAll(readFragment(manifest, level, i));
      }
      out.add(new VideoLevelSamples(level, samples));
    }
    return List.copyOf(out);
  }

  private byte[] fetch(URI uri) throws PresentationReadException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "file" -> {
        return readFile(uri);
      }
      case "http", "https" -> {
        try {
          return fetcher.fetch(uri).body();
        } catch (FetchException e) {
          throw new PresentationReadException(
              Kind.FETCH, "cannot fetch fragment " + uri + ": " + e.getMessage(), e);
        }
      }
      default ->
          throw new PresentationReadException(
              Kind.UNSUPPORTED_SCHEME,
              "fragment "
                  + uri
                  + ": unsupported scheme '"
                  + scheme
                  + "' (expected file or http(s))",
              null);
    }
  }

  private static byte[] readFile(URI uri) throws PresentationReadException {
    Path file;
    try {
      file = Path.of(uri);
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw new PresentationReadException(
          Kind.FRAGMENT_READ, "fragment " + uri + ": not a local file URI", e);
    }
    try {
      if (!Files.isRegularFile(file)) {
        throw new PresentationReadException(
            Kind.FRAGMENT_READ,
            "fragment " + uri + ": no such file (the manifest's Url template names it)",
            null);
      }
      long sizeBytes = Files.size(file);
      if (sizeBytes > MAX_FRAGMENT_BYTES) {
        throw new PresentationReadException(
            Kind.FRAGMENT_READ,
            "fragment "
                + uri
                + ": "
                + sizeBytes
                + " bytes, more than the "
                + MAX_FRAGMENT_BYTES
                + " a fragment may have",
            null);
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PresentationReadException(
          Kind.FRAGMENT_READ, "fragment " + uri + ": " + e.getMessage(), e);
    }
  }
}
