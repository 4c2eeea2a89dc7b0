package org.smoothplayer.decoder.ffmpeg;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.smoothplayer.assets.generate.FrameCode;
import org.smoothplayer.decoder.video.VideoDecodeError;
import org.smoothplayer.decoder.video.VideoFrame;
import org.smoothplayer.decoder.video.VideoFrameSink;

/**
 * Records what a video decoder produced: times, sizes and the burnt-in code, then closes frames.
 */
final class CollectingSink implements VideoFrameSink {

  /** What one frame showed. */
  record Seen(long timeUs, int widthPx, int heightPx, OptionalInt code) {
    long frameNumber() {
      return FrameCode.frameNumber(code.orElseThrow());
    }

    int levelIndex() {
      return FrameCode.levelIndex(code.orElseThrow());
    }
  }

  final List<Seen> frames = new ArrayList<>();
  final List<VideoDecodeError> errors = new ArrayList<>();

  @Override
  public void onFrame(VideoFrame frame) {
    try {
      OptionalInt code =
          frame.hasPixels()
              ? FrameCode.readBgra(
                  frame.pixels(), frame.widthPx(), frame.heightPx(), frame.strideBytes())
              : OptionalInt.empty();
      frames.add(new Seen(frame.presentationTimeUs(), frame.widthPx(), frame.heightPx(), code));
    } finally {
      frame.close();
    }
  }

  @Override
  public void onError(VideoDecodeError error) {
    errors.add(error);
  }

  List<Long> times() {
    return frames.stream().map(Seen::timeUs).toList();
  }
}
