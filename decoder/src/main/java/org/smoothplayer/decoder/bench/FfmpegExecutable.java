package org.smoothplayer.decoder.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} executable bundled with the FFmpeg natives, run as a reference decoder. It
 * links libavdevice, which needs the system's {@code libpulse.so.0} (Debian: {@code libpulse0}).
 */
final class FfmpegExecutable {

  private static final Pattern BENCH =
      Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");
  private static final Pattern FRAMES = Pattern.compile("frame=\\s*(\\d+)");
  private static final Pattern MISSING_LIBRARY =
      Pattern.compile("(lib[\\w.+-]+\\.so[\\w.]*): cannot open shared object file");
  private static final long TIMEOUT_S = 600;

  private final String path;

  private FfmpegExecutable(String path) {
    this.path = path;
  }

  /**
   * Unpacks (once) and locates the bundled executable.
   *
   * @throws IOException when its libraries cannot be loaded (a system library is missing)
   */
  static FfmpegExecutable bundled() throws IOException {
    String found;
    try {
      found = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    } catch (UnsatisfiedLinkError e) {
      throw loadFailure(e);
    }
    if (found == null) {
      throw new IllegalStateException("the bundled ffmpeg executable was not found");
    }
    return new FfmpegExecutable(found);
  }

  /**
   * The bundled executable's libraries failed to load: names the missing system library (the
   * linker's message is buried in the causes) and what to do, instead of a stack trace.
   */
  static IOException loadFailure(UnsatisfiedLinkError e) {
    String missing = null;
    for (Throwable t = e; t != null && missing == null; t = t.getCause()) {
      Matcher m = MISSING_LIBRARY.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        missing = m.group(1);
      }
    }
    String what =
        missing == null
            ? "its libraries cannot be loaded (" + e.getMessage() + ")"
            : "it needs the system library " + missing + ", which is not installed";
    String install =
        missing == null
            ? ""
            : missing.startsWith("libpulse")
                ? "install it (Debian: apt-get install -y libpulse0), or "
                : "install it, or ";
    return new IOException(
        "the bundled ffmpeg executable cannot run: " + what + "; " + install + "pass --ffmpeg PATH",
        e);
  }

  /** An executable at an explicit path. */
  static FfmpegExecutable at(String path) {
    return new FfmpegExecutable(path);
  }

  /**
   * One decoding run's result.
   *
   * @param frames frames ffmpeg reports it output
   * @param realSeconds wall time ffmpeg measured itself ({@code -benchmark} rtime)
   * @param cpuSeconds CPU time of the ffmpeg process, all threads ({@code -benchmark} utime +
   *     stime)
   */
  record Run(long frames, double realSeconds, double cpuSeconds) {}

  /**
   * Decodes the elementary stream {@code h264} with {@code threads} decoder threads, discarding the
   * output, optionally converting every picture to BGRA first.
   */
  Run decode(Path h264, int threads, boolean bgra) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(path);
    command.addAll(
        List.of(
            "-hide_banner",
            "-nostdin",
            "-benchmark",
            "-threads",
            Integer.toString(threads),
            "-i",
            h264.toString(),
            "-an",
            "-fps_mode",
            "passthrough"));
    if (bgra) {
      command.addAll(List.of("-pix_fmt", "bgra"));
    }
    command.addAll(List.of("-f", "null", "-"));
    String output = run(command);
    Matcher bench = BENCH.matcher(output);
    if (!bench.find()) {
      throw new IOException("ffmpeg printed no -benchmark line:\n" + tail(output));
    }
    long frames = -1;
    Matcher counts = FRAMES.matcher(output);
    while (counts.find()) {
      frames = Long.parseLong(counts.group(1));
    }
    if (frames <= 0) {
      throw new IOException("ffmpeg printed no frame count:\n" + tail(output));
    }
    return new Run(
        frames,
        Double.parseDouble(bench.group(3)),
        Double.parseDouble(bench.group(1)) + Double.parseDouble(bench.group(2)));
  }

  /** {@code ffmpeg -version}'s first line. */
  String version() throws IOException, InterruptedException {
    String output = run(List.of(path, "-hide_banner", "-version"));
    int newline = output.indexOf('\n');
    return newline < 0 ? output.strip() : output.substring(0, newline).strip();
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
    byte[] bytes;
    try (InputStream in = process.getInputStream()) {
      bytes = in.readAllBytes();
    }
    if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("ffmpeg did not finish within " + TIMEOUT_S + " s");
    }
    String output = new String(bytes, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      String hint =
          output.contains("libpulse")
              ? " (the bundled ffmpeg needs libpulse.so.0: apt-get install -y libpulse0)"
              : "";
      throw new IOException(
          command.get(0)
              + " exited with "
              + process.exitValue()
              + hint
              + (output.isBlank() ? " without any output" : ":\n" + tail(output)));
    }
    return output;
  }

  private static String tail(String output) {
    return output.length() <= 2000 ? output : output.substring(output.length() - 2000);
  }
}
