package org.smoothplayer.app.tools;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.manifest.ChunkTimeline;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.decoder.ffmpeg.FfmpegVideoDecoder;
import org.smoothplayer.decoder.fragment.EncodedSample;
import org.smoothplayer.decoder.video.FramePng;
import org.smoothplayer.decoder.video.VideoDecodeError;
import org.smoothplayer.decoder.video.VideoDecoderOptions;
import org.smoothplayer.decoder.video.VideoFrame;
import org.smoothplayer.decoder.video.VideoFrameSink;

/**
 * Writes the frame at a given time of every video level as PNG ({@code level-<index>-<w>x<h>.png}):
 * for each level, decodes from the start of the fragment holding the time (a fragment starts with a
 * key frame) up to the first frame whose presentation time is at or after it (or, past the last
 * frame's start, the last frame, which is on screen then), with the player's {@link
 * FfmpegVideoDecoder} at source size, and writes that frame with {@link FramePng}. Times count from
 * the start of the video's timeline, as the player's position does (an on-demand timeline may start
 * after 0, e.g. an archived live broadcast).
 */
public final class FrameSnapshots {

  /** The time taken by default when the video is long enough, seconds from its start. */
  public static final double DEFAULT_TIME_S = 10.5;

  private FrameSnapshots() {}

  /**
   * The time a snapshot takes by default, in microseconds from the video's start: {@value
   * #DEFAULT_TIME_S} s (past the generator's flash at 10 s, in the middle of a group of pictures),
   * or, in a video shorter than that, its middle plus up to half a second (so not on a fragment
   * boundary either).
   *
   * @throws PresentationReadException when the manifest has no usable video
   */
  public static long defaultTimeUs(Manifest manifest) throws PresentationReadException {
    ChunkTimeline timeline = PresentationReader.videoLevels(manifest).get(0).stream().timeline();
    long defaultUs = Math.round(DEFAULT_TIME_S * 1e6);
    if (!timeline.lastDurationKnown()) {
      return defaultUs;
    }
    long durationUs = timeline.endUs() - timeline.startUs();
    return Math.min(defaultUs, durationUs / 2 + Math.min(500_000, durationUs / 4));
  }

  /** The file name of a level's snapshot, e.g. {@code level-3-1280x720.png}. */
  public static String fileName(int levelIndex, int widthPx, int heightPx) {
    return "level-" + levelIndex + "-" + widthPx + "x" + heightPx + ".png";
  }

  /**
   * Writes one PNG per level of the main video stream into {@code outDir} (created if missing).
   *
   * @param timeUs the time of the wanted frame from the start of the video's timeline, inside it
   * @return the snapshots, in level order (their times from the video's start too)
   * @throws PresentationReadException when the video or a fragment cannot be read
   * @throws SnapshotException when the time is outside the presentation or a level does not decode
   */
  public static List<Snapshot> write(
      PresentationReader reader, Manifest manifest, long timeUs, Path outDir)
      throws PresentationReadException, SnapshotException {
    List<VideoLevel> levels = PresentationReader.videoLevels(manifest);
    ChunkTimeline timeline = levels.get(0).stream().timeline();
    long startUs = timeline.startUs();
    long mediaTimeUs = startUs + timeUs;
    int chunk = timeline.indexOf(mediaTimeUs);
    boolean afterEnd = timeline.lastDurationKnown() && mediaTimeUs >= timeline.endUs();
    if (timeUs < 0 || chunk < 0 || afterEnd) {
      throw new SnapshotException(
          String.format(
              Locale.ROOT,
              "time %.3f s is outside the video, which spans 0.000 s to %.3f s",
              timeUs / 1e6,
              (timeline.endUs() - startUs) / 1e6),
          null);
    }
    List<Snapshot> out = new ArrayList<>();
    for (VideoLevel level : levels) {
      out.add(writeLevel(reader, manifest, level, chunk, mediaTimeUs, outDir));
    }
    return List.copyOf(out);
  }

  private static Snapshot writeLevel(
      PresentationReader reader,
      Manifest manifest,
      VideoLevel level,
      int firstChunk,
      long timeUs,
      Path outDir)
      throws PresentationReadException, SnapshotException {
    FirstFrameAtOrAfter sink = new FirstFrameAtOrAfter(timeUs);
    ChunkTimeline timeline = level.stream().timeline();
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(VideoDecoderOptions.defaults(), sink)) {
      decoder.configure(level.config());
      // The frame at timeUs may come out only after later samples (B-frame reordering), or lie in
      // the next fragment when timeUs falls after the last frame of its own.
      for (int c = firstChunk; c < timeline.chunkCount() && sink.frame == null; c++) {
        for (EncodedSample sample : reader.readFragment(manifest, level, c)) {
          decoder.decode(sample);
          if (sink.frame != null || sink.error != null) {
            break;
          }
        }
        if (sink.error != null) {
          break;
        }
      }
      if (sink.frame == null && sink.error == null) {
        decoder.drain();
      }
      VideoFrame frame = sink.chosen();
      if (sink.error != null) {
        if (frame != null) {
          frame.close();
        }
        throw new SnapshotException(
            level.label() + ": decoding failed: " + sink.error.kind() + " " + sink.error.message(),
            null);
      }
      if (frame == null) {
        throw new SnapshotException(
            String.format(
                Locale.ROOT,
                "%s: no frame decoded from the fragment at %.3f s on",
                level.label(),
                (timeline.chunk(firstChunk).startUs() - timeline.startUs()) / 1e6),
            null);
      }
      try {
        Path png = outDir.resolve(fileName(level.index(), frame.widthPx(), frame.heightPx()));
        FramePng.write(frame, png);
        // Its time from the video's start, as the caller's was.
        return new Snapshot(
            level,
            png,
            frame.presentationTimeUs() - timeline.startUs(),
            frame.widthPx(),
            frame.heightPx());
      } catch (UncheckedIOException e) {
        throw new SnapshotException(level.label() + ": " + e.getMessage(), e);
      } finally {
        frame.close();
      }
    }
  }

  /**
   * Keeps the first frame at or after the wanted time, the latest one before it (the one on screen
   * at that time if no later frame comes: the wanted time lies within the last frame) and the first
   * error; closes the rest.
   */
  private static final class FirstFrameAtOrAfter implements VideoFrameSink {
    // All fields: the snapshot's thread only (the decoder calls the sink synchronously).
    private final long timeUs;
    @Nullable VideoFrame frame;
    @Nullable VideoFrame latestBefore;
    @Nullable VideoDecodeError error;

    FirstFrameAtOrAfter(long timeUs) {
      this.timeUs = timeUs;
    }

    @Override
    public void onFrame(VideoFrame decoded) {
      if (frame != null || error != null) {
        decoded.close();
      } else if (decoded.presentationTimeUs() >= timeUs) {
        frame = decoded;
        closeLatestBefore();
      } else {
        closeLatestBefore();
        latestBefore = decoded;
      }
    }

    /** The frame to write (owned by the caller from now on), null when none was decoded. */
    @Nullable VideoFrame chosen() {
      if (frame != null) {
        return frame;
      }
      VideoFrame last = latestBefore;
      latestBefore = null;
      return last;
    }

    private void closeLatestBefore() {
      if (latestBefore != null) {
        latestBefore.close();
        latestBefore = null;
      }
    }

    @Override
    public void onError(VideoDecodeError problem) {
      if (error == null) {
        error = problem;
      }
    }
  }
}
