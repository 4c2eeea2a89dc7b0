package org.smoothplayer.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
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
      SnapshotCommand.class
    })
public final class Main implements Callable<Integer> {

  /** Exit code of a command line the user got wrong (picocli's convention). */
  static final int EXIT_USAGE = 2;

  /** Exit code of a feature this build does not provide yet. */
  static final int EXIT_NOT_AVAILABLE = 3;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "URL",
      description = "Manifest URL to play. Without it, the built-in sample is played.")
  String manifestUrl;

  @Option(
      names = "--headless",
      description = "Play without a window (for machines without a display).")
  boolean headless;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Builds the picocli command line with all subcommands registered. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "smooth-player: playback is not part of this build yet; available now: "
            + String.join(", ", spec.subcommands().keySet())
            + " (see --help)");
    return EXIT_NOT_AVAILABLE;
  }
}
