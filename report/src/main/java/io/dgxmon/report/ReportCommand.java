package io.dgxmon.report;

import io.dgxmon.common.cli.ManifestVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of dgxmon-report: per-job summaries (utilisation, energy, CO2e, GPU alerts) from Prometheus. */
@Command(
    name = "dgxmon-report",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersion.class,
    subcommands = {JobCommand.class, JobsCommand.class},
    description = {
      "Reads what dgxmon recorded in Prometheus about Slurm jobs and prints it: 'job ID' one job's summary,",
      "'jobs --user NAME' a user's jobs with their energy. See docs/Energy.md.",
      "Exit codes: 0 ok, 1 Prometheus failed or has no such job, 2 bad usage."
    })
public final class ReportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "give a subcommand: job or jobs");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ReportCommand()).execute(args));
  }
}
