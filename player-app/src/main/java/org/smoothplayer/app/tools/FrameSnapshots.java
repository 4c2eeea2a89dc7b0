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
 * key frame) up to the first frame whose presentation time is at or after it, with the player's
 * {@link FfmpegVideoDecoder} at source size, and writes that frame with {@link FramePng}.
 */
public final class FrameSnapshots {

  private FrameSnapshots() {}

  /** The file name of a level's snapshot, e.g. {@code level-3-1280x720.png}. */
  public static String fileName(int levelIndex, int widthPx, int heightPx) {
    return "level-" + levelIndex + "-" + widthPx + "x" + heightPx + ".png";
  }

  /**
   * Writes one PNG per level of the main video stream into {@code outDir} (created if missing).
   *
   * @param timeUs the time of the wanted frame, inside the presentation
   * @return the snapshots, in level order
   * @throws PresentationReadException when the video or a fragment cannot be read
   * @throws SnapshotException when the time is outside the presentation or a level does not decode
   */
  public static List<Snapshot> write(
      PresentationReader reader, Manifest manifest, long timeUs, Path outDir)
      throws PresentationReadException, SnapshotException {
    List<VideoLevel> levels = PresentationReader.videoLevels(manifest);
    ChunkTimeline timeline = levels.get(0).stream().timeline();
    int chunk = timeline.indexOf(timeUs);
    boolean afterEnd = timeline.lastDurationKnown() && timeUs >= timeline.endUs();
    if (timeUs < 0 || chunk < 0 || afterEnd) {
      throw new SnapshotException(
          String.format(
              Locale.ROOT,
              "time %.3f s is outside the video, which spans %.3f s to %.3f s",
              timeUs / 1e6,
              timeline.startUs() / 1e6,
              timeline.endUs() / 1e6),
          null);
    }
    List<Snapshot> out = new ArrayList<>();
    for (VideoLevel level : levels) {
      out.add(writeLevel(reader, manifest, level, chunk, timeUs, outDir));
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
      VideoFrame frame = sink.frame;
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
                Locale.ROOT, "%s: no frame at or after %.3f s", level.label(), timeUs / 1e6),
            null);
      }
      try {
        Path png = outDir.resolve(fileName(level.index(), frame.widthPx(), frame.heightPx()));
        FramePng.write(frame, png);
        return new Snapshot(
            level, png, frame.presentationTimeUs(), frame.widthPx(), frame.heightPx());
      } catch (UncheckedIOException e) {
        throw new SnapshotException(level.label() + ": " + e.getMessage(), e);
      } finally {
        frame.close();
      }
    }
  }

  /** Keeps the first frame at or after the wanted time and the first error; closes the rest. */
  private static final class FirstFrameAtOrAfter implements VideoFrameSink {
    // All fields: the snapshot's thread only (the decoder calls the sink synchronously).
    private final long timeUs;
    @Nullable VideoFrame frame;
    @Nullable VideoDecodeError error;

    FirstFrameAtOrAfter(long timeUs) {
      this.timeUs = timeUs;
    }

    @Override
    public void onFrame(VideoFrame decoded) {
      if (frame == null && error == null && decoded.presentationTimeUs() >= timeUs) {
        frame = decoded;
      } else {
        decoded.close();
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
