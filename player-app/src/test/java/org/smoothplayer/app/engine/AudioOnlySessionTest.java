package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smoothplayer.app.engine.LiveSession.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.engine.EngineRun.Outcome;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.app.session.SessionSummary;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveOptions;

/**
 * Audio-only presentations (no video stream, as 8 of the 33 manifests of other players' test
 * suites): a copy of {@code tiny} (four 1-s fragments of 128-kbps AAC) without its video, served
 * over loopback and played headless. The audio track leads: the heuristics choose among its levels,
 * it times the session, and its timeline is the duration and the live edge.
 */
class AudioOnlySessionTest {
  private static Path tiny;

  @BeforeAll
  static void generate() {
    tiny = Presentations.cached(Preset.TINY);
  }

  private static Outcome play(Path presentation, QualityChoice quality) throws Exception {
    return EngineRun.play(LocalOrigin.builder(presentation), o -> o.withQuality(quality), 30_000);
  }

  /** A headless, silent session on {@code origin}'s Manifest, with what {@code more} adds. */
  private static PlaybackEngine open(
      LocalOrigin origin, SessionRecorder log, UnaryOperator<EngineOptions> more) {
    return PlaybackEngine.open(
        more.apply(
            EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                .headless()
                .silent()
                .withSink(log)));
  }

  private static List<String> requestedStreams(Outcome o) {
    return o.events(SessionEvent.FragmentRequested.class).stream()
        .map(SessionEvent.FragmentRequested::stream)
        .distinct()
        .toList();
  }

  @Test
  @Timeout(60)
  void an_audio_only_presentation_plays_to_its_end_from_its_audio_alone(@TempDir Path dir)
      throws Exception {
    Path audioOnly = PresentationCopies.tinyAudioOnly(tiny, dir);

    Outcome o = play(audioOnly, QualityChoice.auto());

    o.playedToTheEnd(3_800_000L);
    assertThat(o.failures()).isEmpty();
    assertThat(requestedStreams(o)).containsExactly("audio");
    assertThat(o.loadedChunks("audio")).containsExactly(0, 1, 2, 3);
    assertThat(o.decoderErrors("audio")).isEmpty();
    assertThat(o.events(SessionEvent.StallStarted.class)).isEmpty();
    // The heuristics chose the level of every audio fragment, from the audio's one level.
    assertThat(o.events(SessionEvent.Decision.class))
        .hasSize(4)
        .allSatisfy(d -> assertThat(d.bitrateBps()).isEqualTo(128_000L));
    SessionEvent.ManifestLoaded loaded = o.events(SessionEvent.ManifestLoaded.class).get(0);
    assertThat(loaded.videoBitratesBps()).as("no video ladder").isEmpty();
    assertThat(loaded.durationUs()).isEqualTo(4_000_000L);
    assertThat(loaded.videoFragmentDurationUs()).as("the audio's fragment").isEqualTo(1_002_666L);
    // What is heard is reported as the quality shown, once: the start-up ends when it is heard.
    assertThat(o.events(SessionEvent.QualityRendered.class))
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.level()).isZero();
              assertThat(q.bitrateBps()).isEqualTo(128_000L);
              assertThat(q.previousLevel()).isEqualTo(-1);
            });
    assertThat(o.end().levels()).containsExactly(new LevelInfo(0, 128_000L, 0, 0));
    assertThat(o.end().startupMs()).isPositive();
    assertThat(o.end().renderedFrames()).isZero();
    SessionSummary summary = SessionSummary.of(o.log().events());
    assertThat(summary.fragments()).as("fragments of the lead track").isEqualTo(4);
    // Time-weighted over the media played, a few milliseconds of which came before it was heard.
    assertThat(summary.avgBitrateBps()).isBetween(120_000L, 128_000L);
    assertThat(summary.startupMs()).isPositive();
  }

  @Test
  @Timeout(60)
  void the_quality_chosen_applies_to_the_audio_levels_of_an_audio_only_presentation(
      @TempDir Path dir) throws Exception {
    Path audioOnly = PresentationCopies.tinyAudioOnly(tiny, dir);
    PresentationCopies.addAudioLevel(audioOnly, 64_000L);

    Outcome low = play(audioOnly, QualityChoice.level(0));
    Outcome high = play(audioOnly, QualityChoice.level(1));

    low.playedToTheEnd(3_800_000L);
    assertThat(low.end().levels())
        .extracting(LevelInfo::bitrateBps)
        .containsExactly(64_000L, 128_000L);
    assertThat(low.events(SessionEvent.FragmentRequested.class))
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.url()).contains("QualityLevels(64000)/Fragments(audio="));
    assertThat(low.events(SessionEvent.QualityRendered.class))
        .extracting(SessionEvent.QualityRendered::bitrateBps)
        .containsExactly(64_000L);
    high.playedToTheEnd(3_800_000L);
    assertThat(high.events(SessionEvent.FragmentRequested.class))
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.url()).contains("QualityLevels(128000)/Fragments(audio="));
  }

  @Test
  @Timeout(60)
  void a_seek_in_an_audio_only_presentation_plays_on_from_the_target(@TempDir Path dir)
      throws Exception {
    Path audioOnly = PresentationCopies.tinyAudioOnly(tiny, dir);
    SessionRecorder log = new SessionRecorder();
    try (LocalOrigin origin = LocalOrigin.builder(audioOnly).start();
        PlaybackEngine engine = open(origin, log, o -> o)) {
      await(engine, s -> s.state() == PlayerState.PLAYING, 20_000);
      engine.seek(2_500_000L);
      await(engine, s -> s.seeksDone() == 1 && s.state() == PlayerState.PLAYING, 20_000);
      assertThat(engine.snapshot().positionUs()).isBetween(2_500_000L, 3_500_000L);
      PlayerSnapshot end = engine.awaitEnd(20_000);
      assertThat(end.state()).as("error %s", end.error()).isEqualTo(PlayerState.ENDED);
    }
    List<SessionEvent.Seek> seeks = LiveSession.events(log.events(), SessionEvent.Seek.class);
    assertThat(seeks).singleElement().extracting(SessionEvent.Seek::toUs).isEqualTo(2_500_000L);
    assertThat(LiveSession.events(log.events(), SessionEvent.FragmentFailed.class)).isEmpty();
  }

  /**
   * The audio-only copy with a second language: English, tiny's one 128-kbps level; French (a copy
   * under {@code fr/}) with levels of 64 and 128 kbps.
   */
  private static Path twoLanguagesOfOtherLadders(Path dir) throws Exception {
    Path copy = PresentationCopies.tinyAudioOnly(tiny, dir);
    for (String level : new String[] {"QualityLevels(128000)", "QualityLevels(64000)"}) {
      PresentationCopies.copy(copy.resolve("QualityLevels(128000)"), copy.resolve("fr/" + level));
    }
    String xml = Files.readString(copy.resolve("Manifest"), StandardCharsets.UTF_8);
    int start = xml.indexOf("<StreamIndex Type=\"audio\"");
    int end = xml.indexOf("</StreamIndex>", start) + "</StreamIndex>".length();
    String english = xml.substring(start, end);
    String levelLine = english.substring(english.indexOf("<QualityLevel "));
    levelLine = levelLine.substring(0, levelLine.indexOf("/>") + 2);
    String french =
        english
            .replace("Name=\"audio\"", "Name=\"audio_fr\" Language=\"fr\"")
            .replace("QualityLevels=\"1\"", "QualityLevels=\"2\"")
            .replace("Url=\"QualityLevels(", "Url=\"fr/QualityLevels(")
            .replace(
                levelLine,
                levelLine
                    + "\n    "
                    + levelLine
                        .replace("Index=\"0\"", "Index=\"1\"")
                        .replace("Bitrate=\"128000\"", "Bitrate=\"64000\""));
    String englishTagged = english.replace("Name=\"audio\"", "Name=\"audio_en\" Language=\"en\"");
    Files.writeString(
        copy.resolve("Manifest"),
        xml.substring(0, start) + englishTagged + "\n  " + french + xml.substring(end),
        StandardCharsets.UTF_8);
    return copy;
  }

  @Test
  @Timeout(60)
  void a_language_switch_in_an_audio_only_presentation_makes_the_new_tracks_levels_the_ladder(
      @TempDir Path dir) throws Exception {
    Path presentation = twoLanguagesOfOtherLadders(dir);
    SessionRecorder log = new SessionRecorder();
    PlayerSnapshot before;
    PlayerSnapshot end;
    try (LocalOrigin origin = LocalOrigin.builder(presentation).start();
        PlaybackEngine engine =
            open(origin, log, o -> o.withAudioLanguage("en").withQuality(QualityChoice.level(0)))) {
      await(engine, s -> s.positionUs() >= 1_500_000L, 20_000);
      before = engine.snapshot();
      engine.setAudioLanguage("fr");
      end = engine.awaitEnd(30_000);
    }
    assertThat(before.levels()).extracting(LevelInfo::bitrateBps).containsExactly(128_000L);
    assertThat(end.state()).as("error %s", end.error()).isEqualTo(PlayerState.ENDED);
    assertThat(end.audioLanguage()).isEqualTo("fr");
    assertThat(end.levels()).extracting(LevelInfo::bitrateBps).containsExactly(64_000L, 128_000L);
    List<SessionEvent.FragmentRequested> requests =
        LiveSession.events(log.events(), SessionEvent.FragmentRequested.class);
    assertThat(requests.get(0).url()).doesNotContain("/fr/");
    // Level 0 was asked for: English's 128 kbps, then French's 64 kbps.
    assertThat(requests.get(requests.size() - 1).url()).contains("/fr/QualityLevels(64000)/");
    assertThat(LiveSession.events(log.events(), SessionEvent.Decision.class))
        .extracting(SessionEvent.Decision::bitrateBps)
        .containsOnly(128_000L, 64_000L)
        .endsWith(64_000L);
    assertThat(LiveSession.events(log.events(), SessionEvent.FragmentFailed.class)).isEmpty();
    // What is heard from the new track is reported, though its level has the same index.
    assertThat(LiveSession.events(log.events(), SessionEvent.QualityRendered.class))
        .extracting(SessionEvent.QualityRendered::bitrateBps)
        .containsExactly(128_000L, 64_000L);
  }

  @Test
  @Timeout(60)
  void an_audio_only_live_presentation_joins_near_its_edge_and_follows_it(@TempDir Path dir)
      throws Exception {
    Path audioOnly = PresentationCopies.tinyAudioOnly(tiny, dir);
    try (LiveSession session =
        LiveSession.open(
            audioOnly, dir, LiveOptions.defaults().withEndless(true), Map.of(), opts -> opts)) {
      PlaybackEngine engine = session.engine();
      await(engine, s -> s.state() == PlayerState.PLAYING, 20_000);
      PlayerSnapshot from = engine.snapshot();
      assertThat(from.live()).isTrue();
      assertThat(from.liveLatencyMs()).as("join latency").isLessThanOrEqualTo(2_000.0);
      await(engine, s -> s.positionUs() - from.positionUs() >= 6_000_000L, 20_000);
      PlayerSnapshot to = engine.snapshot();
      assertThat(to.seekableEndUs() - from.seekableEndUs())
          .as("the audio timeline grew with the edge")
          .isGreaterThanOrEqualTo(5_000_000L);
      assertThat(to.liveLatencyMs()).isLessThanOrEqualTo(3_000.0);
      List<SessionEvent> all = session.log().events();
      assertThat(LiveSession.events(all, SessionEvent.StallStarted.class)).isEmpty();
      assertThat(LiveSession.events(all, SessionEvent.FragmentFailed.class)).isEmpty();
      assertThat(LiveSession.events(all, SessionEvent.FragmentRequested.class))
          .extracting(SessionEvent.FragmentRequested::stream)
          .containsOnly("audio");
    }
  }

  @Test
  @Timeout(30)
  void a_manifest_without_video_whose_audio_cannot_be_played_fails_the_session_at_once(
      @TempDir Path dir) throws Exception {
    Path audioOnly = PresentationCopies.tinyAudioOnly(tiny, dir);
    PresentationCopies.editManifest(audioOnly, "FourCC=\"AACL\"", "FourCC=\"WMAP\"");
    PresentationCopies.editManifest(audioOnly, "AudioTag=\"255\"", "AudioTag=\"354\"");

    long t0 = System.nanoTime();
    Outcome o = play(audioOnly, QualityChoice.auto());

    assertThat((System.nanoTime() - t0) / 1_000_000L).as("ms to fail").isLessThan(10_000L);
    String url = o.events(SessionEvent.SessionStarted.class).get(0).url();
    assertThat(o.end().state()).isEqualTo(PlayerState.FAILED);
    assertThat(o.end().error().orElseThrow())
        .startsWith(
            "no playable stream in "
                + url
                + " (no video stream, and no audio track can be played: audio: audio"
                + " QualityLevel 0 (128000 bps, line ")
        .contains("unsupported codec WMAP");
    assertThat(o.events(SessionEvent.FragmentRequested.class)).isEmpty();
  }
}
