package org.smoothplayer.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.engine.EngineOptions;
import org.smoothplayer.app.engine.PlaybackEngine;
import org.smoothplayer.app.engine.PlayerSnapshot;
import org.smoothplayer.app.engine.PlayerState;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.generate.CueInfo;
import org.smoothplayer.assets.generate.PresentationInfo;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.generate.StreamInfo;
import org.smoothplayer.assets.origin.FaultKind;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * Captions end to end: the generator's TTML text stream served by the local origin over loopback,
 * fetched and parsed by the engine's caption loader while a real session plays.
 */
class CaptionsSessionTest {

  /** Tiny (4 s, 1-s fragments) with a caption stream. */
  static final PresentationSpec TINY_CAPTIONS = Preset.TINY.spec().withCaptions(true);

  static Path dir;
  static List<CueInfo> cues;

  @BeforeAll
  static void generate() {
    dir = Presentations.cached(TINY_CAPTIONS);
    cues =
        PresentationInfo.read(dir).streams().stream()
            .filter(s -> s.type().equals("text"))
            .map(StreamInfo::cues)
            .findFirst()
            .orElseThrow();
  }

  private static String url(LocalOrigin origin) {
    return origin.baseUri().resolve("Manifest").toString();
  }

  /** A headless, silent session of {@code origin}'s presentation that opens paused. */
  private static PlaybackEngine openPaused(LocalOrigin origin, SessionRecorder recorder) {
    return PlaybackEngine.open(
        EngineOptions.of(url(origin)).headless().silent().withAutoplay(false).withSink(recorder));
  }

  /**
   * Chooses the captions in {@code language} and plays once the first caption is loaded, so a slow
   * machine cannot play past it before its fragment arrives (captions never hold playback back).
   */
  private static void playOnceLoaded(PlaybackEngine engine, String language)
      throws InterruptedException {
    engine.captions().selectLanguage(language);
    awaitLoaded(engine, cues.get(0));
    engine.play();
  }

  /** Waits (at most 20 s) until the captions have the lines of {@code cue}. */
  private static void awaitLoaded(PlaybackEngine engine, CueInfo cue) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    long midUs = (cue.startUs() + cue.endUs()) / 2;
    while (engine.captions().linesAt(midUs).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(engine.captions().linesAt(midUs)).containsAll(cue.lines());
  }

  /** Each distinct set of lines seen while the session played, with the position first seen. */
  private static Map<List<String>, Long> watch(PlaybackEngine engine) throws Exception {
    Map<List<String>, Long> seen = new LinkedHashMap<>();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      PlayerSnapshot s = engine.snapshot();
      List<String> lines = engine.captions().linesAt(s.positionUs());
      if (!lines.isEmpty()) {
        seen.putIfAbsent(lines, s.positionUs());
      }
      if (s.state() == PlayerState.ENDED || s.state() == PlayerState.FAILED) {
        break;
      }
      Thread.sleep(5);
    }
    return seen;
  }

  @Test
  @Timeout(60)
  void the_chosen_track_shows_every_generated_caption_at_its_time_while_the_session_plays()
      throws Exception {
    assertThat(cues).hasSizeGreaterThanOrEqualTo(4);
    try (LocalOrigin origin = LocalOrigin.builder(dir).start();
        PlaybackEngine engine = openPaused(origin, new SessionRecorder())) {
      playOnceLoaded(engine, "eng");

      Map<List<String>, Long> seen = watch(engine);

      assertThat(engine.snapshot().state()).isEqualTo(PlayerState.ENDED);
      assertThat(engine.captions().tracks())
          .containsExactly(new CaptionTrack("textstream_eng", "English (captions)", "eng", "CAPT"));
      assertThat(engine.captions().selected()).map(CaptionTrack::id).contains("textstream_eng");
      for (CueInfo cue : cues) {
        if (cue.endUs() - cue.startUs() < 100_000) {
          continue; // too short to be sure a 5-ms poll of a running clock lands in it
        }
        assertThat(seen.keySet())
            .as("cue %s seen", cue)
            .anySatisfy(lines -> assertThat(lines).containsSubsequence(cue.lines()));
      }
      // Every set of lines was first seen inside a cue that has them.
      seen.forEach(
          (lines, atUs) ->
              assertThat(
                      cues.stream()
                          .filter(c -> c.startUs() <= atUs && atUs < c.endUs())
                          .flatMap(c -> c.lines().stream())
                          .toList())
                  .as("lines %s at %d us", lines, atUs)
                  .containsAll(lines));
    }
  }

  @Test
  @Timeout(60)
  void with_captions_off_no_text_fragment_is_requested(@TempDir Path tmp) throws Exception {
    Path requests = tmp.resolve("requests.jsonl");
    try (LocalOrigin origin = LocalOrigin.builder(dir).requestLog(requests).start();
        PlaybackEngine engine =
            PlaybackEngine.open(
                EngineOptions.of(url(origin))
                    .headless()
                    .silent()
                    .withSink(new SessionRecorder()))) {
      assertThat(engine.awaitEnd(30_000).state()).isEqualTo(PlayerState.ENDED);
      assertThat(engine.captions().tracks()).hasSize(1);
      assertThat(engine.captions().selected()).isEmpty();
    }
    assertThat(Files.readAllLines(requests))
        .anyMatch(l -> l.contains("Fragments(video="))
        .noneMatch(l -> l.contains("textstream_eng"));
  }

  @Test
  @Timeout(60)
  void a_missing_and_a_cut_caption_fragment_are_skipped_with_a_notice_and_the_rest_still_shows()
      throws Exception {
    SessionRecorder recorder = new SessionRecorder();
    try (LocalOrigin origin =
            LocalOrigin.builder(dir)
                .fault(
                    FaultRule.always(
                        "Fragments(textstream_eng=10000000)", new FaultKind.Status(404)))
                .fault(
                    FaultRule.always(
                        "Fragments(textstream_eng=20000000)", new FaultKind.Truncate()))
                .start();
        PlaybackEngine engine = openPaused(origin, recorder)) {
      playOnceLoaded(engine, Captions.ANY_LANGUAGE);

      Map<List<String>, Long> seen = watch(engine);

      assertThat(engine.snapshot().state()).isEqualTo(PlayerState.ENDED);
      List<String> shown = seen.keySet().stream().flatMap(List::stream).toList();
      assertThat(shown).contains("Caption 0", "Caption 3").doesNotContain("Caption 1", "Caption 2");
      assertThat(recorder.events())
          .filteredOn(e -> e instanceof SessionEvent.Notice)
          .map(e -> ((SessionEvent.Notice) e).message())
          .anySatisfy(
              m ->
                  assertThat(m)
                      .startsWith("captions (English (captions)): the fragment at 0:01 is skipped:")
                      .contains("404"));
    }
  }
}
