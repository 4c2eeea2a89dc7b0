package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smoothplayer.app.engine.LiveSession.await;
import static org.smoothplayer.app.engine.LiveSession.events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smoothplayer.app.config.PlaybackSettings;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveOptions;

/**
 * An audio-language switch in a live session: {@code tiny} (1-s fragments) looped endlessly by the
 * local origin, its audio listed in English and French ({@code audio_en}, {@code audio_fr}: the
 * same media under two names, so every audio request tells which track plays).
 */
class LiveAudioSwitchTest {
  private static final long FRAGMENT_US = 1_000_000;

  private static Path tiny;

  @TempDir Path dir;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  /** How the session follows the edge before the switch. */
  enum Following {
    /**
     * The defaults (1.5 fragments behind the edge: the newest fragment's tfrf is empty, so the
     * manifest is refreshed about every fragment), with a 6-s DVR window: the fragments known when
     * the session started are out of the window by the switch.
     */
    MANIFEST_REFRESHED_EVERY_FRAGMENT(Map.of(), 6, List.of()),

    /**
     * Three fragments behind the edge (the timeline grows from tfrf alone) and a fallback refresh
     * every 30 s: by the switch, no refresh has told the French track's times since the start; and
     * once playing, the manifest answers only after 1.5 s, so the switch cannot wait for it.
     */
    NO_REFRESH_SINCE_THE_START(
        Map.of(
            PlaybackSettings.LIVE_JOIN_OFFSET_FRAGMENTS.key(), 3.0,
            PlaybackSettings.LIVE_REFRESH_INTERVAL_S.key(), 30.0),
        60,
        List.of("Manifest=slow:1500"));

    final Map<String, Double> settings;
    final double dvrWindowS;
    final List<String> faultsOncePlaying;

    Following(Map<String, Double> settings, double dvrWindowS, List<String> faultsOncePlaying) {
      this.settings = settings;
      this.dvrWindowS = dvrWindowS;
      this.faultsOncePlaying = faultsOncePlaying;
    }
  }

  @ParameterizedTest
  @EnumSource(Following.class)
  @Timeout(60)
  void a_live_switch_plays_the_new_language_from_the_current_position_not_the_session_start(
      Following following) throws Exception {
    SessionRecorder log;
    Path requests;
    long switchUs;
    int eventsBeforeSwitch;
    try (LiveSession session =
        LiveSession.open(
            tiny,
            dir,
            LiveOptions.defaults()
                .withEndless(true)
                .withStartOffsetS(40)
                .withDvrWindowS(following.dvrWindowS)
                .withAudioLanguages("en", "fr"),
            following.settings,
            o -> o.withAudioLanguage("en"))) {
      log = session.log();
      requests = session.requests();
      LocalOrigin origin = session.origin();
      PlaybackEngine engine = session.engine();
      await(engine, s -> s.state() == PlayerState.PLAYING, 20_000);
      origin.setFaults(following.faultsOncePlaying.stream().map(FaultRule::parse).toList());
      assertThat(engine.snapshot().audioLanguages()).containsExactly("en", "fr");
      long joinedUs = engine.snapshot().positionUs();
      await(engine, s -> s.positionUs() - joinedUs >= 8_000_000L, 20_000);

      eventsBeforeSwitch = log.events().size();
      switchUs = engine.snapshot().positionUs();
      engine.setAudioLanguage("fr");
      await(
          engine,
          s -> s.state() == PlayerState.PLAYING && s.positionUs() - switchUs >= 4_000_000L,
          20_000);
      assertThat(engine.snapshot().audioLanguage()).isEqualTo("fr");
    }
    List<SessionEvent> all = log.events();
    // From the switch as the engine logged it: events logged after the test asked for it but
    // before the loop made it (an English fragment loading then) belong to the English track.
    int switchIndex = eventsBeforeSwitch;
    while (!(all.get(switchIndex) instanceof SessionEvent.ConfigChanged switched
        && switched.changes().containsKey("audio.language"))) {
      switchIndex++;
    }
    List<SessionEvent> afterSwitch = all.subList(switchIndex + 1, all.size());
    List<SessionEvent.FragmentRequested> french =
        events(afterSwitch, SessionEvent.FragmentRequested.class).stream()
            .filter(r -> r.stream().equals("audio"))
            .filter(r -> r.url().contains("Fragments(audio_fr="))
            .toList();
    assertThat(french).as("French audio requested after the switch").isNotEmpty();
    // The first French fragment holds the position at the switch (or starts just before it).
    assertThat(french.get(0).startUs())
        .as("first French fragment; position at the switch %d us", switchUs)
        .isBetween(switchUs - 2 * FRAGMENT_US, switchUs + FRAGMENT_US);
    assertThat(french)
        .as("no French fragment from the time the session started")
        .allSatisfy(
            r -> assertThat(r.startUs()).isGreaterThanOrEqualTo(switchUs - 2 * FRAGMENT_US));
    assertThat(
            events(afterSwitch, SessionEvent.FragmentLoaded.class).stream()
                .filter(f -> f.stream().equals("audio"))
                .map(SessionEvent.FragmentLoaded::startUs)
                .toList())
        .as("French audio goes on past the switch")
        .hasSizeGreaterThanOrEqualTo(4)
        .isSorted();
    if (following == Following.NO_REFRESH_SINCE_THE_START) {
      // The French timeline ended at the start and the manifest is slow: the fragment at the
      // position was probed with the English times, verified alike first, and its tfxd confirmed.
      assertThat(events(afterSwitch, SessionEvent.Notice.class))
          .extracting(SessionEvent.Notice::message)
          .anySatisfy(m -> assertThat(m).contains("probing the one at"))
          .anySatisfy(m -> assertThat(m).contains("confirmed by the origin"));
    }

    // The switch buffers briefly (like a seek in place), it does not stall, fail or skip.
    assertThat(events(all, SessionEvent.StateChanged.class))
        .noneSatisfy(c -> assertThat(c.to()).isEqualTo("FAILED"));
    assertThat(events(all, SessionEvent.FragmentFailed.class))
        .noneSatisfy(f -> assertThat(f.stream()).isEqualTo("audio"));
    assertThat(events(afterSwitch, SessionEvent.StallStarted.class)).isEmpty();
    List<SessionEvent.StateChanged> changes = events(afterSwitch, SessionEvent.StateChanged.class);
    assertThat(changes).first().satisfies(c -> assertThat(c.to()).isEqualTo("BUFFERING"));
    assertThat(changes)
        .filteredOn(c -> c.to().equals("PLAYING"))
        .first()
        .satisfies(
            c ->
                assertThat(c.tMs() - changes.get(0).tMs())
                    .as("buffering after the switch, ms")
                    .isLessThan(3_000.0));

    // The origin served every French fragment asked for (200: none from outside the window).
    List<String> frenchServed =
        Files.readAllLines(requests).stream().filter(l -> l.contains("audio_fr=")).toList();
    assertThat(frenchServed).isNotEmpty().allSatisfy(l -> assertThat(l).contains("\"status\":200"));
  }
}
