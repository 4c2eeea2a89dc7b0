package org.smoothplayer.app.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.net.HttpFetcher;
import org.smoothplayer.app.tools.FrameSnapshots;
import org.smoothplayer.app.tools.PresentationReadException;
import org.smoothplayer.app.tools.PresentationReader;
import org.smoothplayer.app.tools.Snapshot;
import org.smoothplayer.app.tools.SnapshotException;
import org.smoothplayer.assets.generate.GenerationException;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.generate.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code smooth-player snapshot [URL|DIR] --out DIR [--time S]}: writes the frame at time S of
 * every video level as {@code level-<index>-<w>x<h>.png}.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = {
      "Decodes the frame at a time of every video level and writes each as PNG"
          + " (level-<index>-<width>x<height>.png).",
      "Exit codes: 0 written, 1 error, 2 usage error."
    })
public final class SnapshotCommand implements Callable<Integer> {

  /** Every PNG was written. */
  public static final int EXIT_OK = 0;

  /** The presentation could not be read or a level could not be decoded. */
  public static final int EXIT_ERROR = 1;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "URL|DIR",
      description =
          "Manifest URL, manifest file or presentation folder (default: the built-in sample,"
              + " generated once and cached).")
  @Nullable String location;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write the PNG files into (created if missing).")
  Path outDir = Path.of(".");

  @Option(
      names = "--time",
      paramLabel = "S",
      description =
          "Time of the frame in seconds from the start of the video (default: 10.5, or the"
              + " middle of a shorter video).")
  @Nullable Double timeS;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (timeS != null && (!Double.isFinite(timeS) || timeS < 0 || timeS > Long.MAX_VALUE / 1e6)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--time must be a number of seconds >= 0, was " + timeS);
    }
    String source = location;
    if (source == null) {
      try {
        source =
            Presentations.cached(Preset.SAMPLE.spec(), ProgressListener.forConsole(System.err))
                .toString();
      } catch (GenerationException | UncheckedIOException e) {
        err.println("snapshot: cannot generate the built-in sample: " + e.getMessage());
        err.flush();
        return EXIT_ERROR;
      }
    }
    try (HttpFetcher fetcher = new HttpFetcher()) {
      PresentationReader reader = new PresentationReader(fetcher);
      Manifest manifest = reader.load(source);
      long timeUs =
          timeS == null ? FrameSnapshots.defaultTimeUs(manifest) : Math.round(timeS * 1e6);
      List<Snapshot> snapshots = FrameSnapshots.write(reader, manifest, timeUs, outDir);
      for (Snapshot s : snapshots) {
        out.println(
            String.format(
                Locale.ROOT,
                "%s: frame at %.3f s -> %s",
                s.level().label(),
                s.presentationTimeUs() / 1e6,
                s.png()));
      }
      out.flush();
      return EXIT_OK;
    } catch (PresentationReadException | SnapshotException e) {
      err.println("snapshot: " + e.getMessage());
      err.flush();
      return EXIT_ERROR;
    }
  }
}
