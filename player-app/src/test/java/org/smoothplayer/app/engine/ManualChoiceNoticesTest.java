package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveOptions;

/**
 * A manual choice the presentation cannot meet as given (a level index above the ladder, a ceiling
 * below its lowest level, a start past its end, a start for a live presentation) plays what it can
 * and says so, on the tiny presentation (4 s; levels 0 and 1 at 150 and 400 kbps) served by the
 * local origin.
 */
class ManualChoiceNoticesTest {

  static Path tiny;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  /** Plays the tiny presentation to its end from {@code startUs}; returns what was recorded. */
  private static SessionRecorder play(QualityChoice quality, long startUs) throws Exception {
    SessionRecorder recorder = new SessionRecorder();
    try (LocalOrigin origin = LocalOrigin.builder(tiny).start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                    .withQuality(quality)
                    .withStartUs(startUs)
                    .headless()
                    .silent()
                    .withSink(recorder))) {
      assertThat(engine.awaitEnd(20_000).state()).isEqualTo(PlayerState.ENDED);
    }
    return recorder;
  }

  private static List<String> notices(SessionRecorder recorder) {
    return recorder.events().stream()
        .filter(SessionEvent.Notice.class::isInstance)
        .map(e -> ((SessionEvent.Notice) e).message())
        .toList();
  }

  private static List<Integer> videoLevelsDecided(SessionRecorder recorder) {
    return recorder.events().stream()
        .filter(SessionEvent.Decision.class::isInstance)
        .map(e -> ((SessionEvent.Decision) e).level())
        .toList();
  }

  @Test
  @Timeout(40)
  void a_level_index_above_the_ladder_plays_the_top_level_and_names_the_ladder() throws Exception {
    SessionRecorder recorder = play(QualityChoice.level(7), 0);

    assertThat(videoLevelsDecided(recorder)).isNotEmpty().containsOnly(1);
    assertThat(notices(recorder))
        .contains(
            "quality level 7 is not in the ladder (levels 0-1); playing the top level, 400 kbps");
  }

  @Test
  @Timeout(40)
  void a_ceiling_below_the_lowest_level_plays_the_lowest_level_and_says_so() throws Exception {
    SessionRecorder recorder = play(QualityChoice.maxBitrate(100_000), 0);

    assertThat(videoLevelsDecided(recorder)).isNotEmpty().containsOnly(0);
    assertThat(notices(recorder))
        .contains(
            "quality ceiling 100 kbps is below the lowest level, 150 kbps; playing the lowest"
                + " level");
  }

  @Test
  @Timeout(40)
  void a_start_past_the_end_ends_the_session_at_once_and_says_why() throws Exception {
    SessionRecorder recorder = play(QualityChoice.auto(), 10_000_000L);

    assertThat(notices(recorder))
        .contains(
            "start position 10.0 s is past the end of the presentation (4.0 s); it ends at once");
    SessionEvent.SessionEnded ended =
        recorder.events().stream()
            .filter(SessionEvent.SessionEnded.class::isInstance)
            .map(SessionEvent.SessionEnded.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(ended.reason()).isEqualTo("ended");
  }

  @Test
  @Timeout(40)
  void a_start_position_for_a_live_presentation_joins_near_the_edge_and_says_so(@TempDir Path dir)
      throws Exception {
    SessionRecorder recorder;
    LiveOptions endless = LiveOptions.defaults().withEndless(true);
    try (LiveSession live =
        LiveSession.open(tiny, dir, endless, Map.of(), o -> o.withStartUs(5_000_000L))) {
      recorder = live.log();
      LiveSession.await(live.engine(), s -> s.state() == PlayerState.PLAYING, 20_000);
      PlayerSnapshot s = live.engine().snapshot();
      assertThat(s.positionUs()).isGreaterThan(s.seekableEndUs() - 10_000_000L);
    }
    assertThat(notices(recorder))
        .anyMatch(
            n ->
                n.matches(
                    "start position 5\\.0 s does not apply to a live presentation; joining"
                        + " \\d+\\.\\d s behind the live edge"));
  }

  @Test
  @Timeout(40)
  void choices_the_presentation_can_meet_play_without_such_a_notice() throws Exception {
    SessionRecorder byIndex = play(QualityChoice.level(1), 1_000_000L);
    SessionRecorder byCeiling = play(QualityChoice.maxBitrate(150_000), 0);

    assertThat(videoLevelsDecided(byIndex)).isNotEmpty().containsOnly(1);
    assertThat(videoLevelsDecided(byCeiling)).isNotEmpty().containsOnly(0);
    assertThat(notices(byIndex))
        .noneMatch(n -> n.startsWith("quality") || n.startsWith("start position"));
    assertThat(notices(byCeiling)).noneMatch(n -> n.startsWith("quality"));
  }
}
