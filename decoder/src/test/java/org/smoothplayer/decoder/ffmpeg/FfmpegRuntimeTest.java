package org.smoothplayer.decoder.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;

class FfmpegRuntimeTest {

  @Test
  void the_version_is_the_loaded_libraries_own_and_matches_their_major_version() {
    String version = FfmpegRuntime.version();

    assertThat(version).isNotBlank().doesNotContain("\n");
    // avutil's major version is 59 for FFmpeg 7.x, 58 for 6.x, 57 for 5.x.
    int avutilMajor = avutil.avutil_version() >>> 16;
    int ffmpegMajor = avutilMajor - 52;
    assertThat(version).as("avutil %d", avutilMajor).startsWith(ffmpegMajor + ".");
  }
}
