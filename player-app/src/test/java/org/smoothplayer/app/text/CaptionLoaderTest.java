package org.smoothplayer.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.ManifestParser;
import org.smoothplayer.app.net.FetchException;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;

/**
 * The loader's fetch logic, stepped by hand on the generator's real caption fragments: a fake fetch
 * (the seam) serves the files, a fake clock times the retries.
 */
class CaptionLoaderTest {

  private static final URI BASE = URI.create("http://origin.test/p/Manifest");

  /** Tiny with captions: 4 fragments of 1 s, a cue from +0.1 s to +0.9 s in each. */
  static final PresentationSpec SPEC = Preset.TINY.spec().withCaptions(true);

  static Path dir;
  static Manifest manifest;

  private final AtomicLong positionUs = new AtomicLong();
  private final AtomicLong nowNs = new AtomicLong(1_000_000_000L);
  private final List<String> requested = new ArrayList<>();
  private final List<String> notices = new ArrayList<>();
  // Per fragment start (ticks): the failures to give before the file (status, 0 = I/O error).
  private final Map<Long, List<Integer>> failuresToGive = new HashMap<>();

  @BeforeAll
  static void generate() throws Exception {
    dir = Presentations.cached(SPEC);
    manifest = new ManifestParser().parse(Files.readAllBytes(dir.resolve("Manifest")), BASE);
  }

  private CaptionLoader loader() {
    return new CaptionLoader(
        uri -> {
          String path = uri.getPath().substring("/p/".length());
          requested.add(path);
          long ticks = Long.parseLong(path.substring(path.indexOf('=') + 1, path.lastIndexOf(')')));
          List<Integer> fail = failuresToGive.getOrDefault(ticks, List.of());
          if (!fail.isEmpty()) {
            int status = fail.get(0);
            failuresToGive.put(ticks, fail.subList(1, fail.size()));
            throw status == 0
                ? new FetchException(FetchException.Kind.IO, uri, 0, "connection reset", null)
                : new FetchException(
                    FetchException.Kind.HTTP_STATUS, uri, status, "HTTP " + status, null);
          }
          try {
            return Files.readAllBytes(dir.resolve(path));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        null,
        positionUs::get,
        notices::add,
        nowNs::get,
        false);
  }

  /** Steps until nothing is due; returns how many fragments were fetched. */
  private static int drain(CaptionLoader loader) {
    int fetched = 0;
    while (loader.step()) {
      fetched++;
    }
    return fetched;
  }

  @Test
  void nothing_is_fetched_while_captions_are_off_and_the_chosen_track_is_fetched_nearest_first() {
    CaptionLoader loader = loader();
    loader.update(manifest);
    assertThat(drain(loader)).isZero();
    assertThat(requested).isEmpty();
    assertThat(loader.linesAt(500_000)).isEmpty();

    positionUs.set(2_300_000);
    loader.select("textstream_eng");
    assertThat(drain(loader)).isEqualTo(2);

    assertThat(requested)
        .containsExactly(
            "QualityLevels(1000)/Fragments(textstream_eng=20000000)",
            "QualityLevels(1000)/Fragments(textstream_eng=30000000)");
    assertThat(loader.linesAt(2_500_000)).containsExactly("Caption 2", "0:02.0 to 0:03.0");
    assertThat(loader.linesAt(2_950_000)).as("between cues").isEmpty();
    loader.close();
  }

  @Test
  void a_seek_back_fetches_the_fragments_behind_and_turning_captions_off_hides_them() {
    CaptionLoader loader = loader();
    loader.update(manifest);
    loader.select("textstream_eng");
    positionUs.set(3_000_000);
    drain(loader);
    positionUs.set(200_000);
    drain(loader);

    assertThat(requested).hasSize(4);
    assertThat(loader.linesAt(500_000)).containsExactly("Caption 0", "0:00.0 to 0:01.0");
    loader.select(null);
    assertThat(loader.linesAt(500_000)).isEmpty();
    loader.close();
  }

  @Test
  void a_fragment_given_up_during_an_outage_is_tried_again_once_a_later_fragment_loads() {
    // Fragment 0 fails all three attempts (the origin is out); fragment 3 fails twice and then
    // loads, after fragment 0 was given up.
    failuresToGive.put(0L, List.of(0, 0, 0));
    failuresToGive.put(30_000_000L, List.of(0, 0));
    CaptionLoader loader = loader();
    loader.update(manifest);
    loader.selectLanguage("eng");

    drain(loader);
    nowNs.addAndGet(CaptionLoader.RETRY_WAIT_MS * 1_000_000L);
    drain(loader);
    assertThat(loader.linesAt(500_000)).isEmpty();
    nowNs.addAndGet(2 * CaptionLoader.RETRY_WAIT_MS * 1_000_000L);
    drain(loader);

    assertThat(notices)
        .singleElement()
        .satisfies(
            n ->
                assertThat(n)
                    .startsWith("captions (English (captions)): the fragment at 0:00 is skipped:")
                    .contains("connection reset"));
    assertThat(loader.linesAt(3_500_000)).startsWith("Caption 3");
    assertThat(loader.linesAt(500_000)).containsExactly("Caption 0", "0:00.0 to 0:01.0");
    assertThat(requested).filteredOn(p -> p.endsWith("=0)")).hasSize(4);
    loader.close();
  }

  @Test
  void
      a_transient_failure_is_retried_after_a_wait_and_a_refusal_is_given_up_at_once_with_a_notice() {
    failuresToGive.put(0L, List.of(0, 503));
    failuresToGive.put(10_000_000L, List.of(404));
    CaptionLoader loader = loader();
    loader.update(manifest);
    loader.selectLanguage("eng");

    drain(loader);
    assertThat(requested)
        .as("fragment 0 failed once and waits; 1 was refused; 2 and 3 loaded")
        .hasSize(4);
    assertThat(notices)
        .singleElement()
        .satisfies(
            n ->
                assertThat(n)
                    .startsWith("captions (English (captions)): the fragment at 0:01 is skipped:")
                    .contains("404"));

    nowNs.addAndGet(CaptionLoader.RETRY_WAIT_MS * 1_000_000L);
    drain(loader);
    assertThat(loader.linesAt(500_000)).as("503 on the second attempt").isEmpty();
    nowNs.addAndGet(2 * CaptionLoader.RETRY_WAIT_MS * 1_000_000L);
    drain(loader);

    assertThat(loader.linesAt(500_000)).containsExactly("Caption 0", "0:00.0 to 0:01.0");
    assertThat(loader.linesAt(1_500_000)).isEmpty();
    assertThat(requested)
        .filteredOn(p -> p.endsWith("=10000000)"))
        .as("a 404 is not asked again")
        .hasSize(1);
    assertThat(notices).hasSize(1);
    loader.close();
  }

  @Test
  void a_language_asked_for_in_another_spelling_chooses_the_track_and_another_language_none() {
    CaptionLoader loader = loader();
    loader.update(manifest);
    loader.selectLanguage("de");
    assertThat(loader.selected()).isEmpty();
    loader.selectLanguage("en-GB");
    assertThat(loader.selected()).map(CaptionTrack::id).contains("textstream_eng");
    loader.close();
  }

  @Test
  void the_tracks_of_a_manifest_are_its_ttml_text_streams_labelled_by_language_and_kind() {
    assertThat(CaptionLoader.tracksOf(manifest))
        .containsExactly(new CaptionTrack("textstream_eng", "English (captions)", "eng", "CAPT"));
  }
}
