package org.smoothplayer.decoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the FFmpeg libraries once and routes FFmpeg's own log to SLF4J (logger {@code
 * org.smoothplayer.decoder.ffmpeg.FFmpeg}, at debug), so FFmpeg never writes to stderr.
 */
public final class FfmpegRuntime {

  /** {@code AVERROR(EAGAIN)} on Linux. */
  static final int AVERROR_EAGAIN = -11;

  /** {@code AV_FRAME_FLAG_CORRUPT}: the frame may contain errors. */
  static final int AV_FRAME_FLAG_CORRUPT = 1;

  private static final Logger FFMPEG_LOG =
      LoggerFactory.getLogger("org.smoothplayer.decoder.ffmpeg.FFmpeg");

  // Written once under the class lock, read by FFmpeg threads through the native callback.
  private static volatile boolean initialized;

  // Kept reachable for as long as FFmpeg may call it (the life of the JVM).
  private static final LogCallback LOG_CALLBACK =
      new LogCallback() {
        @Override
        public void call(int level, BytePointer message) {
          if (FFMPEG_LOG.isDebugEnabled()) {
            String text = message.getString(StandardCharsets.UTF_8).stripTrailing();
            if (!text.isEmpty()) {
              FFMPEG_LOG.debug("[{}] {}", levelName(level), text);
            }
          }
        }
      };

  private FfmpegRuntime() {}

  /** {@link #ensureInitialized()} as an expression, for field initializers; returns true. */
  static boolean loaded() {
    ensureInitialized();
    return true;
  }

  /** Loads avutil, avcodec, swscale and swresample and installs the log bridge; idempotent. */
  public static void ensureInitialized() {
    if (initialized) {
      return;
    }
    synchronized (FfmpegRuntime.class) {
      if (initialized) {
        return;
      }
      Loader.load(avutil.class);
      Loader.load(avcodec.class);
      Loader.load(swscale.class);
      Loader.load(swresample.class);
      avutil.setLogCallback(LOG_CALLBACK);
      av_log_set_level(FFMPEG_LOG.isDebugEnabled() ? AV_LOG_WARNING : AV_LOG_QUIET);
      initialized = true;
    }
  }

  /**
   * The version of the FFmpeg libraries loaded, as FFmpeg states it ({@code av_version_info}, e.g.
   * {@code "7.1"} or a git describe), for an About box and bug reports.
   */
  public static String version() {
    ensureInitialized();
    BytePointer info = avutil.av_version_info();
    return info == null ? "unknown" : info.getString(StandardCharsets.UTF_8);
  }

  /** FFmpeg's text for an error code, e.g. {@code "Invalid data found when processing input"}. */
  static String describe(int errorCode) {
    byte[] text = new byte[256];
    if (av_strerror(errorCode, text, text.length) < 0) {
      return "FFmpeg error " + errorCode;
    }
    int length = 0;
    while (length < text.length && text[length] != 0) {
      length++;
    }
    return new String(text, 0, length, StandardCharsets.UTF_8) + " (" + errorCode + ")";
  }

  private static String levelName(int level) {
    if (level <= avutil.AV_LOG_FATAL) {
      return "fatal";
    } else if (level <= avutil.AV_LOG_ERROR) {
      return "error";
    } else if (level <= avutil.AV_LOG_WARNING) {
      return "warning";
    } else if (level <= avutil.AV_LOG_INFO) {
      return "info";
    }
    return "verbose";
  }
}
