package org.smoothplayer.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.text.Captions;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;

/** Captions of a live broadcast: the text stream's new fragments come with each refresh. */
class LiveCaptionsTest {

  @Test
  @Timeout(60)
  void a_live_session_shows_the_captions_of_the_fragments_published_while_it_plays(
      @TempDir Path dir) throws Exception {
    Path tinyCaptions = Presentations.cached(Preset.TINY.spec().withCaptions(true));
    try (LiveSession live =
        LiveSession.openEndless(tinyCaptions, dir, 3, 1, Map.of(), UnaryOperator.identity())) {
      live.engine().captions().selectLanguage(Captions.ANY_LANGUAGE);
      live.playing(0);
      long fromUs = live.engine().snapshot().positionUs();
      List<String> seen = new ArrayList<>();
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (System.nanoTime() < deadline) {
        PlayerSnapshot s = live.engine().snapshot();
        List<String> lines = live.engine().captions().linesAt(s.positionUs());
        if (!lines.isEmpty() && !seen.contains(lines.get(0))) {
          seen.add(lines.get(0));
        }
        if (s.positionUs() >= fromUs + 6_000_000) {
          break;
        }
        Thread.sleep(5);
      }

      // 1-s fragments over a 4-s loop: six seconds show every caption of the loop.
      assertThat(seen).contains("Caption 0", "Caption 1", "Caption 2", "Caption 3");
      assertThat(live.engine().snapshot().state()).isEqualTo(PlayerState.PLAYING);
    }
    assertThat(Files.readAllLines(dir.resolve("requests.jsonl")))
        .anyMatch(l -> l.contains("Fragments(textstream_eng="));
  }
}
