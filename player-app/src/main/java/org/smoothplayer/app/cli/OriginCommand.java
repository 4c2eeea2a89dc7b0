package org.smoothplayer.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.smoothplayer.app.io.IoErrors;
import org.smoothplayer.app.manifest.ManifestLoader;
import org.smoothplayer.assets.generate.PresentationInfo;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.generate.ProgressListener;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.LinkTrace;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveContentException;
import org.smoothplayer.assets.origin.live.LiveOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code smooth-player origin}: serves a presentation folder over HTTP on 127.0.0.1 until stopped,
 * optionally through a shaped link and with injected faults, so any player can be pointed at it.
 */
@Command(
    name = "origin",
    mixinStandardHelpOptions = true,
    description =
        "Serve a presentation folder on 127.0.0.1 (link shaping, faults, request log, live mode).")
final class OriginCommand implements Callable<Integer> {

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Folder holding the Manifest (default: the built-in sample, generated once).")
  Path root;

  @Option(names = "--port", paramLabel = "P", description = "Port (default: any free port).")
  int port;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description = "Bandwidth trace, 'seconds Mbps' per line, looped; one link for all clients.")
  Path trace;

  @Option(
      names = "--latency-ms",
      paramLabel = "N",
      description = "Added latency before the first byte of every response, in milliseconds.")
  long latencyMs;

  @Option(names = "--log", paramLabel = "FILE", description = "Request log (JSON lines).")
  Path log;

  @Option(
      names = "--fault",
      paramLabel = "RULE",
      description =
          "PATTERN=KIND[@N]: KIND is 404, 429, 500, 503, reset, truncate, stall:SECONDS or slow:MS;"
              + " @N limits it to the first N matching requests. Repeatable.")
  List<String> faults = new ArrayList<>();

  @Option(
      names = "--live",
      description =
          "Broadcast the (generated) presentation live: fragments are published over time and the"
              + " Manifest slides with a DVR window.")
  boolean live;

  @Option(
      names = "--window",
      paramLabel = "S",
      description = "Live: DVR window in seconds, 0 = infinite (default: 60).")
  Double windowS;

  @Option(
      names = "--lookahead",
      paramLabel = "N",
      description = "Live: following fragments announced in each tfrf box, 0..255 (default: 2).")
  Integer lookaheadCount;

  @Option(
      names = "--start-offset",
      paramLabel = "S",
      description = "Live: seconds of media already published at start (default: 10).")
  Double startOffsetS;

  @Option(
      names = "--timestamp-offset",
      paramLabel = "S",
      description = "Live: seconds added to every timestamp (default: 3600).")
  Double timestampOffsetS;

  @Option(
      names = "--endless",
      description = "Live: loop the presentation forever instead of ending after one pass.")
  boolean endless;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path servedRoot =
        root != null
            ? root
            : Presentations.cached(Preset.SAMPLE.spec(), ProgressListener.forConsole(System.err));
    if (!Files.isDirectory(servedRoot)) {
      err.println("smooth-player origin: --root " + servedRoot + " is not a folder");
      return Main.EXIT_USAGE;
    }
    LocalOrigin.Builder builder = LocalOrigin.builder(servedRoot);
    try {
      builder.port(port).latencyMs(latencyMs);
      if (live) {
        if (!Files.isRegularFile(servedRoot.resolve(PresentationInfo.FILE_NAME))) {
          err.println(
              "smooth-player origin: --live needs a generated presentation: no "
                  + PresentationInfo.FILE_NAME
                  + " in "
                  + servedRoot);
          return Main.EXIT_USAGE;
        }
        builder.live(liveOptions());
      } else if (windowS != null
          || lookaheadCount != null
          || startOffsetS != null
          || timestampOffsetS != null
          || endless) {
        err.println(
            "smooth-player origin: --window, --lookahead, --start-offset, --timestamp-offset and"
                + " --endless need --live");
        return Main.EXIT_USAGE;
      }
      if (trace != null) {
        try {
          builder.linkTrace(LinkTrace.parse(trace));
        } catch (IOException e) {
          err.println("smooth-player origin: --trace " + trace + ": " + IoErrors.describe(e));
          return Main.EXIT_USAGE;
        }
      }
      for (String rule : faults) {
        builder.fault(FaultRule.parse(rule));
      }
    } catch (IllegalArgumentException e) {
      err.println("smooth-player origin: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    if (log != null) {
      builder.requestLog(log);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    LocalOrigin origin;
    try {
      origin = builder.start();
    } catch (LiveContentException e) {
      err.println("smooth-player origin: --live: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (BindException e) {
      err.println(
          "smooth-player origin: cannot listen on port "
              + port
              + ": "
              + IoErrors.describe(e)
              + "; choose another with --port, or 0 for any free one");
      return Main.EXIT_FAILED;
    } catch (IOException e) {
      err.println("smooth-player origin: cannot start: " + IoErrors.describe(e));
      return Main.EXIT_FAILED;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  origin.close();
                  stopped.countDown();
                },
                "origin-shutdown"));
    out.println(origin.describe());
    out.println("manifest: " + origin.baseUri().resolve("Manifest"));
    out.println("serving until stopped (Ctrl+C)");
    out.flush();
    if (!live && !Files.isRegularFile(servedRoot.resolve(ManifestLoader.FOLDER_MANIFEST))) {
      // Any file is served, so this is no error; but a mistyped --root is the likely cause.
      err.println(
          "smooth-player origin: no file named "
              + ManifestLoader.FOLDER_MANIFEST
              + " in "
              + servedRoot
              + ": /"
              + ManifestLoader.FOLDER_MANIFEST
              + " answers 404 (is --root the presentation folder?)");
      err.flush();
    }
    stopped.await();
    return 0;
  }

  private LiveOptions liveOptions() {
    LiveOptions options = LiveOptions.defaults().withEndless(endless);
    if (windowS != null) {
      options = options.withDvrWindowS(windowS);
    }
    if (lookaheadCount != null) {
      options = options.withLookaheadCount(lookaheadCount);
    }
    if (startOffsetS != null) {
      options = options.withStartOffsetS(startOffsetS);
    }
    if (timestampOffsetS != null) {
      options = options.withTimestampOffsetS(timestampOffsetS);
    }
    return options;
  }
}
