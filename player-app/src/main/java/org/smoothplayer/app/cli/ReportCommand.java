package org.smoothplayer.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.smoothplayer.app.session.SessionLog;
import org.smoothplayer.app.session.SessionLogReader;
import org.smoothplayer.app.session.report.ComparisonTable;
import org.smoothplayer.app.session.report.SessionReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code smooth-player report LOG... [--out DIR]}: the QA report of session logs (the player's or
 * the simulator's): per log a folder with the summary (text and JSON), the per-fragment CSV and the
 * PNG charts; with several logs also a comparison table (markdown and CSV).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write the QA report of session logs: summary (text, JSON), per-fragment CSV, PNG charts;"
          + " several logs also give a comparison table (markdown, CSV).",
      "Exit codes: 0 written, 1 a log could not be read or a file written, 2 usage error."
    })
final class ReportCommand implements Callable<Integer> {

  /** The comparison table as markdown, in the output folder. */
  static final String COMPARISON_MD = "comparison.md";

  /** The comparison table as CSV, in the output folder. */
  static final String COMPARISON_CSV = "comparison.csv";

  @Parameters(
      arity = "1..*",
      paramLabel = "LOG",
      description = "Session logs (JSON lines) written by the player (--log) or the simulator.")
  List<Path> logs = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Folder to write into (created if missing; default: ${DEFAULT-VALUE}); one sub-folder"
              + " per log, named after it.")
  Path out = Path.of("smooth-player-report");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (Files.exists(out) && !Files.isDirectory(out)) {
        err.println("smooth-player report: --out " + out + " is not a folder");
        return Main.EXIT_USAGE;
      }
      List<ComparisonTable.Row> rows = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (Path log : logs) {
        SessionLog read;
        try {
          read = SessionLogReader.readSessionLog(log);
        } catch (IOException e) {
          err.println("smooth-player report: " + log + ": " + describe(e));
          return Main.EXIT_FAILED;
        }
        String name = uniqueName(log, names);
        SessionReport.Written written = SessionReport.write(log, read, out.resolve(name));
        if (read.truncatedLastLine()) {
          err.println("smooth-player report: " + log + ": the last line was cut off (ignored)");
        }
        stdout.println("== " + name + " ==");
        stdout.print(written.text());
        stdout.println("wrote " + written.dir());
        rows.add(ComparisonTable.Row.of(name, read.events(), written.summary()));
      }
      if (rows.size() > 1) {
        ComparisonTable table = new ComparisonTable(rows);
        Files.writeString(out.resolve(COMPARISON_MD), table.toMarkdown(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve(COMPARISON_CSV), table.toCsv(), StandardCharsets.UTF_8);
        stdout.println();
        stdout.print(table.toMarkdown());
        stdout.println("wrote " + out.resolve(COMPARISON_MD) + " and " + COMPARISON_CSV);
      }
      return 0;
    } catch (IOException e) {
      err.println("smooth-player report: cannot write the report: " + describe(e));
      return Main.EXIT_FAILED;
    } finally {
      stdout.flush();
      err.flush();
    }
  }

  /** The log's file name without its extension, made unique with "-2", "-3", … */
  static String uniqueName(Path log, Set<String> taken) {
    String base = SessionReport.nameOf(log);
    String name = base;
    for (int n = 2; !taken.add(name); n++) {
      name = base + "-" + n;
    }
    return name;
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    String message = e.getMessage();
    return message == null ? e.toString() : message;
  }
}
