package org.smoothplayer.app.session.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java2D charts: sizes, what is drawn where, and the PNG files. */
class SessionChartsTest {

  private static final SessionSeries SERIES = SessionSeries.of(ScriptedSession.events(Map.of()));

  @Test
  void the_bitrate_chart_draws_the_chosen_level_and_shades_the_stall() {
    BufferedImage image = SessionCharts.render(SERIES, SessionCharts.Panel.BITRATE, 1000, 320);

    assertThat(image.getWidth()).isEqualTo(1000);
    assertThat(image.getHeight()).isEqualTo(320);
    assertThat(countColour(image, SessionCharts.CHOSEN, 0, 1000)).isGreaterThan(200);
    // The plot spans x = 64..982 for 0..8 s: the stall (2.5 to 3.1 s) lies near x = 350..420,
    // where the white background turns pink.
    int stallX = 64 + (int) Math.round(918 * 2.8 / 8);
    Color tint = new Color(image.getRGB(stallX, 80));
    assertThat(tint.getRed()).isGreaterThan(tint.getGreen() + 20);
    Color beforeStall = new Color(image.getRGB(64 + (int) Math.round(918 * 1.5 / 8), 80));
    assertThat(beforeStall.getRed()).isEqualTo(beforeStall.getGreen());
  }

  @Test
  void throughput_far_above_the_ladder_is_pinned_to_the_top_so_the_levels_stay_readable() {
    // Loopback: fragments measured at 2 Gbit/s on a 0.4 / 1.2 Mbit/s ladder.
    SessionSeries fast =
        new SessionSeries(
            SERIES.endS(),
            SERIES.chosenBitrateBps(),
            SERIES.shownBitrateBps(),
            List.of(new SessionSeries.Point(0.3, 1.5e9)),
            List.of(new SessionSeries.Point(0.3, 2e9), new SessionSeries.Point(1, 1.8e9)),
            SERIES.bufferS(),
            SERIES.droppedFrames(),
            SERIES.switchesS(),
            SERIES.stalls(),
            SERIES.ladderBps(),
            SERIES.leadStream());

    assertThat(SessionCharts.bitrateScaleBps(fast))
        .isEqualTo(ScriptedSession.HIGH_BPS * SessionCharts.BITRATE_SCALE_OVER_TOP_LEVEL);
    BufferedImage image = SessionCharts.render(fast, SessionCharts.Panel.BITRATE, 1000, 320);
    // The plot spans y = 34..284; the 1.2 Mbit/s level on the 0..8 Mbit/s scale lies near y = 246,
    // clear of the bottom edge, where it would sit on a 0..2000 Mbit/s scale.
    int highestChosenY = Integer.MAX_VALUE;
    for (int y = 34; y < 320 && highestChosenY == Integer.MAX_VALUE; y++) { // below the legend
      if (countColourInRow(image, SessionCharts.CHOSEN, y) > 0) {
        highestChosenY = y;
      }
    }
    assertThat(highestChosenY).isBetween(240, 252);
    // Within the ladder's range nothing changes: the scripted session is drawn to its own max.
    assertThat(SessionCharts.bitrateScaleBps(SERIES)).isEqualTo(SERIES.maxBitrateBps());
  }

  @Test
  void the_overview_stacks_the_three_charts_in_the_size_asked() {
    BufferedImage image = SessionCharts.overview(SERIES, 900, 600);

    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(600);
    assertThat(countColour(image, SessionCharts.CHOSEN, 0, 900)).isPositive();
    assertThat(countColour(image, SessionCharts.BUFFER, 0, 900)).isPositive();
    assertThat(countColour(image, SessionCharts.DROPPED, 0, 900)).isPositive();
  }

  @Test
  void an_empty_session_still_gives_a_chart() {
    BufferedImage image =
        SessionCharts.render(SessionSeries.EMPTY, SessionCharts.Panel.BUFFER, 10, 10);

    assertThat(image.getWidth()).isEqualTo(200);
    assertThat(image.getHeight()).isEqualTo(100);
  }

  @Test
  void charts_are_written_as_png_files_that_read_back(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("charts/bitrate.png");

    SessionCharts.writePng(SessionCharts.render(SERIES, SessionCharts.Panel.DROPS, 640, 240), file);

    BufferedImage read = ImageIO.read(file.toFile());
    assertThat(read.getWidth()).isEqualTo(640);
    assertThat(read.getHeight()).isEqualTo(240);
  }

  @Test
  void axis_steps_are_one_two_or_five_times_a_power_of_ten() {
    assertThat(SessionCharts.niceStep(0.86)).isEqualTo(1);
    assertThat(SessionCharts.niceStep(3.36)).isEqualTo(5);
    assertThat(SessionCharts.niceStep(38.4)).isEqualTo(50);
    assertThat(SessionCharts.niceStep(0.12))
        .isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(SessionCharts.stepsOver(192, 50)).isEqualTo(200);
    assertThat(SessionCharts.stepsOver(0, 1)).isEqualTo(1);
  }

  @Test
  void an_axis_ends_near_its_data_with_at_most_ten_ticks() {
    // 60.5 s: steps of 20 would end at 80 s, a quarter of the width empty; steps of 10 end at 70.
    assertThat(SessionCharts.axisStep(60.5)).isEqualTo(10);
    assertThat(SessionCharts.stepsOver(60.5, SessionCharts.axisStep(60.5))).isEqualTo(70);
    // 100 s: steps of 20 already end at the data.
    assertThat(SessionCharts.axisStep(100)).isEqualTo(20);
    // 4.3 Mbit/s: steps of 1 end at 5, within a fifth of the data: kept (not 0.5 to 4.5).
    assertThat(SessionCharts.axisStep(4.3)).isEqualTo(1);
    // 31: steps of 10 end at 40; steps of 5 end at 35 with 7 ticks.
    assertThat(SessionCharts.axisStep(31)).isEqualTo(5);
    // 210 s: steps of 50 end at 250; steps of 20 end at 220 with 11 ticks, too many.
    assertThat(SessionCharts.axisStep(210)).isEqualTo(50);
    assertThat(SessionCharts.axisStep(0.3))
        .isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
  }

  private static int countColour(BufferedImage image, Color colour, int fromX, int toX) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = fromX; x < toX; x++) {
        if ((image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }

  private static int countColourInRow(BufferedImage image, Color colour, int y) {
    int n = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      if ((image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) {
        n++;
      }
    }
    return n;
  }
}
