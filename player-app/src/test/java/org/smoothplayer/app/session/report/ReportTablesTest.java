package org.smoothplayer.app.session.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionSummary;
import org.smoothplayer.app.session.report.SessionSeries.Interval;
import org.smoothplayer.app.session.report.SessionSeries.Point;

/** Series, per-fragment rows and comparison tables from the scripted session. */
class ReportTablesTest {

  private static final List<SessionEvent> EVENTS = ScriptedSession.events(Map.of());

  @Test
  void the_series_follow_decisions_renders_buffer_drops_stalls_and_switches() {
    SessionSeries s = SessionSeries.of(EVENTS);

    assertThat(s.endS()).isEqualTo(7.0);
    assertThat(s.chosenBitrateBps())
        .containsExactly(
            new Point(0.02, 400_000), new Point(0.32, 1_200_000), new Point(0.92, 1_200_000));
    assertThat(s.shownBitrateBps())
        .containsExactly(new Point(0.31, 400_000), new Point(2.3, 1_200_000));
    assertThat(s.throughputEstimateBps()).containsExactly(new Point(0.221, 4e6));
    assertThat(s.measuredThroughputBps())
        .extracting(Point::value)
        .containsExactly(4e6, 4.14e6, 1.14e6);
    assertThat(s.switchesS()).containsExactly(2.3);
    assertThat(s.stalls()).containsExactly(new Interval(2.5, 3.1));
    // Decisions and progress reports give the buffer; a stall's start and the end are empty.
    assertThat(s.bufferS())
        .containsExactly(
            new Point(0.02, 0),
            new Point(0.32, 1.9),
            new Point(0.92, 2.5),
            new Point(1.3, 3),
            new Point(2.5, 0),
            new Point(4.1, 2.8),
            new Point(7.0, 0));
    assertThat(s.droppedFrames()).containsExactly(new Point(1.3, 0), new Point(2.4, 3));
    assertThat(s.ladderBps()).containsExactly(400_000L, 1_200_000L);
    assertThat(s.leadStream()).isEqualTo("video");
  }

  @Test
  void a_stall_still_open_at_the_last_event_lasts_until_it() {
    SessionSeries s =
        SessionSeries.of(
            List.of(
                new SessionEvent.StallStarted(1000, 0),
                new SessionEvent.Progress(4000, 0, 0, 0, "BUFFERING", -1, 0, 0)));

    assertThat(s.stalls()).containsExactly(new Interval(1.0, 4.0));
  }

  @Test
  void each_loaded_fragment_is_a_csv_row_with_the_decision_that_chose_it() {
    FragmentTable table = FragmentTable.of(EVENTS);

    assertThat(table.toCsv())
        .isEqualTo(
            "t_ms,stream,chunk,level,bitrate_bps,bytes,ttfb_ms,download_ms,throughput_bps,"
                + "buffer_at_decision_s,reason\n"
                + "220,video,0,0,400000,100000,20,200,4000000,0,startup\n"
                + "240,audio,0,0,128000,32000,10,20,12800000,,\n"
                + "900,video,1,1,1200000,300000,30,580,4140000,1.9,\"throughput, \"\"fast\"\"\"\n"
                + "3050,video,2,1,1200000,300000,40,2100,1140000,2.5,throughput\n");
    Map<String, FragmentTable.StreamTotals> totals = table.totals();
    assertThat(totals.keySet()).containsExactly("video", "audio");
    assertThat(totals.get("video").fragments()).isEqualTo(3);
    assertThat(totals.get("video").bytes()).isEqualTo(700_000);
    assertThat(totals.get("video").fragmentsByBitrateBps())
        .containsExactly(Map.entry(400_000L, 1), Map.entry(1_200_000L, 2));
  }

  /** An audio-only session: no video ladder, decisions about the audio's two levels. */
  private static final List<SessionEvent> AUDIO_ONLY =
      List.of(
          new SessionEvent.ManifestLoaded(
              10,
              "http://127.0.0.1/a/Manifest",
              false,
              4_000_000,
              List.of(),
              1_000_000,
              List.of("en"),
              9),
          new SessionEvent.Decision(20, 0, 0, 64_000, "startup", 0, 0, -1, Map.of()),
          new SessionEvent.FragmentLoaded(
              60, "audio", 0, 0, 0, 1_000_000, 64_000, 8_000, 5, 40, 1.6e6),
          new SessionEvent.Decision(70, 1, 1, 128_000, "throughput", 1.0, 1.6e6, 0, Map.of()),
          new SessionEvent.FragmentLoaded(
              90, "audio", 1, 1, 1_000_000, 1_000_000, 128_000, 16_000, 5, 20, 6.4e6),
          new SessionEvent.StateChanged(100, "BUFFERING", "PLAYING", 0),
          new SessionEvent.QualityRendered(110, 0, 64_000, -1, 0),
          new SessionEvent.Progress(1100, 1_000_000, 0, 1_000_000, "PLAYING", 0, 0, 0),
          new SessionEvent.QualityRendered(1110, 1, 128_000, 0, 1_000_000),
          new SessionEvent.SessionEnded(2100, "ended", "", 2_000_000, 0, 0, 0));

  @Test
  void an_audio_only_session_reports_its_audio_as_video_is_reported() {
    SessionSeries s = SessionSeries.of(AUDIO_ONLY);
    FragmentTable table = FragmentTable.of(AUDIO_ONLY);
    SessionSummary summary = SessionSummary.of(AUDIO_ONLY);

    assertThat(s.leadStream()).as("the buffer chart's legend").isEqualTo("audio");
    assertThat(s.measuredThroughputBps()).extracting(Point::value).containsExactly(1.6e6, 6.4e6);
    assertThat(s.bufferS()).as("the audio buffered").contains(new Point(1.1, 1.0));
    assertThat(s.shownBitrateBps())
        .containsExactly(new Point(0.11, 64_000), new Point(1.11, 128_000));
    assertThat(table.rows())
        .extracting(FragmentRow::reason)
        .containsExactly("startup", "throughput");
    assertThat(summary.fragments()).isEqualTo(2);
    assertThat(summary.switches()).isEqualTo(1);
    assertThat(summary.avgThroughputBps()).isEqualTo(4_000_000L);
    // (0.064 + 0.128 - 0.064 switch) / 2 fragments, in Mbps
    assertThat(summary.qoeLinPerFragment()).isCloseTo(0.064, within(1e-9));
  }

  @Test
  void the_comparison_names_each_sessions_policy_and_settings_beside_its_numbers() {
    List<SessionEvent> cellular =
        ScriptedSession.events(
            Map.of("heuristics.policy", "bola", "buffer.videoTargetS", "60", "a|b", "x"));
    List<SessionEvent> changed = new java.util.ArrayList<>(ScriptedSession.events(Map.of()));
    changed.add(
        2, new SessionEvent.ConfigChanged(15, Map.of("heuristics.policy", "default -> bb")));

    ComparisonTable table =
        new ComparisonTable(
            List.of(
                ComparisonTable.Row.of("cellular", cellular, SessionSummary.of(cellular)),
                ComparisonTable.Row.of("defaults", changed, SessionSummary.of(changed))));

    assertThat(table.toMarkdown())
        .isEqualTo(
            "| log | policy | settings | startup_ms | played_s | avg_bitrate_kbps | switches |"
                + " stalls | stall_s | dropped_frames | avg_throughput_kbps |"
                + " qoe_lin_per_fragment | fragments | end_reason |\n"
                + "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
                + "| cellular | bola | a\\|b=x; buffer.videoTargetS=60 | 300 | 6.0 | 933 | 1 | 1 |"
                + " 0.60 | 3 | 3093 | -0.193 | 3 | ended |\n"
                + "| defaults | default | defaults (+1 change during the session) | 300 | 6.0 |"
                + " 933 | 1 | 1 | 0.60 | 3 | 3093 | -0.193 | 3 | ended |\n");
    assertThat(table.toCsv().lines().toList())
        .containsExactly(
            String.join(",", ComparisonTable.COLUMNS),
            "cellular,bola,a|b=x; buffer.videoTargetS=60,300,6.0,933,1,1,0.60,3,3093,-0.193,3,ended",
            "defaults,default,defaults (+1 change during the session),300,6.0,933,1,1,0.60,3,3093,"
                + "-0.193,3,ended");
  }
}
