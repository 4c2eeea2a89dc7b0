package org.smoothplayer.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.io.IoErrors;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.net.HttpFetcher;
import org.smoothplayer.app.tools.PresentationReadException;
import org.smoothplayer.app.tools.PresentationReader;
import org.smoothplayer.app.tools.VideoLevel;
import org.smoothplayer.app.tools.VideoLevelSamples;
import org.smoothplayer.assets.generate.GenerationException;
import org.smoothplayer.assets.generate.LevelSpec;
import org.smoothplayer.assets.generate.ManifestStyle;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.ProgressListener;
import org.smoothplayer.decoder.bench.BenchLevel;
import org.smoothplayer.decoder.bench.DecodeBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code smooth-player bench <benchmark>}: runnable benchmarks (speed is measured here, never in
 * unit tests). {@code bench decode} compares the player's FFmpeg decoding with the FFmpeg
 * executable; its last line of output is {@code min ratio: X.XX}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Runnable benchmarks (see docs/BENCHMARKS.md).",
    subcommands = {BenchCommand.Decode.class, PlayBenchmark.class, SoakBenchmark.class})
public final class BenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "bench needs a benchmark name: decode, play, soak");
  }

  /**
   * Makes a benchmark's {@code --keep} folder before any content is prepared or measured, so a
   * folder that cannot be made is a usage error up front rather than a failure after minutes of
   * work.
   *
   * @throws CommandLine.ParameterException naming the folder and the cause
   */
  static void makeKeepFolder(CommandLine commandLine, Path keep) {
    try {
      Files.createDirectories(keep);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          commandLine, "--keep " + keep + ": cannot create it: " + IoErrors.describe(e));
    }
  }

  /** The content generated when no presentation is given: 720p and 1080p H.264 High, 30 fps. */
  static PresentationSpec generatedContent(int durationS) {
    return new PresentationSpec(
        "bench-decode",
        durationS * 1000L,
        2000,
        List.of(new LevelSpec(3_000_000, 1280, 720), new LevelSpec(6_000_000, 1920, 1080)),
        30,
        false,
        ManifestStyle.PLAIN,
        0);
  }

  /** {@code bench decode}: our decoder against the FFmpeg executable, as ratios. */
  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = {
        "Decoding speed (decode-only and decode+BGRA, 1 and auto threads) of the player's FFmpeg"
            + " decoder next to the ffmpeg executable on the same H.264 elementary stream, as"
            + " ratios; the last line is 'min ratio: X.XX'.",
        "Needs the system's libpulse.so.0 for the bundled ffmpeg executable.",
        "Exit codes: 0 measured, 1 failed, 2 usage error."
      })
  static final class Decode implements Callable<Integer> {

    /** Duration of the generated content, in seconds, by default. */
    static final int DEFAULT_DURATION_S = 12;

    /** Shortest and longest generated content, in seconds. */
    static final int MIN_DURATION_S = 2;

    static final int MAX_DURATION_S = 600;

    /** Picture heights measured by default: the 720p and 1080p levels. */
    static final List<Integer> DEFAULT_HEIGHTS_PX = List.of(720, 1080);

    @Option(
        names = "--presentation",
        paramLabel = "DIR|URL",
        description =
            "Presentation folder, manifest file or URL to take the 720p and 1080p video levels"
                + " from (default: generated 720p + 1080p content, cached).")
    @Nullable String presentation;

    @Option(
        names = "--all-levels",
        description = "Measure every video level, not only the 720p and 1080p ones.")
    boolean allLevels;

    @Option(
        names = "--repetitions",
        paramLabel = "N",
        description = "Timed repetitions per measurement, median reported (default: 5).")
    int repetitions = DecodeBenchmark.Options.DEFAULT_REPETITIONS;

    @Option(
        names = "--threads",
        paramLabel = "LIST",
        split = ",",
        description = "Decoder thread counts, 0 = auto (default: 1,0).")
    List<Integer> threads = new ArrayList<>(DecodeBenchmark.Options.DEFAULT_THREADS);

    @Option(
        names = "--metric",
        paramLabel = "cpu|wall",
        description = "Ratios the min ratio is taken over (default: cpu).")
    String metric = "cpu";

    @Option(
        names = "--duration-s",
        paramLabel = "S",
        description = "Duration of the generated content in seconds (default: 12).")
    @Nullable Integer durationS;

    @Option(
        names = "--ffmpeg",
        paramLabel = "PATH",
        description = "Reference ffmpeg executable (default: the one bundled with the natives).")
    @Nullable Path ffmpeg;

    @Option(
        names = "--keep",
        paramLabel = "DIR",
        description = "Keep the .h264 elementary streams in this folder.")
    @Nullable Path keep;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      DecodeBenchmark.Options options = options();
      if (presentation != null && durationS != null) {
        throw usage("--duration-s applies to the generated content only, not to --presentation");
      }
      int duration = durationS == null ? DEFAULT_DURATION_S : durationS;
      if (duration < MIN_DURATION_S || duration > MAX_DURATION_S) {
        throw usage(
            "--duration-s must be " + MIN_DURATION_S + ".." + MAX_DURATION_S + ", was " + duration);
      }
      if (keep != null) {
        makeKeepFolder(spec.commandLine(), keep);
      }
      String location = presentation;
      if (location == null) {
        // Generating the content takes minutes on a fresh machine: a reference that cannot run
        // (no libpulse for the bundled ffmpeg, a wrong --ffmpeg) is found out first.
        try {
          DecodeBenchmark.checkReference(options);
        } catch (IOException e) {
          err.println("decode benchmark failed: " + e.getMessage());
          err.flush();
          return DecodeBenchmark.EXIT_FAILED;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return DecodeBenchmark.EXIT_FAILED;
        }
        err.println("preparing content (generated once, then cached)...");
        err.flush();
        try {
          location =
              Presentations.cached(
                      generatedContent(duration), ProgressListener.forConsole(System.err))
                  .toString();
        } catch (GenerationException | UncheckedIOException e) {
          err.println("bench decode: cannot generate the content: " + e.getMessage());
          err.flush();
          return DecodeBenchmark.EXIT_FAILED;
        }
      }
      List<BenchLevel> levels = new ArrayList<>();
      try (HttpFetcher fetcher = new HttpFetcher()) {
        PresentationReader reader = new PresentationReader(fetcher);
        Manifest manifest = reader.load(location);
        for (VideoLevelSamples level :
            reader.readVideo(manifest, this::measured, 0, Long.MAX_VALUE)) {
          VideoLevel v = level.level();
          if (level.samples().isEmpty() || !level.samples().get(0).keyFrame()) {
            err.println(
                "bench decode: " + v.label() + " does not start with a key frame; left out");
            continue;
          }
          levels.add(new BenchLevel(v.bitrateBps(), v.config(), level.samples()));
        }
      } catch (PresentationReadException e) {
        err.println("bench decode: " + e.getMessage());
        err.flush();
        return DecodeBenchmark.EXIT_FAILED;
      }
      if (levels.isEmpty()) {
        err.println(
            "bench decode: no "
                + (allLevels ? "" : "720p or 1080p ")
                + "video level in "
                + location
                + (allLevels ? "" : " (--all-levels measures every level)"));
        err.flush();
        return DecodeBenchmark.EXIT_FAILED;
      }
      return DecodeBenchmark.run(location, levels, options, out, err);
    }

    private boolean measured(VideoLevel level) {
      return allLevels || DEFAULT_HEIGHTS_PX.contains(level.config().heightPx());
    }

    private DecodeBenchmark.Options options() {
      DecodeBenchmark.Metric chosen;
      try {
        chosen = DecodeBenchmark.Metric.valueOf(metric.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw usage("--metric must be cpu or wall, was '" + metric + "'");
      }
      try {
        return new DecodeBenchmark.Options(repetitions, threads, chosen, ffmpeg, keep);
      } catch (IllegalArgumentException e) {
        throw usage(
            e.getMessage().replace("repetitions", "--repetitions").replace("threads", "--threads"));
      }
    }

    private CommandLine.ParameterException usage(String message) {
      return new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }
}
