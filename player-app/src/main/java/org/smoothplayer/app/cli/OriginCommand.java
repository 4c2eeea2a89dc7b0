package org.smoothplayer.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.generate.ProgressListener;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.LinkTrace;
import org.smoothplayer.assets.origin.LocalOrigin;
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
    description = "Serve a presentation folder on 127.0.0.1 (link shaping, faults, request log).")
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
          "PATTERN=KIND[@N]: KIND is 404, 500, 503, reset, truncate, stall:SECONDS or slow:MS;"
              + " @N limits it to the first N matching requests. Repeatable.")
  List<String> faults = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path servedRoot =
        root != null
            ? root
            : Presentations.cached(Preset.SAMPLE.spec(), ProgressListener.printingTo(System.err));
    if (!Files.isDirectory(servedRoot)) {
      err.println("smooth-player origin: --root " + servedRoot + " is not a folder");
      return Main.EXIT_USAGE;
    }
    LocalOrigin.Builder builder = LocalOrigin.builder(servedRoot).port(port).latencyMs(latencyMs);
    try {
      if (trace != null) {
        builder.linkTrace(LinkTrace.parse(trace));
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
    LocalOrigin origin = builder.start();
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
    stopped.await();
    return 0;
  }
}
