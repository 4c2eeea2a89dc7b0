package org.smoothplayer.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.smoothplayer.heuristics.sim.SimulatorCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code smooth-player simulate ...}: the trace-driven ABR simulator of the heuristics module. The
 * arguments are handed to {@link SimulatorCli} unchanged, so the simulator owns its interface.
 */
@Command(
    name = "simulate",
    description = {
      "Run the bitrate heuristics on network traces (Pensieve's simulator) and compare policies.",
      "Usage: simulate --traces DIR [--traces DIR2] [--policy NAME ...] [--metric lin|log|hd]"
          + " [--per-trace FILE] [--video DIR] [--events FILE --trace-file FILE] [--threads N]"
          + " [--markdown FILE]",
      "Run 'simulate --help' for the simulator's own help."
    })
final class SimulateCommand implements Callable<Integer> {

  @Unmatched List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() {
    return SimulatorCli.run(arguments.toArray(String[]::new), System.out, System.err);
  }
}
