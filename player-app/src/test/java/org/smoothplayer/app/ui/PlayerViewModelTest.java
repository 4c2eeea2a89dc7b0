package org.smoothplayer.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.config.RecentInputs;
import org.smoothplayer.app.config.ResumePositions;
import org.smoothplayer.app.engine.LevelInfo;
import org.smoothplayer.app.engine.PlaybackEngine;
import org.smoothplayer.app.engine.Player;
import org.smoothplayer.app.engine.PlayerSnapshot;
import org.smoothplayer.app.engine.PlayerState;
import org.smoothplayer.app.engine.QualityChoice;
import org.smoothplayer.app.text.CaptionTrack;
import org.smoothplayer.app.text.Cue;

/** The view model with a recording fake player: snapshots become properties, actions commands. */
class PlayerViewModelTest {

  private final List<String> opened = new ArrayList<>();
  // Where each session was asked to start, microseconds.
  private final List<Long> startsUs = new ArrayList<>();
  private final List<FakePlayer> players = new ArrayList<>();
  private final PlayerViewModel vm =
      new PlayerViewModel(
          (target, startUs) -> {
            opened.add(target);
            startsUs.add(startUs);
            FakePlayer p = new FakePlayer(PlayerSnapshot.opening(target));
            players.add(p);
            return p;
          });

  /** A view model on the clock {@code nowNs} whose opener adds each player to {@code opened}. */
  private static PlayerViewModel timedModel(AtomicLong nowNs, List<FakePlayer> opened) {
    return new PlayerViewModel(
        (target, startUs) -> {
          FakePlayer p = new FakePlayer(PlayerSnapshot.opening(target));
          opened.add(p);
          return p;
        },
        Player::close,
        nowNs::get);
  }

  /** Opens the test URL and publishes {@code s} as the session's snapshot. */
  private FakePlayer openOn(Snapshots s) {
    assertThat(vm.openUrl(Snapshots.URL)).isTrue();
    FakePlayer p = players.get(players.size() - 1);
    p.publish(s.build());
    vm.refresh();
    return p;
  }

  @Test
  void a_snapshot_becomes_time_text_seek_bar_fractions_and_state() {
    openOn(new Snapshots());

    assertThat(vm.timeTextProperty().get()).isEqualTo("0:10 / 4:00");
    assertThat(vm.positionUsProperty().get()).isEqualTo(10_000_000);
    assertThat(vm.durationUsProperty().get()).isEqualTo(240_000_000);
    assertThat(vm.positionFractionProperty().get()).isCloseTo(10.0 / 240, within(1e-9));
    // Buffered up to the earlier of video (40 s) and audio (42 s).
    assertThat(vm.bufferedFractionProperty().get()).isCloseTo(40.0 / 240, within(1e-9));
    assertThat(vm.stateTextProperty().get()).isEqualTo("Playing");
    assertThat(vm.playingProperty().get()).isTrue();
    assertThat(vm.seekableProperty().get()).isTrue();
    assertThat(vm.busyProperty().get()).isFalse();
    assertThat(vm.titleProperty().get()).isEqualTo("Smooth Player \u2014 " + Snapshots.URL);
  }

  @Test
  void a_presentation_of_an_hour_or_more_shows_hours_in_both_times() {
    Snapshots s = new Snapshots();
    s.durationUs = 7_200_000_000L;
    s.positionUs = 3_723_000_000L;
    openOn(s);
    assertThat(vm.timeTextProperty().get()).isEqualTo("1:02:03 / 2:00:00");

    s.positionUs = 65_900_000;
    openOn(s);
    assertThat(vm.timeTextProperty().get()).isEqualTo("0:01:05 / 2:00:00");
  }

  /** Makes {@code s} a live session at {@code positionUs} in a DVR window of 3590 s to 3654 s. */
  private static void liveInWindow(Snapshots s, long positionUs) {
    s.live = true;
    s.durationUs = 0;
    s.positionUs = positionUs;
    s.seekableStartUs = 3_590_000_000L;
    s.seekableEndUs = 3_654_000_000L;
  }

  @Test
  void a_live_presentation_maps_the_seek_bar_to_the_dvr_window_and_says_how_far_behind_live() {
    Snapshots s = new Snapshots();
    liveInWindow(s, 3_650_000_000L);
    s.bufferedVideoEndUs = 3_652_000_000L;
    s.bufferedAudioEndUs = 3_652_000_000L;
    s.liveLatencyMs = 4_000;
    FakePlayer p = openOn(s);

    assertThat(vm.liveProperty().get()).isTrue();
    assertThat(vm.seekableProperty().get()).isTrue();
    assertThat(vm.atLiveEdgeProperty().get()).isTrue();
    assertThat(vm.timeTextProperty().get()).isEqualTo("live");
    assertThat(vm.positionFractionProperty().get()).isCloseTo(60.0 / 64, within(1e-9));
    assertThat(vm.bufferedFractionProperty().get()).isCloseTo(62.0 / 64, within(1e-9));

    vm.seekToFraction(0.5);
    assertThat(p.commands()).contains("seek " + 3_622_000_000L);

    s.positionUs = 3_622_000_000L;
    s.liveLatencyMs = 32_000;
    p.publish(s.build());
    vm.refresh();
    assertThat(vm.atLiveEdgeProperty().get()).isFalse();
    assertThat(vm.timeTextProperty().get()).isEqualTo("-0:32 \u00b7 live");

    vm.goLive();
    assertThat(p.commands()).endsWith("live");
  }

  @Test
  void the_time_at_a_place_of_the_seek_bar_reads_as_the_time_label_would_there() {
    Snapshots s = new Snapshots();
    s.seekableStartUs = 3_600_000_000L; // on demand from 3600 s, 240 s long
    FakePlayer p = openOn(s);
    assertThat(vm.timeAtFraction(0)).isEqualTo("0:00");
    assertThat(vm.timeAtFraction(0.5)).isEqualTo("2:00");
    assertThat(vm.timeAtFraction(1.7)).as("past the end").isEqualTo("4:00");
    assertThat(vm.timeAtFraction(Double.NaN)).isEmpty();

    s.durationUs = 7_200_000_000L;
    p.publish(s.build());
    vm.refresh();
    assertThat(vm.timeAtFraction(0.25)).as("a two-hour presentation").isEqualTo("0:30:00");

    liveInWindow(s, 3_650_000_000L); // the window 3590-3654 s
    p.publish(s.build());
    vm.refresh();
    assertThat(vm.timeAtFraction(0.5)).isEqualTo("-0:32");
    assertThat(vm.timeAtFraction(1)).isEqualTo("live");

    s.live = false;
    s.durationUs = 0; // nothing to seek in
    s.seekableStartUs = -1;
    p.publish(s.build());
    vm.refresh();
    assertThat(vm.timeAtFraction(0.5)).isEmpty();
  }

  @Test
  void an_on_demand_presentation_starting_late_shows_times_from_its_start_and_seeks_inside_it() {
    // A broadcast archived as on-demand keeps its times: the presentation runs 3600-3660 s.
    Snapshots s = new Snapshots();
    s.seekableStartUs = 3_600_000_000L;
    s.durationUs = 60_000_000;
    s.positionUs = 3_615_000_000L;
    s.bufferedVideoEndUs = 3_630_000_000L;
    s.bufferedAudioEndUs = 3_630_000_000L;
    FakePlayer p = openOn(s);

    assertThat(vm.timeTextProperty().get()).isEqualTo("0:15 / 1:00");
    assertThat(vm.positionFractionProperty().get()).isCloseTo(0.25, within(1e-9));
    assertThat(vm.bufferedFractionProperty().get()).isCloseTo(0.5, within(1e-9));

    vm.seekToFraction(0.5);
    vm.seekBy(-1_000);
    vm.seekToEnd();
    assertThat(p.commands())
        .filteredOn(c -> c.startsWith("seek"))
        .containsExactly("seek 3630000000", "seek 3600000000", "seek 3660000000");

    s.state = PlayerState.ENDED;
    s.positionUs = 3_659_960_000L;
    p.publish(s.build());
    vm.refresh();
    assertThat(vm.timeTextProperty().get()).isEqualTo("1:00 / 1:00");
    assertThat(vm.positionFractionProperty().get()).isEqualTo(1.0);
    vm.togglePlay();
    assertThat(p.commands()).endsWith("seek 3600000000", "play");
  }

  @Test
  void going_live_does_nothing_for_a_presentation_on_demand() {
    FakePlayer p = openOn(new Snapshots());
    assertThat(vm.liveProperty().get()).isFalse();
    vm.goLive();
    assertThat(p.commands()).doesNotContain("live");
  }

  @Test
  void buffering_for_a_server_that_does_not_answer_says_so_and_for_how_long() {
    Snapshots s = new Snapshots();
    s.state = PlayerState.BUFFERING;
    s.originSilentMs = 42_700;
    openOn(s);
    assertThat(vm.busyProperty().get()).isTrue();
    assertThat(vm.stateTextProperty().get())
        .isEqualTo("Waiting for the server\u2026 (no answer for 42 s)");

    s.originSilentMs = 0;
    vm.update(s.build());
    assertThat(vm.stateTextProperty().get()).isEqualTo("Buffering\u2026");
  }

  @Test
  void buffering_and_opening_are_busy_with_their_state_in_words() {
    Snapshots s = new Snapshots();
    s.state = PlayerState.BUFFERING;
    openOn(s);
    assertThat(vm.busyProperty().get()).isTrue();
    assertThat(vm.stateTextProperty().get()).isEqualTo("Buffering\u2026");

    vm.update(PlayerSnapshot.opening(Snapshots.URL));
    assertThat(vm.busyProperty().get()).isTrue();
    assertThat(vm.stateTextProperty().get()).isEqualTo("Opening\u2026");
  }

  @Test
  void quality_items_are_auto_then_each_level_and_the_choice_is_selected() {
    Snapshots s = new Snapshots();
    openOn(s);
    assertThat(vm.qualityItems())
        .containsExactly("Auto", "160\u00d790 \u00b7 0.15 Mbps", "320\u00d7180 \u00b7 0.40 Mbps");
    assertThat(vm.selectedQualityProperty().get()).isZero();
    assertThat(vm.autoQualityTextProperty().get()).isEqualTo("Auto (320\u00d7180)");

    s.quality = QualityChoice.level(1);
    vm.update(s.build());
    assertThat(vm.selectedQualityProperty().get()).isEqualTo(2);
    assertThat(vm.autoQualityTextProperty().get()).isEqualTo("Auto");

    s.quality = QualityChoice.maxBitrate(300_000);
    vm.update(s.build());
    assertThat(vm.selectedQualityProperty().get()).isEqualTo(-1);

    s.quality = QualityChoice.auto();
    s.shownLevel = -1; // nothing on screen yet
    vm.update(s.build());
    assertThat(vm.autoQualityTextProperty().get()).isEqualTo("Auto");
  }

  @Test
  void choosing_a_quality_item_forces_that_level_or_auto() {
    Snapshots s = new Snapshots();
    FakePlayer p = openOn(s);

    vm.chooseQuality(2);
    // A snapshot published before the engine handled the command does not undo the choice.
    vm.update(s.build());
    assertThat(vm.selectedQualityProperty().get()).isEqualTo(2);
    vm.chooseQuality(0);

    assertThat(p.commands()).containsSubsequence("quality level 1", "quality auto");
    assertThatThrownBy(() -> vm.chooseQuality(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quality item: expected 0 to 2 but was 3");
  }

  @Test
  void audio_languages_and_the_playing_one_follow_the_snapshot_and_can_be_chosen() {
    FakePlayer p = openOn(new Snapshots());
    assertThat(vm.audioLanguages()).containsExactly("en", "fr");
    assertThat(vm.selectedAudioProperty().get()).isEqualTo("en");

    vm.chooseAudio("fr");

    assertThat(vm.selectedAudioProperty().get()).isEqualTo("fr");
    assertThat(p.lastCommand()).isEqualTo("audio fr");
    assertThatThrownBy(() -> vm.chooseAudio("de"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("audio language: expected one of [en, fr] but was 'de'");
  }

  private static final CaptionTrack ENGLISH =
      new CaptionTrack("textstream_eng", "English (captions)", "eng", "CAPT");
  private static final CaptionTrack FRENCH =
      new CaptionTrack("textstream_fra", "French (subtitles)", "fra", "SUBT");

  /** Gives {@code p} the two caption tracks and a cue of each from 9 s to 11 s. */
  private static void withCaptions(FakePlayer p) {
    p.fakeCaptions().setTracks(List.of(ENGLISH, FRENCH));
    p.fakeCaptions().addCue(new Cue(9_000_000, 11_000_000, List.of("Hello", "world")));
  }

  @Test
  void captions_are_off_at_first_and_once_chosen_show_the_lines_due_at_the_position() {
    FakePlayer p = openOn(new Snapshots());
    withCaptions(p);
    vm.refresh();

    assertThat(vm.captionTracks()).containsExactly(ENGLISH, FRENCH);
    assertThat(vm.selectedCaptionsProperty().get()).isEmpty();
    assertThat(vm.captionTextProperty().get()).isEmpty();
    assertThat(p.commands()).noneMatch(c -> c.startsWith("captions"));

    vm.chooseCaptions("textstream_eng");

    assertThat(p.lastCommand()).isEqualTo("captions textstream_eng");
    assertThat(vm.selectedCaptionsProperty().get()).isEqualTo("textstream_eng");
    assertThat(vm.captionTextProperty().get()).isEqualTo("Hello\nworld");

    Snapshots later = new Snapshots();
    later.positionUs = 11_000_000;
    p.publish(later.build());
    vm.refresh();
    assertThat(vm.captionTextProperty().get()).isEmpty();

    vm.chooseCaptions("");
    assertThat(p.lastCommand()).isEqualTo("captions off");
    assertThat(vm.selectedCaptionsProperty().get()).isEmpty();
    assertThatThrownBy(() -> vm.chooseCaptions("textstream_deu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "captions: expected one of [textstream_eng, textstream_fra] or \"\" (off) but was"
                + " 'textstream_deu'");
  }

  @Test
  void
      captions_chosen_in_one_session_come_on_in_the_same_language_in_the_next_and_c_toggles_them() {
    FakePlayer first = openOn(new Snapshots());
    withCaptions(first);
    vm.refresh();
    vm.chooseCaptions("textstream_fra");

    FakePlayer second = openOn(new Snapshots());
    withCaptions(second);
    vm.refresh();

    assertThat(second.commands())
        .filteredOn(c -> c.startsWith("captions"))
        .containsExactly("captions textstream_fra");
    assertThat(vm.selectedCaptionsProperty().get()).isEqualTo("textstream_fra");
    assertThat(vm.captionTextProperty().get()).isEqualTo("Hello\nworld");

    vm.toggleCaptions();
    assertThat(second.lastCommand()).isEqualTo("captions off");
    assertThat(vm.captionTextProperty().get()).isEmpty();
    vm.toggleCaptions();
    assertThat(second.lastCommand()).isEqualTo("captions textstream_fra");

    vm.chooseCaptions("");
    FakePlayer third = openOn(new Snapshots());
    withCaptions(third);
    vm.refresh();
    assertThat(third.commands()).noneMatch(c -> c.startsWith("captions"));
  }

  @Test
  void captions_chosen_in_one_session_come_on_in_the_next_that_spells_their_language_otherwise() {
    FakePlayer first = openOn(new Snapshots());
    withCaptions(first);
    vm.refresh();
    vm.chooseCaptions("textstream_fra");

    FakePlayer second = openOn(new Snapshots());
    CaptionTrack english = new CaptionTrack("en_cc", "English (captions)", "en-US", "CAPT");
    CaptionTrack french = new CaptionTrack("fr_cc", "French (captions)", "fr", "CAPT");
    second.fakeCaptions().setTracks(List.of(english, french));
    vm.refresh();

    assertThat(second.commands())
        .filteredOn(c -> c.startsWith("captions"))
        .containsExactly("captions fr_cc");
    vm.toggleCaptions();
    vm.toggleCaptions();
    assertThat(second.lastCommand()).isEqualTo("captions fr_cc");
  }

  @Test
  void without_caption_tracks_the_toggle_does_nothing_and_closing_the_session_clears_them() {
    FakePlayer p = openOn(new Snapshots());
    vm.toggleCaptions();
    assertThat(p.commands()).noneMatch(c -> c.startsWith("captions"));

    withCaptions(p);
    vm.refresh();
    vm.toggleCaptions();
    assertThat(p.lastCommand()).isEqualTo("captions textstream_eng");
    vm.close();

    assertThat(vm.captionTracks()).isEmpty();
    assertThat(vm.selectedCaptionsProperty().get()).isEmpty();
    assertThat(vm.captionTextProperty().get()).isEmpty();
  }

  @Test
  void the_stats_overlay_lists_level_resolution_bitrate_throughput_buffer_frames_drift_audio() {
    openOn(new Snapshots());

    assertThat(vm.statsVisibleProperty().get()).isFalse();
    vm.toggleStats();
    assertThat(vm.statsVisibleProperty().get()).isTrue();
    assertThat(vm.statsLines())
        .containsExactly(
            "Level: 1 (levels 0\u20131; decided 1)",
            "Resolution: 320\u00d7180",
            "Bitrate: 0.40 Mbps",
            "Throughput: 2.50 Mbps",
            "Buffer: 30.0 s",
            "Frames: 250 rendered, 3 dropped",
            "A/V drift: 12 ms",
            "Audio: en \u00b7 AAC stereo \u00b7 128 kbps",
            "Quality: auto",
            "Reason: buffer above 20 s, estimate allows level 1");
  }

  @Test
  void an_audio_only_session_says_so_and_its_buffer_is_the_audios() {
    Snapshots s = new Snapshots();
    s.audioOnlyReason = PlaybackEngine.AUDIO_ONLY_VIDEO_UNPLAYABLE;
    s.levels = List.of(new LevelInfo(0, 64_000, 0, 0), new LevelInfo(1, 128_000, 0, 0));
    s.bufferedVideoEndUs = 0;
    s.bufferedAudioEndUs = 25_000_000;
    s.renderedFrames = 0;
    s.droppedFrames = 0;
    s.avDriftMs = 0;
    openOn(s);

    assertThat(vm.audioOnlyProperty().get()).isTrue();
    assertThat(vm.audioOnlyTextProperty().get())
        .isEqualTo("\u266a  Audio only: its video cannot be played");
    assertThat(vm.statsLines())
        .contains(
            "Level: 1 (levels 0\u20131; decided 1)",
            "Resolution: none (audio only)",
            "Bitrate: 0.13 Mbps",
            "Buffer: 15.0 s",
            "Frames: none (audio only)",
            "A/V drift: none (audio only)");
    assertThat(vm.bufferedFractionProperty().get()).isCloseTo(25.0 / 240, within(1e-9));
    vm.close();
    assertThat(vm.audioOnlyProperty().get()).isFalse();
  }

  @Test
  void before_the_first_frame_the_overlay_shows_unknowns() {
    assertThat(vm.openUrl(Snapshots.URL)).isTrue();

    assertThat(vm.statsLines())
        .contains(
            "Level: \u2014 (decided \u2014)",
            "Resolution: \u2014",
            "Throughput: \u2014",
            "Audio: \u2014",
            "Reason: \u2014");
  }

  @Test
  void a_failed_session_shows_the_first_line_of_its_error() {
    Snapshots s = new Snapshots();
    s.state = PlayerState.FAILED;
    s.error =
        Optional.of(
            "Manifest request failed: HTTP 404 for " + Snapshots.URL + "\n\tat some.Frame(X.java)");
    openOn(s);

    assertThat(vm.errorTextProperty().get())
        .isEqualTo("Manifest request failed: HTTP 404 for " + Snapshots.URL);
    assertThat(vm.playingProperty().get()).isFalse();
  }

  @Test
  void an_input_left_midway_opens_where_it_was_left_and_the_picture_says_so() {
    Snapshots midway = new Snapshots();
    midway.positionUs = 75_000_000;
    openOn(midway);
    assertThat(vm.openUrl("http://other.example/Manifest")).isTrue();
    assertThat(vm.openUrl(Snapshots.URL)).isTrue();

    assertThat(startsUs).containsExactly(0L, 0L, 75_000_000L);
    assertThat(vm.noticeTextProperty().get())
        .isEqualTo("Resumed at 1:15, where it was left (Home: from the start)");
  }

  @Test
  void an_input_left_near_its_start_near_its_end_or_at_its_end_opens_at_its_start() {
    Snapshots midway = new Snapshots();
    midway.positionUs = 75_000_000;
    Snapshots nearStart = new Snapshots();
    nearStart.positionUs = 9_000_000;
    Snapshots nearEnd = new Snapshots();
    nearEnd.positionUs = 235_000_000;
    Snapshots ended = new Snapshots();
    ended.state = PlayerState.ENDED;
    ended.positionUs = 200_000_000;
    for (Snapshots leftAt : List.of(nearStart, nearEnd, ended)) {
      openOn(midway);
      openOn(leftAt);
      vm.close();
    }
    openOn(new Snapshots());

    // Each round's second open resumes at 75 s; left near the start, near the end or at the end,
    // the next round opens at 0.
    assertThat(startsUs).containsExactly(0L, 75_000_000L, 0L, 75_000_000L, 0L, 75_000_000L, 0L);
  }

  @Test
  void a_live_input_and_one_not_remembered_open_at_their_start() {
    Snapshots live = new Snapshots();
    live.live = true;
    live.positionUs = 75_000_000;
    openOn(live);
    assertThat(vm.openUrl(Snapshots.URL)).isTrue();
    Snapshots midway = new Snapshots();
    midway.positionUs = 75_000_000;
    assertThat(vm.openUrl("http://sample.local/Manifest", false)).isTrue();
    players.get(players.size() - 1).publish(midway.build());
    vm.refresh();
    assertThat(vm.openUrl("http://sample.local/Manifest", false)).isTrue();

    assertThat(startsUs).containsExactly(0L, 0L, 0L, 0L);
    assertThat(vm.noticeTextProperty().get()).isEmpty();
  }

  @Test
  void a_start_asked_for_wins_over_where_the_input_was_left() {
    Snapshots midway = new Snapshots();
    midway.positionUs = 75_000_000;
    openOn(midway);
    assertThat(vm.openUrl(Snapshots.URL, true, 30_000_000)).isTrue();

    assertThat(startsUs).containsExactly(0L, 30_000_000L);
    assertThat(vm.noticeTextProperty().get()).isEmpty();
  }

  @Test
  void closing_keeps_where_each_remembered_input_was_left_in_the_positions_given(
      @TempDir Path dir) {
    ResumePositions positions = ResumePositions.load(dir.resolve(ResumePositions.FILE));
    List<FakePlayer> sessions = new ArrayList<>();
    PlayerViewModel window =
        new PlayerViewModel(
            (target, startUs) -> {
              FakePlayer p = new FakePlayer(PlayerSnapshot.opening(target));
              sessions.add(p);
              return p;
            },
            Player::close,
            RecentInputs.inMemory(),
            positions);
    Snapshots midway = new Snapshots();
    midway.positionUs = 75_000_000;
    assertThat(window.openUrl(Snapshots.URL)).isTrue();
    sessions.get(0).publish(midway.build());
    window.refresh();

    window.close();

    assertThat(ResumePositions.load(dir.resolve(ResumePositions.FILE)).positionUs(Snapshots.URL))
        .hasValue(75_000_000);
  }

  @Test
  void play_after_a_failure_opens_the_same_input_again_as_a_new_session() {
    Snapshots s = new Snapshots();
    s.state = PlayerState.FAILED;
    s.error = Optional.of("cannot fetch the manifest " + Snapshots.URL + ": connection refused");
    FakePlayer failed = openOn(s);

    vm.togglePlay();

    assertThat(opened).containsExactly(Snapshots.URL, Snapshots.URL);
    // On demand, where it failed (10 s in).
    assertThat(startsUs).containsExactly(0L, 10_000_000L);
    assertThat(failed.closed()).isTrue();
    assertThat(vm.player()).isSameAs(players.get(1));
    assertThat(vm.errorTextProperty().get()).isEmpty();
    assertThat(vm.stateProperty().get()).isEqualTo(PlayerState.OPENING);
    assertThat(vm.recentInputs()).containsExactly(Snapshots.URL);
  }

  @Test
  void
      a_message_of_the_window_shows_over_an_older_notice_for_10_s_and_a_newer_notice_replaces_it() {
    AtomicLong nowNs = new AtomicLong(1_000_000_000L);
    List<FakePlayer> timed = new ArrayList<>();
    PlayerViewModel model = timedModel(nowNs, timed);
    Snapshots s = new Snapshots();
    s.notice = Optional.of("level left out: video QualityLevel 3");
    assertThat(model.openUrl(Snapshots.URL)).isTrue();
    timed.get(0).publish(s.build());
    model.refresh();

    nowNs.addAndGet(1_000_000_000L);
    model.showMessage("Frame saved to /tmp/a.png");
    model.refresh();
    assertThat(model.noticeTextProperty().get()).isEqualTo("Frame saved to /tmp/a.png");

    // The engine's notice, older, has run out first; the message lasts its own 10 s.
    nowNs.addAndGet(PlayerViewModel.NOTICE_SHOWN_NS - 1);
    model.refresh();
    assertThat(model.noticeTextProperty().get()).isEqualTo("Frame saved to /tmp/a.png");
    nowNs.addAndGet(1);
    model.refresh();
    assertThat(model.noticeTextProperty().get()).isEmpty();

    model.showMessage("Frame saved to /tmp/b.png");
    nowNs.addAndGet(1);
    s.notice = Optional.of("audio fragments load again from 12.0 s, after 3 skipped");
    timed.get(0).publish(s.build());
    model.refresh();
    assertThat(model.noticeTextProperty().get())
        .isEqualTo("audio fragments load again from 12.0 s, after 3 skipped");
  }

  @Test
  void a_notice_leaves_the_picture_after_10_s_and_stays_in_the_stats_overlay() {
    AtomicLong nowNs = new AtomicLong(1_000_000_000L);
    List<FakePlayer> timed = new ArrayList<>();
    PlayerViewModel model = timedModel(nowNs, timed);
    Snapshots s = new Snapshots();
    s.notice = Optional.of("level left out: video QualityLevel 3");
    assertThat(model.openUrl(Snapshots.URL)).isTrue();
    timed.get(0).publish(s.build());
    model.refresh();
    assertThat(model.noticeTextProperty().get()).isEqualTo("level left out: video QualityLevel 3");

    nowNs.addAndGet(PlayerViewModel.NOTICE_SHOWN_NS - 1);
    model.refresh();
    assertThat(model.noticeTextProperty().get()).isEqualTo("level left out: video QualityLevel 3");

    nowNs.addAndGet(1);
    model.refresh();
    assertThat(model.noticeTextProperty().get()).isEmpty();
    assertThat(model.statsLines()).last().isEqualTo("Notice: level left out: video QualityLevel 3");

    // A new notice is shown again, for its own 10 s.
    s.notice = Optional.of("audio fragments load again from 12.0 s, after 3 skipped");
    timed.get(0).publish(s.build());
    model.refresh();
    assertThat(model.noticeTextProperty().get())
        .isEqualTo("audio fragments load again from 12.0 s, after 3 skipped");

    // The same notice in a new session is new too.
    nowNs.addAndGet(PlayerViewModel.NOTICE_SHOWN_NS);
    model.refresh();
    assertThat(model.noticeTextProperty().get()).isEmpty();
    // From the start: no message that it resumed.
    assertThat(model.openUrl(Snapshots.URL, true, 0)).isTrue();
    timed.get(1).publish(s.build());
    model.refresh();
    assertThat(model.noticeTextProperty().get())
        .isEqualTo("audio fragments load again from 12.0 s, after 3 skipped");
  }

  @Test
  void a_notice_shows_until_the_snapshot_drops_it() {
    Snapshots s = new Snapshots();
    s.notice = Optional.of("No audio device: playing without sound");
    openOn(s);
    assertThat(vm.noticeTextProperty().get()).isEqualTo("No audio device: playing without sound");

    s.notice = Optional.empty();
    vm.update(s.build());
    assertThat(vm.noticeTextProperty().get()).isEmpty();
  }

  @Test
  void toggle_play_pauses_and_resumes_and_a_stale_snapshot_does_not_flip_the_button() {
    Snapshots s = new Snapshots();
    FakePlayer p = openOn(s);

    vm.togglePlay();
    assertThat(vm.playingProperty().get()).isFalse();
    vm.update(s.build()); // still PLAYING: the engine has not handled the pause yet
    assertThat(vm.playingProperty().get()).isFalse();
    s.state = PlayerState.PAUSED;
    vm.update(s.build());
    vm.togglePlay();

    assertThat(vm.playingProperty().get()).isTrue();
    assertThat(p.commands()).containsSubsequence("pause", "play");
  }

  @Test
  void the_engine_starting_or_stopping_playback_moves_the_button() {
    Snapshots s = new Snapshots();
    s.state = PlayerState.PAUSED;
    openOn(s);
    assertThat(vm.playingProperty().get()).isFalse();

    s.state = PlayerState.PLAYING;
    vm.update(s.build());
    assertThat(vm.playingProperty().get()).isTrue();

    s.state = PlayerState.ENDED;
    vm.update(s.build());
    assertThat(vm.playingProperty().get()).isFalse();
  }

  @Test
  void at_the_end_the_time_reads_the_whole_duration_and_the_seek_bar_is_full() {
    Snapshots s = new Snapshots();
    s.state = PlayerState.ENDED;
    s.positionUs = s.durationUs - 166_667; // the last frame's start, not the end of the film
    openOn(s);

    assertThat(vm.timeTextProperty().get()).isEqualTo("4:00 / 4:00");
    assertThat(vm.positionUsProperty().get()).isEqualTo(s.durationUs);
    assertThat(vm.positionFractionProperty().get()).isEqualTo(1.0);
  }

  @Test
  void the_time_label_shows_the_time_left_instead_of_the_time_played_and_back() {
    Snapshots s = new Snapshots();
    s.positionUs = 10_400_000; // 0:10.4 of 4:00
    FakePlayer p = openOn(s);

    vm.toggleTimeLeft();
    assertThat(vm.timeTextProperty().get()).as("rounded up: 0:10 + 3:50").isEqualTo("-3:50 / 4:00");

    s.durationUs = 7_200_000_000L;
    s.positionUs = 3_599_000_000L;
    p.publish(s.build());
    vm.refresh();
    assertThat(vm.timeTextProperty().get()).isEqualTo("-1:00:01 / 2:00:00");

    s.state = PlayerState.ENDED;
    s.positionUs = s.durationUs - 166_667;
    p.publish(s.build());
    vm.refresh();
    assertThat(vm.timeTextProperty().get()).as("at the end").isEqualTo("-0:00:00 / 2:00:00");

    liveInWindow(s, 3_622_000_000L);
    s.state = PlayerState.PLAYING;
    s.liveLatencyMs = 32_000;
    p.publish(s.build());
    vm.refresh();
    assertThat(vm.timeTextProperty().get()).as("live").isEqualTo("-0:32 \u00b7 live");

    vm.toggleTimeLeft();
    s.live = false;
    s.durationUs = 240_000_000;
    s.seekableStartUs = -1;
    s.positionUs = 10_400_000;
    p.publish(s.build());
    vm.refresh();
    assertThat(vm.timeTextProperty().get()).isEqualTo("0:10 / 4:00");
  }

  @Test
  void play_after_the_end_starts_again_from_the_beginning() {
    Snapshots s = new Snapshots();
    s.state = PlayerState.ENDED;
    s.positionUs = s.durationUs;
    FakePlayer p = openOn(s);

    vm.togglePlay();

    assertThat(p.commands()).containsSubsequence("seek 0", "play");
    assertThat(vm.playingProperty().get()).isTrue();
  }

  @Test
  void seeking_by_steps_starts_from_the_last_target_and_stays_inside_the_presentation() {
    Snapshots s = new Snapshots();
    FakePlayer p = openOn(s);

    vm.seekBy(5);
    vm.update(s.build()); // the engine still reports 10 s
    vm.seekBy(5);
    assertThat(vm.positionUsProperty().get()).isEqualTo(20_000_000);
    vm.seekBy(-60);
    vm.seekBy(1_000);

    assertThat(p.commands())
        .filteredOn(c -> c.startsWith("seek"))
        .containsExactly("seek 15000000", "seek 20000000", "seek 0", "seek 240000000");
  }

  @Test
  void the_position_shows_the_seek_target_until_the_engine_reaches_it() {
    Snapshots s = new Snapshots();
    openOn(s);

    vm.seekToFraction(0.5);
    vm.update(s.build());
    assertThat(vm.timeTextProperty().get()).isEqualTo("2:00 / 4:00");
    assertThat(vm.positionFractionProperty().get()).isEqualTo(0.5);

    s.positionUs = 120_040_000;
    vm.update(s.build());
    s.positionUs = 121_000_000;
    vm.update(s.build());
    assertThat(vm.timeTextProperty().get()).isEqualTo("2:01 / 4:00");
  }

  @Test
  void a_seek_the_engine_carried_out_elsewhere_shows_where_it_went_at_once() {
    // Live: Home asks for the window's start; the engine lands two fragments inside the window.
    Snapshots s = new Snapshots();
    liveInWindow(s, 3_622_000_000L);
    openOn(s);

    vm.seekToFraction(0);
    vm.update(s.build());
    assertThat(vm.positionUsProperty().get())
        .as("the target, not yet done")
        .isEqualTo(3_590_000_000L);

    s.positionUs = 3_594_000_000L;
    s.seeksDone = 1;
    vm.update(s.build());
    assertThat(vm.positionUsProperty().get()).isEqualTo(3_594_000_000L);
  }

  @Test
  void a_seek_target_the_engine_never_reports_stops_showing_after_a_while() {
    Snapshots s = new Snapshots();
    openOn(s);

    vm.seekTo(100_000_000);
    for (int i = 0; i <= PlayerViewModel.SEEK_PENDING_MAX_UPDATES; i++) {
      vm.update(s.build());
    }

    assertThat(vm.positionUsProperty().get()).isEqualTo(10_000_000);
  }

  @Test
  void volume_is_clamped_to_whole_percent_and_mute_toggles() {
    FakePlayer p = openOn(new Snapshots());

    vm.changeVolumeBy(-PlayerViewModel.VOLUME_STEP);
    vm.changeVolumeBy(-PlayerViewModel.VOLUME_STEP);
    assertThat(vm.volumeProperty().get()).isEqualTo(0.8);
    vm.setVolume(1.7);
    vm.setVolume(-0.2);
    vm.toggleMute();

    assertThat(p.commands())
        .containsSubsequence("volume 0.9", "volume 0.8", "volume 1.0", "volume 0.0", "muted true");
    assertThat(vm.mutedProperty().get()).isTrue();
  }

  @Test
  void the_viewport_is_forwarded_only_when_it_changes() {
    FakePlayer p = openOn(new Snapshots());

    vm.setViewport(1280, 640);
    vm.setViewport(1280, 640);
    vm.setViewport(640, 360);

    assertThat(p.commands())
        .filteredOn(c -> c.startsWith("viewport"))
        .containsExactly("viewport 1280x640", "viewport 640x360");
    assertThatThrownBy(() -> vm.setViewport(0, 10))
        .hasMessage("viewport: expected a positive size but was 0x10");
  }

  @Test
  void opening_another_url_closes_the_session_and_carries_volume_mute_and_viewport_over() {
    FakePlayer first = openOn(new Snapshots());
    vm.setVolume(0.4);
    vm.toggleMute();
    vm.setViewport(800, 450);

    assertThat(vm.openUrl("https://example.org/other/Manifest")).isTrue();

    assertThat(first.closed()).isTrue();
    FakePlayer second = players.get(1);
    assertThat(second.commands()).containsExactly("volume 0.4", "muted true", "viewport 800x450");
    assertThat(vm.player()).isSameAs(second);
    assertThat(vm.titleProperty().get())
        .isEqualTo("Smooth Player \u2014 https://example.org/other/Manifest");
    assertThat(vm.stateTextProperty().get()).isEqualTo("Opening\u2026");
  }

  @Test
  void urls_of_other_schemes_are_refused_with_a_readable_error_and_playback_goes_on() {
    FakePlayer p = openOn(new Snapshots());

    assertThat(vm.openUrl("ftp://example.org/Manifest")).isFalse();
    assertThat(vm.errorTextProperty().get())
        .isEqualTo(
            "Cannot open 'ftp://example.org/Manifest': the scheme 'ftp' is not supported,"
                + " expected http, https or file");
    assertThat(p.closed()).isFalse();
    assertThat(opened).containsExactly(Snapshots.URL);

    vm.dismissError();
    assertThat(vm.errorTextProperty().get()).isEmpty();
  }

  @Test
  void empty_input_hostless_urls_and_missing_folders_are_refused(@TempDir Path dir) {
    assertThat(vm.openUrl("  ")).isFalse();
    assertThat(vm.errorTextProperty().get())
        .isEqualTo(
            "Nothing to open: expected an http, https or file URL, or a presentation folder");
    assertThat(vm.openUrl("http:///Manifest")).isFalse();
    assertThat(vm.errorTextProperty().get())
        .isEqualTo("Cannot open 'http:///Manifest': the URL names no host");
    String missing = dir.resolve("nowhere").toString();
    assertThat(vm.openUrl(missing)).isFalse();
    assertThat(vm.errorTextProperty().get())
        .isEqualTo(
            "Cannot open '"
                + missing
                + "': expected an http, https or file URL, a manifest file or a presentation"
                + " folder, but no file or folder exists there");
    assertThat(vm.openUrl(dir.toString())).isFalse();
    assertThat(vm.errorTextProperty().get())
        .isEqualTo("Cannot open '" + dir + "': the folder holds no file named Manifest");
    assertThat(opened).isEmpty();
  }

  @Test
  void a_presentation_folder_a_file_url_and_a_manifest_path_reach_the_opener(@TempDir Path dir)
      throws IOException {
    Path manifest = Files.writeString(dir.resolve("Manifest"), "<SmoothStreamingMedia/>");

    assertThat(vm.openUrl(" " + dir + " ")).isTrue();
    String fileUrl = manifest.toUri().toString();
    assertThat(vm.openUrl(fileUrl)).isTrue();
    assertThat(vm.openUrl(manifest.toString())).isTrue();

    assertThat(opened)
        .containsExactly(
            dir.toAbsolutePath().toString(), fileUrl, manifest.toAbsolutePath().toString());
    assertThat(vm.errorTextProperty().get()).isEmpty();
  }

  @Test
  void in_full_screen_the_controls_hide_after_playing_untouched_and_show_again_on_activity() {
    AtomicLong nowNs = new AtomicLong(1_000_000_000L);
    List<FakePlayer> timed = new ArrayList<>();
    PlayerViewModel model = timedModel(nowNs, timed);
    assertThat(model.openUrl(Snapshots.URL)).isTrue();
    Snapshots s = new Snapshots();
    timed.get(0).publish(s.build());
    long hideNs = PlayerViewModel.CONTROLS_HIDE_AFTER_NS;

    // Out of full screen they always show.
    nowNs.addAndGet(10 * hideNs);
    model.refresh();
    assertThat(model.controlsShownProperty().get()).isTrue();

    model.setFullscreen(true);
    nowNs.addAndGet(hideNs - 1);
    model.refresh();
    assertThat(model.controlsShownProperty().get()).isTrue();
    nowNs.addAndGet(1);
    model.refresh();
    assertThat(model.controlsShownProperty().get()).isFalse();

    model.userActivity();
    assertThat(model.controlsShownProperty().get()).isTrue();

    // Held (pointer on the controls, a menu open): shown however long.
    model.holdControls(true);
    nowNs.addAndGet(10 * hideNs);
    model.refresh();
    assertThat(model.controlsShownProperty().get()).isTrue();
    model.holdControls(false);
    nowNs.addAndGet(hideNs);
    model.refresh();
    assertThat(model.controlsShownProperty().get()).isFalse();

    // Paused: shown.
    s.state = PlayerState.PAUSED;
    timed.get(0).publish(s.build());
    model.refresh();
    assertThat(model.controlsShownProperty().get()).isTrue();

    s.state = PlayerState.PLAYING;
    timed.get(0).publish(s.build());
    model.setFullscreen(false);
    nowNs.addAndGet(10 * hideNs);
    model.refresh();
    assertThat(model.controlsShownProperty().get()).isTrue();
  }

  @Test
  void seeking_to_the_end_goes_to_the_live_edge_of_a_live_presentation() {
    Snapshots s = new Snapshots();
    FakePlayer p = openOn(s);
    vm.seekToEnd();
    assertThat(p.lastCommand()).isEqualTo("seek " + s.durationUs);

    liveInWindow(s, 3_622_000_000L);
    p.publish(s.build());
    vm.refresh();
    vm.seekToEnd();
    assertThat(p.lastCommand()).isEqualTo("live");
  }

  @Test
  void what_opens_is_remembered_first_and_what_is_refused_or_fails_is_not() {
    RecentInputs recent = RecentInputs.inMemory();
    recent.remember("http://earlier/Manifest");
    PlayerViewModel window =
        new PlayerViewModel(
            (target, startUs) -> {
              if (target.contains("down")) {
                throw new IllegalStateException("manifest could not be loaded");
              }
              return new FakePlayer(PlayerSnapshot.opening(target));
            },
            Player::close,
            recent,
            ResumePositions.inMemory());
    assertThat(window.recentInputs()).containsExactly("http://earlier/Manifest");

    assertThat(window.openUrl(" " + Snapshots.URL + " ")).isTrue();
    assertThat(window.openUrl("ftp://example.org/Manifest")).isFalse();
    assertThat(window.openUrl("http://down.example/Manifest")).isFalse();
    assertThat(window.openUrl("http://sample.local/Manifest", false)).isTrue();

    assertThat(window.recentInputs()).containsExactly(Snapshots.URL, "http://earlier/Manifest");
    assertThat(recent.entries()).containsExactly(Snapshots.URL, "http://earlier/Manifest");

    window.clearRecentInputs();
    assertThat(window.recentInputs()).isEmpty();
    assertThat(recent.entries()).isEmpty();
  }

  @Test
  void an_opener_failure_shows_its_message_and_cause_in_one_line() {
    PlayerViewModel failing =
        new PlayerViewModel(
            (target, startUs) -> {
              throw new IllegalStateException(
                  "manifest could not be loaded",
                  new UncheckedIOException(new IOException("Connection refused")));
            });

    assertThat(failing.openUrl(Snapshots.URL)).isFalse();

    assertThat(failing.errorTextProperty().get())
        .isEqualTo(
            "Cannot open " + Snapshots.URL + ": manifest could not be loaded: Connection refused");
    assertThat(failing.player()).isNull();
    assertThat(failing.busyProperty().get()).isFalse();
  }

  @Test
  void without_a_session_actions_do_nothing_and_close_is_idempotent() {
    vm.togglePlay();
    vm.seekBy(5);
    vm.setVolume(0.5);
    vm.close();

    FakePlayer p = openOn(new Snapshots());
    vm.close();
    vm.close();

    assertThat(p.closed()).isTrue();
    assertThat(p.commands()).containsOnlyOnce("close");
    assertThat(vm.stateProperty().get()).isEqualTo(PlayerState.CLOSED);
    assertThat(vm.playerProperty().get()).isNull();
  }
}
