package org.smoothplayer.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Entry point of the {@code smooth-player} command.
 *
 * <p>Without a subcommand it plays a manifest URL (or the built-in sample). The subcommands are the
 * tools around the player: content generation, the local origin, probing, simulation and
 * benchmarks.
 */
@Command(
    name = "smooth-player",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A desktop player for Microsoft Smooth Streaming presentations.",
    subcommands = {
      GenerateCommand.class,
      OriginCommand.class,
      ProbeCommand.class,
      SimulateCommand.class,
      BenchCommand.class,
      SnapshotCommand.class,
      ReportCommand.class
    })
public final class Main implements Callable<Integer> {

  /** Exit code of a command line the user got wrong (picocli's convention). */
  static final int EXIT_USAGE = 2;

  /** Exit code of a session that failed (unreadable manifest, no playable stream, ...). */
  static final int EXIT_FAILED = 1;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "URL",
      description =
          "Manifest URL to play (http or https), or a manifest file (file: URL) or presentation"
              + " folder on disk, served on loopback. Without it, the built-in sample is played.")
  String manifestUrl;

  @Option(
      names = "--headless",
      description =
          "Play without a window: the full pipeline runs, frames are decoded and timed but not"
              + " shown; a summary is printed at the end.")
  boolean headless;

  @Option(
      names = "--duration",
      paramLabel = "S",
      description = "Stop after S seconds of media have played (default: to the end).")
  @Nullable Double durationS;

  @Option(
      names = "--start",
      paramLabel = "S",
      description =
          "Start at S seconds (default: at the start; in the window, where the presentation was"
              + " left last time).")
  @Nullable Double startS;

  @Option(
      names = "--quality",
      paramLabel = "auto|INDEX|MAXBPS",
      description =
          "auto (default), a level index (0 = lowest) to force, or a maximum bitrate in bit/s.")
  String quality = "auto";

  @Option(
      names = "--audio-lang",
      paramLabel = "LANG",
      description =
          "Preferred audio language (e.g. en, fra, en-US; any spelling of the same language matches).")
  @Nullable String audioLanguage;

  @Option(
      names = "--captions",
      paramLabel = "LANG",
      description =
          "Show the captions in LANG (e.g. eng or en; any spelling of the language), 'on' for the first"
              + " caption track, or 'off' (the window otherwise starts with the captions it last"
              + " closed with). With --headless each caption is printed to stderr as it shows.")
  @Nullable String captions;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      description = "Write the session-quality log (JSON lines) to FILE instead of the log folder.")
  @Nullable Path logFile;

  @Option(
      names = "--log-dir",
      paramLabel = "DIR",
      description =
          "Folder of the per-session logs (default: $XDG_DATA_HOME/smooth-player/sessions, else"
              + " ~/.local/share/smooth-player/sessions); old logs are deleted by the"
              + " logging.keepSessions and logging.keepMb settings.")
  @Nullable Path logDir;

  @Option(names = "--no-log", description = "Write no session log.")
  boolean noLog;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file (JSON, dotted keys) to use instead of the stored settings"
              + " ($XDG_CONFIG_HOME/smooth-player/settings.json, else"
              + " ~/.config/smooth-player/settings.json); unknown or invalid keys are reported and"
              + " ignored.")
  @Nullable Path configFile;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description = "With --headless: also write the summary as JSON to FILE.")
  @Nullable Path summaryFile;

  @Option(
      names = "--no-audio-device",
      description = "Never open the sound device; the clock follows the system clock.")
  boolean noAudioDevice;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Builds the picocli command line with all subcommands registered. */
  public static CommandLine commandLine() {
    // Enum values as typed in any case (--style timed), like the lower-case presets and metrics.
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(Main::unexpected);
  }

  /**
   * What an exception no command expected becomes: one line on standard error naming the command,
   * the error and where it was thrown (enough for a bug report), and exit code 1, instead of
   * picocli's stack trace. Every error a command expects is reported by the command itself.
   */
  static int unexpected(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
    StackTraceElement[] trace = e.getStackTrace();
    String where =
        trace.length == 0
            ? ""
            : " at "
                + trace[0].getClassName()
                + "."
                + trace[0].getMethodName()
                + ":"
                + trace[0].getLineNumber();
    String message =
        e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage();
    String command =
        commandLine.getCommandName().equals("smooth-player")
            ? "smooth-player"
            : "smooth-player " + commandLine.getCommandName();
    commandLine
        .getErr()
        .println(
            command
                + ": internal error"
                + message
                + " ("
                + e.getClass().getSimpleName()
                + where
                + "); please report it");
    commandLine.getErr().flush();
    return EXIT_FAILED;
  }

  public static void main(String[] args) {
    System.exit(execute(commandLine(), args));
  }

  /**
   * Runs {@code commandLine} on {@code args}. A library or class that cannot be loaded on the main
   * thread (FFmpeg's natives for {@code snapshot} or {@code bench}: missing, or for another
   * platform) escapes picocli, which handles exceptions only; it becomes one line and exit 1
   * instead of the JVM's stack trace.
   */
  static int execute(CommandLine commandLine, String... args) {
    try {
      return commandLine.execute(args);
    } catch (LinkageError e) {
      commandLine
          .getErr()
          .println(
              "smooth-player: cannot load a part of the program ("
                  + e
                  + "); the installation is incomplete or made for another platform");
      commandLine.getErr().flush();
      return EXIT_FAILED;
    }
  }

  @Override
  public Integer call() {
    return new PlayCommand(this, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
  }
}
