package org.smoothplayer.assets.generate;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** Turns FFmpeg return codes into {@link GenerationException}s. */
final class FfmpegErrors {
  /** {@code AVERROR(EAGAIN)} on Linux. */
  static final int AVERROR_EAGAIN = -11;

  private FfmpegErrors() {}

  /** Returns {@code ret} when it is >= 0, throws naming {@code what} and FFmpeg's message. */
  static int check(int ret, String what) {
    if (ret < 0) {
      throw new GenerationException(what + " failed: " + describe(ret) + " (" + ret + ")");
    }
    return ret;
  }

  /** FFmpeg's text for an error code. */
  static String describe(int ret) {
    byte[] buf = new byte[256];
    av_strerror(ret, buf, buf.length);
    int len = 0;
    while (len < buf.length && buf[len] != 0) {
      len++;
    }
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }
}
