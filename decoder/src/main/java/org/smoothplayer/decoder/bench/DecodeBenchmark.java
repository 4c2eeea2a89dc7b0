package org.smoothplayer.decoder.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.decoder.codec.VideoCodecConfig;
import org.smoothplayer.decoder.ffmpeg.FfmpegVideoDecoder;
import org.smoothplayer.decoder.ffmpeg.NalUnits;
import org.smoothplayer.decoder.fragment.EncodedSample;
import org.smoothplayer.decoder.video.VideoDecodeError;
import org.smoothplayer.decoder.video.VideoDecoderOptions;
import org.smoothplayer.decoder.video.VideoFrame;
import org.smoothplayer.decoder.video.VideoFrameSink;

/**
 * Decode benchmark: frames per second of {@link FfmpegVideoDecoder}, decode-only and decode+BGRA,
 * next to the FFmpeg executable decoding the same elementary stream with the same thread count in
 * the same run; prints a markdown table and, as the last line, {@code min ratio: X.XX} (the lowest
 * ours/ffmpeg ratio).
 *
 * <p>The caller supplies the content as ready {@link BenchLevel}s (codec configuration plus every
 * sample in decode order): the application reads them from a presentation with its manifest and
 * fragment readers ({@code ./smooth-player bench decode}); this module parses no manifest.
 */
public final class DecodeBenchmark {

  /** Exit status: every measurement ran. */
  public static final int EXIT_OK = 0;

  /** Exit status: the benchmark could not run or a measurement failed. */
  public static final int EXIT_FAILED = 1;

  private DecodeBenchmark() {}

  /** Which time the summary ratio is computed from. */
  public enum Metric {
    /** Elapsed time: frames per second as a viewer sees them. */
    WALL,
    /** CPU time of all threads: the work spent per frame, robust to other load on the machine. */
    CPU
  }

  /**
   * Knobs of one benchmark run.
   *
   * @param repetitions timed repetitions per measurement (the median is reported), 1..100
   * @param threads decoder thread counts to measure, each 0 (auto) .. 64, at least one
   * @param metric which ratios {@code min ratio} is taken over
   * @param ffmpegExecutable the reference executable, or null for the one bundled with the FFmpeg
   *     natives
   * @param keepDir folder to write (and keep) the elementary streams in, or null for a temporary
   *     folder deleted afterwards
   */
  public record Options(
      int repetitions,
      List<Integer> threads,
      Metric metric,
      @Nullable Path ffmpegExecutable,
      @Nullable Path keepDir) {

    /** Repetitions per measurement, by default. */
    public static final int DEFAULT_REPETITIONS = 5;

    /** Largest accepted repetition count. */
    public static final int MAX_REPETITIONS = 100;

    /** Thread counts measured by default: one thread, then automatic. */
    public static final List<Integer> DEFAULT_THREADS = List.of(1, 0);

    /** The summary metric by default (see docs/BENCHMARKS.md for why CPU time). */
    public static final Metric DEFAULT_METRIC = Metric.CPU;

    /** Largest accepted thread count (as {@link VideoDecoderOptions}). */
    public static final int MAX_THREADS = 64;

    public Options {
      if (repetitions < 1 || repetitions > MAX_REPETITIONS) {
        throw new IllegalArgumentException(
            "repetitions must be 1.." + MAX_REPETITIONS + ", was " + repetitions);
      }
      threads = List.copyOf(threads);
      if (threads.isEmpty()) {
        throw new IllegalArgumentException("threads must name at least one thread count");
      }
      for (int t : threads) {
        if (t < 0 || t > MAX_THREADS) {
          throw new IllegalArgumentException(
              "threads must be 0 (auto) .. " + MAX_THREADS + ", was " + t);
        }
      }
    }

    /** Five repetitions, 1 and auto threads, CPU metric, bundled ffmpeg, temporary folder. */
    public static Options defaults() {
      return new Options(DEFAULT_REPETITIONS, DEFAULT_THREADS, DEFAULT_METRIC, null, null);
    }
  }

  /**
   * Runs the benchmark over {@code levels} and prints the report to {@code out} (its last line is
   * {@code min ratio: X.XX}); problems go to {@code err}.
   *
   * @param content what the levels come from (printed in the report header)
   * @return {@link #EXIT_OK} when every measurement ran, {@link #EXIT_FAILED} otherwise
   */
  public static int run(
      String content, List<BenchLevel> levels, Options options, PrintWriter out, PrintWriter err) {
    if (levels.isEmpty()) {
      err.println("decode benchmark failed: no video level to measure in " + content);
      err.flush();
      return EXIT_FAILED;
    }
    @Nullable Path work = null;
    try {
      work =
          options.keepDir() != null ? options.keepDir() : Files.createTempDirectory("decode-bench");
      Files.createDirectories(work);
      measure(content, levels, options, work, out);
      return EXIT_OK;
    } catch (IOException | RuntimeException e) {
      err.println("decode benchmark failed: " + e.getMessage());
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("decode benchmark interrupted");
      return EXIT_FAILED;
    } finally {
      out.flush();
      err.flush();
      if (work != null && options.keepDir() == null) {
        deleteQuietly(work);
      }
    }
  }

  /**
   * Runs the reference executable {@code options} name (its version), so that a missing one fails
   * before minutes of content preparation.
   *
   * @return its version line
   * @throws IOException when it cannot be loaded or run, naming what is missing
   */
  public static String checkReference(Options options) throws IOException, InterruptedException {
    return reference(options).version();
  }

  private static FfmpegExecutable reference(Options options) throws IOException {
    return options.ffmpegExecutable() != null
        ? FfmpegExecutable.at(options.ffmpegExecutable().toString())
        : FfmpegExecutable.bundled();
  }

  private static void measure(
      String content, List<BenchLevel> levels, Options options, Path work, PrintWriter out)
      throws IOException, InterruptedException {
    FfmpegExecutable ffmpeg = reference(options);
    String reference = ffmpeg.version();
    out.println("# Decode benchmark");
    out.println();
    out.println("- content: " + content);
    out.println("- reference: " + reference);
    out.println(
        "- machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + System.getProperty("java.version")
            + ", load average "
            + loadAverage()
            + " at start");
    out.println(
        "- method: "
            + options.repetitions()
            + " timed repetitions after warm-up, ours and ffmpeg interleaved; median"
            + " frames/s; ffmpeg times = its own -benchmark rtime (wall) and utime+stime (CPU);"
            + " ours = System.nanoTime (wall) and the JVM's process CPU time, decoder open to"
            + " close");
    out.println();
    out.println(
        "| level | threads | mode | frames | ours fps | ffmpeg fps | ratio (wall) |"
            + " ours fps/CPU-s | ffmpeg fps/CPU-s | ratio (CPU) |");
    out.println("|---|---|---|---|---|---|---|---|---|---|");
    out.flush();
    double minRatio = Double.MAX_VALUE;
    int n = 0;
    for (BenchLevel level : levels) {
      Path h264 =
          work.resolve(
              "level"
                  + n++
                  + "-"
                  + level.config().heightPx()
                  + "p-"
                  + level.bitrateBps()
                  + ".h264");
      writeElementaryStream(level, h264);
      for (int threads : options.threads()) {
        for (boolean bgra : new boolean[] {false, true}) {
          Row row = measureOne(level, h264, threads, bgra, options.repetitions(), ffmpeg);
          double ratio = options.metric() == Metric.CPU ? row.cpuRatio() : row.wallRatio();
          minRatio = Math.min(minRatio, ratio);
          out.println(
              String.format(
                  Locale.ROOT,
                  "| %s %d kbps | %s | %s | %d | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f |",
                  level.label(),
                  level.bitrateBps() / 1000,
                  threads == 0 ? "auto" : Integer.toString(threads),
                  bgra ? "decode+BGRA" : "decode-only",
                  row.frames,
                  row.ours.wallFps,
                  row.ffmpeg.wallFps,
                  row.wallRatio(),
                  row.ours.cpuFps,
                  row.ffmpeg.cpuFps,
                  row.cpuRatio()));
          out.flush();
        }
      }
    }
    out.println();
    out.println("load average " + loadAverage() + " at end");
    out.println(
        "ratio = ours / ffmpeg; min ratio is over the "
            + (options.metric() == Metric.CPU ? "CPU" : "wall")
            + " ratios (--metric wall|cpu)");
    out.println(String.format(Locale.ROOT, "min ratio: %.2f", minRatio));
  }

  /** Median frames per wall second and per CPU second of one decoder. */
  private record Speed(double wallFps, double cpuFps) {}

  private record Row(long frames, Speed ours, Speed ffmpeg) {
    double wallRatio() {
      return ours.wallFps / ffmpeg.wallFps;
    }

    double cpuRatio() {
      return ours.cpuFps / ffmpeg.cpuFps;
    }
  }

  private static Row measureOne(
      BenchLevel level,
      Path h264,
      int threads,
      boolean bgra,
      int repetitions,
      FfmpegExecutable ffmpeg)
      throws IOException, InterruptedException {
    // Warm-up: twice for ours, so the JIT's compile time stays out of the timed runs.
    decodeOurs(level, threads, bgra);
    decodeOurs(level, threads, bgra);
    ffmpeg.decode(h264, threads, bgra);
    double[] oursWall = new double[repetitions];
    double[] oursCpu = new double[repetitions];
    double[] theirsWall = new double[repetitions];
    double[] theirsCpu = new double[repetitions];
    long frames = level.samples().size();
    for (int i = 0; i < repetitions; i++) {
      double[] ours = decodeOurs(level, threads, bgra);
      oursWall[i] = frames / ours[0];
      oursCpu[i] = frames / ours[1];
      FfmpegExecutable.Run run = ffmpeg.decode(h264, threads, bgra);
      if (run.frames() != frames) {
        throw new IOException(
            "ffmpeg output " + run.frames() + " frames of " + h264 + ", expected " + frames);
      }
      theirsWall[i] = frames / run.realSeconds();
      theirsCpu[i] = frames / run.cpuSeconds();
    }
    return new Row(
        frames,
        new Speed(median(oursWall), median(oursCpu)),
        new Speed(median(theirsWall), median(theirsCpu)));
  }

  /**
   * Decodes every sample of the level once, open to close.
   *
   * @return {wall seconds, CPU seconds of the whole process}
   */
  static double[] decodeOurs(BenchLevel level, int threads, boolean bgra) {
    CountingSink sink = new CountingSink();
    long startCpuNs = processCpuNs();
    long startNs = System.nanoTime();
    try (FfmpegVideoDecoder decoder =
        new FfmpegVideoDecoder(new VideoDecoderOptions(threads, 0, 0, bgra), sink)) {
      decoder.configure(level.config());
      for (EncodedSample sample : level.samples()) {
        decoder.decode(sample);
      }
      decoder.drain();
    }
    long elapsedNs = System.nanoTime() - startNs;
    long cpuNs = processCpuNs() - startCpuNs;
    if (sink.errors > 0 || sink.frames != level.samples().size()) {
      throw new IllegalStateException(
          "decoded "
              + sink.frames
              + " of "
              + level.samples().size()
              + " frames of "
              + level.label()
              + " with "
              + sink.errors
              + " errors");
    }
    return new double[] {elapsedNs / 1e9, Math.max(1, cpuNs) / 1e9};
  }

  /** The system's one-minute load average, or {@code n/a} where the JVM cannot tell. */
  private static String loadAverage() {
    double load =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", load);
  }

  private static long processCpuNs() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    throw new IllegalStateException("this JVM does not report process CPU time");
  }

  /** Writes the level as an Annex-B elementary stream: parameter sets, then every sample. */
  static void writeElementaryStream(BenchLevel level, Path h264) throws IOException {
    VideoCodecConfig config = level.config();
    try (OutputStream file = Files.newOutputStream(h264)) {
      file.write(config.parameterSetsAnnexB());
      for (EncodedSample sample : level.samples()) {
        ByteBuffer data = sample.data();
        NalUnits.Summary summary =
            NalUnits.walkLengthPrefixed(data, config.nalLengthSizeBytes(), config.codec());
        ByteBuffer annexB = ByteBuffer.allocate(summary.annexBSizeBytes());
        NalUnits.writeAnnexB(data, config.nalLengthSizeBytes(), annexB);
        file.write(annexB.array(), 0, annexB.position());
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths
          .sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException ignored) {
                  // Best effort: a temp file left behind is harmless.
                }
              });
    } catch (IOException ignored) {
      // Best effort.
    }
  }

  /** Counts frames and errors, closing every frame at once so its buffer is reused. */
  private static final class CountingSink implements VideoFrameSink {
    long frames;
    long errors;

    @Override
    public void onFrame(VideoFrame frame) {
      frames++;
      frame.close();
    }

    @Override
    public void onError(VideoDecodeError error) {
      errors++;
    }
  }
}
