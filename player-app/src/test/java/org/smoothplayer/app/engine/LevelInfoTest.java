package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LevelInfoTest {

  @Test
  void a_video_level_reads_its_size_and_its_bitrate_in_mbps() {
    assertThat(new LevelInfo(2, 2_500_000, 1280, 720).label())
        .isEqualTo("1280\u00d7720 \u00b7 2.50 Mbps");
    assertThat(new LevelInfo(0, 230_000, 320, 180).label())
        .isEqualTo("320\u00d7180 \u00b7 0.23 Mbps");
  }

  @Test
  void a_level_without_a_size_reads_its_bitrate_alone_in_kbps_below_one_mbps() {
    assertThat(new LevelInfo(0, 64_000, 0, 0).label()).isEqualTo("64 kbps");
    assertThat(new LevelInfo(1, 127_900, 0, 0).label()).isEqualTo("128 kbps");
    assertThat(new LevelInfo(2, 1_500_000, 0, 0).label()).isEqualTo("1.50 Mbps");
  }
}
