package io.dgxmon.deploy;

import io.dgxmon.common.cli.ManifestVersion;
import io.dgxmon.common.config.ConfigException;
import io.dgxmon.deploy.cli.DeployOptions;
import io.dgxmon.deploy.cli.Deployment;
import io.dgxmon.deploy.cli.ExitCodes;
import io.dgxmon.deploy.ssh.SshConnector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** Entry point of dgxmon-deploy: installs dgxmon onto DGX nodes over SSH or into BCM software images. */
@Command(
    name = "dgxmon-deploy",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersion.class,
    subcommands = {VerifyCommand.class, UninstallCommand.class, WizardCommand.class},
    description = "Installs dgxmon from the head node: the exporter and its unit on every DGX node over SSH (or into "
        + "a BCM software image), the Slurm prolog/epilog with BCM's 60- links, and the role monitor on the head node.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
public final class DeployCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DeployOptions options;

  // Not required = true: picocli checks a parent's required options even when a subcommand runs (picocli#1350),
  // and verify/uninstall take their own --config after their name. call() enforces it instead.
  @Option(names = "--config", paramLabel = "FILE",
      description = "The deployment config (JSON); required unless a command is given.")
  Path config;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Mode mode;

  /** A plain run (no group), --resume, or --dry-run with --output: picocli refuses every other combination. */
  static final class Mode {
    @ArgGroup(exclusive = false, multiplicity = "1")
    DryRunOutput dryRun;

    @Option(names = "--resume", required = true,
        description = "Do only the steps a previous run did not finish (state file).")
    boolean resume;
  }

  /** --dry-run and --output DIR go together. */
  static final class DryRunOutput {
    @Option(names = "--dry-run", required = true,
        description = "Touch no host: write every file to --output DIR and DIR/plan.txt.")
    boolean dryRun;

    @Option(names = "--output", paramLabel = "DIR", required = true, description = "Where --dry-run writes.")
    Path dir;
  }

  @Override
  public Integer call() throws Exception {
    if (config == null) {
      throw new ParameterException(spec.commandLine(),
          "Missing required option: '--config=FILE' (or run the wizard: dgxmon-deploy wizard)");
    }
    boolean dryRun = mode != null && mode.dryRun != null;
    if (!dryRun) {
      // In the background while the config is read, the artifacts hashed and every file rendered.
      SshConnector.prepareForUploads();
    }
    Deployment d = Deployment.load(config, options, spec.commandLine().getOut(), spec.commandLine().getErr());
    return dryRun ? d.dryRun(mode.dryRun.dir) : d.deploy(mode != null && mode.resume);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new DeployCommand()).setExecutionExceptionHandler(DeployCommand::handle);
  }

  /** Known failures become one line and a named exit code; a stack trace only with --verbose. */
  private static int handle(Exception e, CommandLine failed, ParseResult parsed) {
    PrintWriter err = failed.getErr();
    if (e instanceof ConfigException) {
      err.println("dgxmon-deploy: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    err.println("dgxmon-deploy: " + e.getMessage());
    if (verbose(parsed)) {
      e.printStackTrace(err);
    }
    return ExitCodes.FAILED;
  }

  /** --verbose given to the command that failed or to any command before it on the line. */
  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
