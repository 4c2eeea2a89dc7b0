package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * Two audio languages: {@code tiny} with its audio stream declared twice, English (the original
 * files) and French (a copy under {@code fr/}), so every audio request tells which track plays.
 */
class AudioTrackTest {

  private static Path twoLanguages(Path dir) throws Exception {
    Path tiny = Presentations.cached(Preset.TINY);
    Path copy = PresentationCopies.copy(tiny, dir.resolve("tiny-2-audio"));
    Path audio = copy.resolve("QualityLevels(128000)");
    Path french = copy.resolve("fr").resolve("QualityLevels(128000)");
    Files.createDirectories(french);
    try (var files = Files.list(audio)) {
      for (Path p : files.filter(f -> f.getFileName().toString().contains("audio=")).toList()) {
        Files.copy(p, french.resolve(p.getFileName().toString()));
      }
    }
    String manifest = Files.readString(copy.resolve("Manifest"));
    int start = manifest.indexOf("<StreamIndex Type=\"audio\"");
    int end = manifest.indexOf("</StreamIndex>", start) + "</StreamIndex>".length();
    String english = manifest.substring(start, end);
    String englishTagged = english.replace("Name=\"audio\"", "Name=\"audio_en\" Language=\"en\"");
    String frenchTagged =
        english
            .replace("Name=\"audio\"", "Name=\"audio_fr\" Language=\"fr\"")
            .replace("Url=\"QualityLevels(", "Url=\"fr/QualityLevels(");
    manifest =
        manifest.substring(0, start)
            + englishTagged
            + "\n  "
            + frenchTagged
            + manifest.substring(end);
    Files.writeString(copy.resolve("Manifest"), manifest);
    return copy;
  }

  @Test
  @Timeout(60)
  void the_preferred_language_plays_and_a_switch_at_runtime_changes_the_track_without_a_stop(
      @TempDir Path dir) throws Exception {
    Path presentation = twoLanguages(dir);
    SessionRecorder log = new SessionRecorder();
    PlayerSnapshot end;
    try (LocalOrigin origin = LocalOrigin.builder(presentation).start();
        PlaybackEngine engine = open(origin, "fr", log)) {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (engine.snapshot().positionUs() < 1_500_000L) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(10);
      }
      assertThat(engine.snapshot().audioLanguages()).containsExactly("en", "fr");
      assertThat(engine.snapshot().audioLanguage()).isEqualTo("fr");
      engine.setAudioLanguage("en");
      end = engine.awaitEnd(30_000);
    }
    assertThat(end.state()).isEqualTo(PlayerState.ENDED);
    assertThat(end.audioLanguage()).isEqualTo("en");
    EngineRun.Outcome o = new EngineRun.Outcome(end, log);
    List<String> audioUrls = o.requestedUrls("audio");
    assertThat(audioUrls.get(0)).contains("/fr/QualityLevels(128000)/");
    assertThat(audioUrls.get(audioUrls.size() - 1)).doesNotContain("/fr/");
    assertThat(o.audioSwitches()).containsExactly("fr -> en");
    assertThat(log.events()).noneMatch(SessionEvent.StallStarted.class::isInstance);
  }

  @Test
  @Timeout(60)
  void a_language_the_presentation_lacks_plays_the_first_track_and_names_the_ones_it_has(
      @TempDir Path dir) throws Exception {
    SessionRecorder log = new SessionRecorder();
    PlayerSnapshot end = playToTheEnd(twoLanguages(dir), "de", log);
    assertThat(end.state()).isEqualTo(PlayerState.ENDED);
    assertThat(end.audioLanguage()).isEqualTo("en");
    assertThat(log.events())
        .filteredOn(SessionEvent.Notice.class::isInstance)
        .extracting(e -> ((SessionEvent.Notice) e).message())
        .contains("no audio track in 'de'; the presentation has [en, fr]; playing en");
  }

  @Test
  @Timeout(60)
  void a_language_asked_for_by_its_three_letter_code_plays_the_track_tagged_with_two_letters(
      @TempDir Path dir) throws Exception {
    SessionRecorder log = new SessionRecorder();
    PlayerSnapshot end = playToTheEnd(twoLanguages(dir), "fre", log);
    assertThat(end.state()).isEqualTo(PlayerState.ENDED);
    assertThat(end.audioLanguage()).isEqualTo("fr");
    assertThat(log.events())
        .filteredOn(SessionEvent.Notice.class::isInstance)
        .extracting(e -> ((SessionEvent.Notice) e).message())
        .noneMatch(m -> m.startsWith("no audio track"));
  }

  private static PlayerSnapshot playToTheEnd(
      Path presentation, String language, SessionRecorder log) throws Exception {
    try (LocalOrigin origin = LocalOrigin.builder(presentation).start();
        PlaybackEngine engine = open(origin, language, log)) {
      return engine.awaitEnd(30_000);
    }
  }

  /**
   * A headless, silent session on {@code origin}'s Manifest preferring audio in {@code language}.
   */
  private static PlaybackEngine open(LocalOrigin origin, String language, SessionRecorder log) {
    return PlaybackEngine.open(
        EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
            .headless()
            .silent()
            .withAudioLanguage(language)
            .withSink(log));
  }
}
