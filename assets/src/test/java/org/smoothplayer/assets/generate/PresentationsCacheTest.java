package org.smoothplayer.assets.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresentationsCacheTest {
  private static final PresentationSpec SPEC =
      new PresentationSpec(
          "cache-test",
          800,
          400,
          List.of(new LevelSpec(100_000, 64, 36)),
          25,
          true,
          ManifestStyle.TIMED,
          400);

  @TempDir Path root;

  /** Counts progress reports: a listener is only called when its caller really encodes. */
  private static final class Counting implements ProgressListener {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void progress(String stage, double fraction) {
      calls.incrementAndGet();
    }
  }

  @Test
  void the_second_call_returns_the_same_complete_folder_without_encoding_again() {
    Counting first = new Counting();
    Path dir = Presentations.cachedIn(root, SPEC, first);
    assertThat(first.calls).hasPositiveValue();
    assertThat(dir)
        .isEqualTo(root.resolve("presentations").resolve(SPEC.cacheKey()).toAbsolutePath());
    assertThat(dir.resolve("Manifest")).isRegularFile();
    assertThat(dir.resolve(PresentationInfo.FILE_NAME)).isRegularFile();
    assertThat(dir.resolve(Presentations.COMPLETE_MARKER)).isRegularFile();

    Counting second = new Counting();
    assertThat(Presentations.cachedIn(root, SPEC, second)).isEqualTo(dir);
    assertThat(second.calls).hasValue(0);
  }

  @Test
  void concurrent_calls_generate_once_and_all_get_the_same_folder() throws Exception {
    int callers = 3;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Counting> listeners = new ArrayList<>();
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        Counting listener = new Counting();
        listeners.add(listener);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return Presentations.cachedIn(root, SPEC, listener);
                }));
      }
      start.countDown();
      List<Path> dirs = new ArrayList<>();
      for (Future<Path> result : results) {
        dirs.add(result.get(120, TimeUnit.SECONDS));
      }
      assertThat(dirs).containsOnly(dirs.get(0));
      assertThat(listeners.stream().filter(l -> l.calls.get() > 0)).hasSize(1);
      try (var list = Files.list(dirs.get(0).getParent())) {
        assertThat(list.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder(SPEC.cacheKey(), SPEC.cacheKey() + ".lock");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_folder_without_the_completion_marker_is_not_trusted_and_is_regenerated() throws Exception {
    Path dir = root.resolve("presentations").resolve(SPEC.cacheKey());
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("Manifest"), "half written");
    Files.createDirectories(root.resolve("presentations").resolve(SPEC.cacheKey() + ".tmp-123"));

    Counting listener = new Counting();
    Path result = Presentations.cachedIn(root, SPEC, listener);
    assertThat(listener.calls).hasPositiveValue();
    assertThat(Files.readString(result.resolve("Manifest"))).startsWith("<?xml");
    assertThat(result.resolve(Presentations.COMPLETE_MARKER)).isRegularFile();
    assertThat(root.resolve("presentations").resolve(SPEC.cacheKey() + ".tmp-123")).doesNotExist();
  }

  @Test
  void generate_replaces_a_previous_presentation_but_refuses_foreign_files() throws Exception {
    Path out = root.resolve("out");
    Presentations.generate(SPEC, out, ProgressListener.none());
    Presentations.generate(SPEC, out, ProgressListener.none());
    assertThat(PresentationInfo.read(out).spec()).isEqualTo(SPEC);

    Files.writeString(out.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> Presentations.generate(SPEC, out, ProgressListener.none()))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("notes.txt");
    assertThat(out.resolve("notes.txt")).exists();
    assertThat(out.resolve("Manifest")).exists();
  }

  @Test
  void the_printing_listener_keeps_one_updating_line() {
    var bytes = new java.io.ByteArrayOutputStream();
    ProgressListener printing =
        ProgressListener.printingTo(
            new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    printing.progress("encoding sample: video 1080p 5000k", 0.42);
    printing.progress("encoding sample: video 1080p 5000k", 0.421);
    printing.progress("encoding sample: audio", 0.9);
    printing.progress("encoded sample", 1.0);
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "\rencoding sample: video 1080p 5000k 42%"
                + "\rencoding sample: audio 90%"
                + " ".repeat(12)
                + "\rencoded sample 100%"
                + " ".repeat(7)
                + System.lineSeparator());
  }

  @Test
  void the_line_listener_writes_a_line_per_stage_and_per_tenth_for_logs() {
    var bytes = new java.io.ByteArrayOutputStream();
    ProgressListener lines =
        ProgressListener.printingLinesTo(
            new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    lines.progress("encoding sample", 0);
    lines.progress("encoding sample: video 240p 400k", 0.01);
    lines.progress("encoding sample: video 240p 400k", 0.05);
    lines.progress("encoding sample: video 240p 400k", 0.12);
    lines.progress("encoding sample: video 240p 400k", 0.19);
    lines.progress("encoding sample: video 360p 800k", 0.195);
    lines.progress("encoding sample: video 360p 800k", 0.35);
    lines.progress("encoded sample", 1.0);
    String n = System.lineSeparator();
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("\r")
        .isEqualTo(
            "encoding sample 0%"
                + n
                + "encoding sample: video 240p 400k 1%"
                + n
                + "encoding sample: video 240p 400k 12%"
                + n
                + "encoding sample: video 360p 800k 19%"
                + n
                + "encoding sample: video 360p 800k 35%"
                + n
                + "encoded sample 100%"
                + n);
  }
}
