package org.smoothplayer.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.smoothplayer.app.session.Events.drift;
import static org.smoothplayer.app.session.Events.dropped;
import static org.smoothplayer.app.session.Events.ended;
import static org.smoothplayer.app.session.Events.fragment;
import static org.smoothplayer.app.session.Events.manifest;
import static org.smoothplayer.app.session.Events.progress;
import static org.smoothplayer.app.session.Events.seek;
import static org.smoothplayer.app.session.Events.shown;
import static org.smoothplayer.app.session.Events.stallEnded;
import static org.smoothplayer.app.session.Events.stallStarted;
import static org.smoothplayer.app.session.Events.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionSummaryTest {
  private static final double EPS = 1e-9;

  @TempDir Path dir;

  /** Start-up, two switches, a stall, a seek, dropped frames and drift samples. */
  static List<SessionEvent> scriptedSession() {
    return List.of(
        Events.everyType().get(0), // session_started
        manifest(50),
        state(60, "OPENING", "BUFFERING", 0),
        fragment(100, "video", 0, 230_000, 2_000_000),
        fragment(120, "audio", 0, 128_000, 1_000_000),
        state(412, "BUFFERING", "PLAYING", 0),
        shown(431, 0, -1, 0),
        progress(1431, 1_000_000, 24, 0),
        fragment(1500, "video", 1, 4_500_000, 9_000_000),
        shown(2431, 2, 0, 2_000_000),
        dropped(2600, 2, 2, 2),
        progress(3431, 3_000_000, 72, 2),
        fragment(3500, "video", 2, 4_500_000, 5_000_000),
        stallStarted(3931, 3_500_000),
        state(3931, "PLAYING", "BUFFERING", 3_500_000),
        stallEnded(4681, 3_500_000, 750),
        state(4681, "BUFFERING", "PLAYING", 3_500_000),
        progress(5681, 4_500_000, 110, 2),
        seek(5931, 4_750_000, 30_000_000),
        state(5931, "PLAYING", "BUFFERING", 30_000_000),
        fragment(6000, "video", 15, 1_000_000, 3_000_000),
        state(6431, "BUFFERING", "PLAYING", 30_000_000),
        shown(6500, 1, 2, 30_000_000),
        drift(6600, 1.0),
        drift(7600, -2.5),
        drift(8600, 0.5),
        progress(8700, 32_000_000, 160, 3),
        ended(9700, "closed", 33_000_000, 190, 3));
  }

  @Test
  void the_scripted_session_matches_its_golden_text() throws IOException {
    Golden.check("scripted-summary.txt", SessionSummary.of(scriptedSession()).toText() + "\n");
  }

  @Test
  void the_scripted_session_matches_its_golden_json() throws IOException {
    Golden.check("scripted-summary.json", SessionSummary.of(scriptedSession()).toJson() + "\n");
  }

  @Test
  void the_scripted_session_adds_up_as_worked_out_by_hand() {
    SessionSummary s = SessionSummary.of(scriptedSession());
    assertThat(s.startupMs()).isEqualTo(412);
    assertThat(s.firstFrameMs()).isEqualTo(431);
    assertThat(s.playedS()).isCloseTo(7.75, within(EPS));
    assertThat(s.levels())
        .containsExactly(
            Map.entry(230_000L, 2.0), Map.entry(1_000_000L, 3.0), Map.entry(4_500_000L, 2.75));
    assertThat(s.avgBitrateBps()).isEqualTo(Math.round(15_835_000 / 7.75));
    assertThat(s.switches()).isEqualTo(2);
    assertThat(s.stalls()).isEqualTo(1);
    assertThat(s.stallS()).isCloseTo(0.75, within(EPS));
    assertThat(s.renderedFrames()).isEqualTo(190);
    assertThat(s.droppedFrames()).isEqualTo(3);
    assertThat(s.avDriftMsP95()).isEqualTo(2.5);
    assertThat(s.qoeLinPerFragment())
        .isCloseTo((10.23 - 4.3 * 0.75 - (4.27 + 0 + 3.5)) / 4, within(EPS));
    assertThat(s.fragments()).isEqualTo(4);
    assertThat(s.avgThroughputBps()).isEqualTo(4_750_000);
    assertThat(s.endReason()).isEqualTo("closed");
    assertThat(s.schemaVersion()).isEqualTo(1);
  }

  @Test
  void the_summary_json_reads_back_equal() throws IOException {
    SessionSummary summary = SessionSummary.of(scriptedSession());
    Path file = dir.resolve("summary.json");
    Files.writeString(file, summary.toJson(), StandardCharsets.UTF_8);
    assertThat(SessionSummary.read(file)).isEqualTo(summary);
  }

  @Test
  void the_json_keys_are_exactly_the_contract_in_order() throws IOException {
    List<String> keys = new ArrayList<>();
    new ObjectMapper()
        .readTree(SessionSummary.of(scriptedSession()).toJson())
        .fieldNames()
        .forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "startup_ms",
            "first_frame_ms",
            "played_s",
            "avg_bitrate_bps",
            "switches",
            "stalls",
            "stall_s",
            "rendered_frames",
            "dropped_frames",
            "av_drift_ms_p95",
            "levels",
            "qoe_lin_per_fragment",
            "schema_version",
            "fragments",
            "avg_throughput_bps",
            "end_reason",
            "audio_only") // added after the others: the keys before it are as they were
        .isEqualTo(SessionSummary.JSON_KEYS);
  }

  @Test
  void an_audio_only_session_says_when_it_was_first_heard_and_counts_no_frames()
      throws IOException {
    List<SessionEvent> events =
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
            new SessionEvent.StateChanged(300, "BUFFERING", "PLAYING", 0),
            new SessionEvent.QualityRendered(310, 0, 128_000, -1, 0),
            new SessionEvent.SessionEnded(4400, "ended", "", 4_000_000, 0, 0, 0));

    SessionSummary s = SessionSummary.of(events);

    assertThat(s.audioOnly()).isTrue();
    assertThat(s.toText().lines())
        .contains(
            "startup: 300 ms (first heard 310 ms)",
            "frames: none (audio only)",
            "A/V drift p95: none (audio only)");
    assertThat(s.toJson()).contains("\"audio_only\": true");
    Path file = dir.resolve("audio.json");
    Files.writeString(file, s.toJson(), StandardCharsets.UTF_8);
    assertThat(SessionSummary.read(file)).isEqualTo(s);
    // A summary written before the key was added reads as a session with video.
    Files.writeString(
        file, s.toJson().replace(",\n  \"audio_only\": true", ""), StandardCharsets.UTF_8);
    assertThat(SessionSummary.read(file).audioOnly()).isFalse();
    assertThat(SessionSummary.of(scriptedSession()).audioOnly()).isFalse();
  }

  @Test
  void startup_is_the_time_of_the_first_change_to_playing() {
    SessionSummary s =
        SessionSummary.of(
            List.of(
                state(10, "OPENING", "BUFFERING", 0),
                state(300.4, "BUFFERING", "PLAYING", 0),
                state(500, "PLAYING", "PAUSED", 0),
                state(900, "PAUSED", "PLAYING", 0)));
    assertThat(s.startupMs()).isEqualTo(300);
  }

  @Test
  void startup_and_first_frame_are_minus_one_when_they_never_happen() {
    SessionSummary s = SessionSummary.of(List.of(state(10, "OPENING", "FAILED", 0)));
    assertThat(s.startupMs()).isEqualTo(-1);
    assertThat(s.firstFrameMs()).isEqualTo(-1);
    assertThat(s.toText()).startsWith("startup: never (no first frame)\n");
  }

  @Test
  void first_frame_is_the_time_of_the_first_quality_rendered() {
    SessionSummary s = SessionSummary.of(List.of(shown(431, 0, -1, 0), shown(900, 1, 0, 10)));
    assertThat(s.firstFrameMs()).isEqualTo(431);
  }

  @Test
  void played_time_adds_the_forward_moves_of_the_position_between_events() {
    SessionSummary s =
        SessionSummary.of(
            List.of(
                state(0, "BUFFERING", "PLAYING", 1_000_000),
                progress(1000, 2_000_000),
                stallStarted(1500, 2_500_000),
                stallEnded(2000, 2_500_000, 500),
                progress(3000, 3_000_000),
                ended(4000, "ended", 3_250_000, 0, 0)));
    assertThat(s.playedS()).isCloseTo(2.25, within(EPS));
  }

  @Test
  void a_seek_ends_the_segment_at_its_origin_and_restarts_at_its_target() {
    SessionSummary s =
        SessionSummary.of(
            List.of(
                progress(0, 0),
                progress(1000, 1_000_000),
                seek(1200, 1_200_000, 50_000_000),
                progress(2000, 50_500_000)));
    assertThat(s.playedS()).isCloseTo(1.2 + 0.5, within(EPS));
  }

  @Test
  void a_backward_move_of_the_position_is_ignored() {
    SessionSummary s =
        SessionSummary.of(
            List.of(progress(0, 5_000_000), progress(1000, 3_000_000), progress(2000, 4_000_000)));
    assertThat(s.playedS()).isCloseTo(1.0, within(EPS));
  }

  @Test
  void played_time_is_attributed_to_the_level_shown_at_the_start_of_the_segment() {
    SessionSummary s =
        SessionSummary.of(
            List.of(
                shown(0, 0, -1, 0),
                progress(1000, 1_000_000),
                // The switch becomes visible at 1.5 s: 1.0 to 1.5 still at level 0.
                shown(1500, 2, 0, 1_500_000),
                progress(2000, 2_000_000)));
    assertThat(s.levels()).containsExactly(Map.entry(230_000L, 1.5), Map.entry(4_500_000L, 0.5));
  }

  @Test
  void a_level_without_a_declared_bitrate_takes_it_from_the_manifest_ladder() {
    SessionSummary s =
        SessionSummary.of(
            List.of(
                manifest(0),
                new SessionEvent.QualityRendered(10, 1, 0, -1, 0),
                progress(1000, 2_000_000)));
    assertThat(s.levels()).containsExactly(Map.entry(1_000_000L, 2.0));
  }

  @Test
  void time_played_before_any_level_is_shown_counts_only_in_played_seconds() {
    SessionSummary s =
        SessionSummary.of(
            List.of(
                progress(0, 0),
                progress(1000, 1_000_000),
                shown(1000, 0, -1, 1_000_000),
                progress(2000, 2_000_000)));
    assertThat(s.playedS()).isCloseTo(2.0, within(EPS));
    assertThat(s.levels()).containsExactly(Map.entry(230_000L, 1.0));
    assertThat(s.avgBitrateBps()).isEqualTo(115_000);
  }

  @Test
  void average_bitrate_weights_each_level_by_its_seconds_over_played_seconds() {
    SessionSummary s =
        SessionSummary.of(
            List.of(
                shown(0, 0, -1, 0),
                progress(3000, 3_000_000),
                shown(3000, 1, 0, 3_000_000),
                progress(4000, 4_000_000)));
    assertThat(s.avgBitrateBps()).isEqualTo((230_000 * 3 + 1_000_000) / 4);
  }

  @Test
  void average_bitrate_is_zero_when_nothing_played() {
    SessionSummary s = SessionSummary.of(List.of(shown(0, 0, -1, 0)));
    assertThat(s.playedS()).isZero();
    assertThat(s.avgBitrateBps()).isZero();
  }

  @Test
  void switches_count_visible_level_changes_only() {
    SessionSummary s =
        SessionSummary.of(
            List.of(
                shown(0, 0, -1, 0), // first frame: not a switch
                shown(10, 2, 0, 1),
                shown(20, 2, 2, 2), // same level again: not a switch
                shown(30, 1, 2, 3)));
    assertThat(s.switches()).isEqualTo(2);
  }

  @Test
  void stall_seconds_add_ended_stalls_and_a_stall_still_open_at_the_end() {
    SessionSummary s =
        SessionSummary.of(
            List.of(
                stallStarted(1000, 0),
                stallEnded(1500, 0, 500),
                stallStarted(3000, 0),
                ended(4250, "closed", 0, 0, 0)));
    assertThat(s.stalls()).isEqualTo(2);
    assertThat(s.stallS()).isCloseTo(0.5 + 1.25, within(EPS));
  }

  @Test
  void frames_come_from_session_ended_else_from_the_last_progress() {
    List<SessionEvent> progressOnly =
        List.of(progress(0, 0, 10, 1), progress(1000, 1_000_000, 40, 2));
    assertThat(SessionSummary.of(progressOnly).renderedFrames()).isEqualTo(40);
    assertThat(SessionSummary.of(progressOnly).droppedFrames()).isEqualTo(2);

    List<SessionEvent> withEnd = new ArrayList<>(progressOnly);
    withEnd.add(ended(2000, "ended", 2_000_000, 70, 4));
    assertThat(SessionSummary.of(withEnd).renderedFrames()).isEqualTo(70);
    assertThat(SessionSummary.of(withEnd).droppedFrames()).isEqualTo(4);
  }

  @Test
  void drift_p95_is_the_nearest_rank_percentile_of_absolute_drift() {
    List<SessionEvent> events = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      events.add(drift(i, i % 2 == 0 ? -i : i)); // |drift| = 1..20
    }
    // Nearest rank of the 95th percentile of 20 values: ceil(0.95 * 20) = 19th smallest.
    assertThat(SessionSummary.of(events).avDriftMsP95()).isEqualTo(19.0);
    assertThat(SessionSummary.of(events.subList(0, 1)).avDriftMsP95()).isEqualTo(1.0);
  }

  @Test
  void drift_p95_is_zero_without_measurements() {
    assertThat(SessionSummary.of(List.of(progress(0, 0))).avDriftMsP95()).isZero();
  }

  @Test
  void qoe_per_fragment_follows_the_linear_formula() {
    SessionSummary s =
        SessionSummary.of(
            List.of(
                fragment(0, "video", 0, 1_000_000),
                fragment(1, "video", 1, 3_000_000),
                fragment(2, "video", 2, 2_000_000),
                stallStarted(3, 0),
                stallEnded(503, 0, 500)));
    // (1 + 3 + 2 - 4.3 * 0.5 - (2 + 1)) / 3
    assertThat(s.qoeLinPerFragment()).isCloseTo((6 - 2.15 - 3) / 3, within(EPS));
  }

  @Test
  void qoe_is_zero_without_video_fragments() {
    SessionSummary s =
        SessionSummary.of(List.of(fragment(0, "audio", 0, 128_000), stallStarted(1, 0)));
    assertThat(s.qoeLinPerFragment()).isZero();
    assertThat(s.fragments()).isZero();
  }

  @Test
  void audio_fragments_count_neither_in_fragments_nor_in_throughput() {
    SessionSummary s =
        SessionSummary.of(
            List.of(
                fragment(0, "video", 0, 1_000_000, 4_000_000),
                fragment(1, "audio", 0, 128_000, 100_000),
                fragment(2, "video", 1, 1_000_000, 6_000_000)));
    assertThat(s.fragments()).isEqualTo(2);
    assertThat(s.avgThroughputBps()).isEqualTo(5_000_000);
    assertThat(s.qoeLinPerFragment()).isCloseTo(1.0, within(EPS));
  }

  @Test
  void end_reason_is_incomplete_without_session_ended() {
    assertThat(SessionSummary.of(List.of(progress(0, 0))).endReason()).isEqualTo("incomplete");
    assertThat(SessionSummary.of(List.of(ended(0, "duration", 0, 0, 0))).endReason())
        .isEqualTo("duration");
  }

  @Test
  void an_empty_session_summarises_to_zeros() {
    SessionSummary s = SessionSummary.of(List.of());
    assertThat(s.toText())
        .isEqualTo(
            String.join(
                "\n",
                "startup: never (no first frame)",
                "played: 0.0 s",
                "average bitrate: 0 kbps",
                "switches: 0",
                "stalls: 0 (0.00 s)",
                "frames: 0 rendered, 0 dropped",
                "A/V drift p95: 0.0 ms",
                "levels: none",
                "QoE (linear, per fragment): 0.00",
                "fragments: 0 (average throughput 0 kbps)",
                "end: incomplete"));
  }

  @Test
  void a_summary_file_with_a_missing_key_names_the_key() throws IOException {
    String json = SessionSummary.of(scriptedSession()).toJson().replace("\"stalls\"", "\"stallz\"");
    Path file = dir.resolve("broken.json");
    Files.writeString(file, json);
    assertThatThrownBy(() -> SessionSummary.read(file))
        .isInstanceOfSatisfying(
            SessionLogException.class, e -> assertThat(e.field()).isEqualTo("stalls"));
  }

  @Test
  void a_non_finite_number_in_the_summary_is_written_as_null_and_read_back_as_nan()
      throws IOException {
    SessionSummary summary =
        new SessionSummary(
            1, 2, Double.NaN, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 1, 0, 0, "ended", false);
    assertThat(summary.toJson()).contains("\"played_s\": null");
    Path file = dir.resolve("nan.json");
    Files.writeString(file, summary.toJson());
    assertThat(SessionSummary.read(file).playedS()).isNaN();
  }
}
