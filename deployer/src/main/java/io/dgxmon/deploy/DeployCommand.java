package io.dgxmon.deploy;

import io.dgxmon.deploy.cli.DeployOptions;
import io.dgxmon.deploy.cli.Deployment;
import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.common.cli.ManifestVersion;
import io.dgxmon.common.config.ConfigException;
import io.dgxmon.deploy.ssh.SshConnector;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Entry point of dgxmon-deploy: installs dgxmon onto DGX nodes over SSH or into BCM software images. */
@Command(
    name = "dgxmon-deploy",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersion.class,
    subcommands = {VerifyCommand.class, UninstallCommand.class, WizardCommand.class},
    description = {
      "Installs dgxmon from the head node: the exporter and its unit on every DGX node over SSH (or into a BCM",
      "software image), the Slurm prolog/epilog with BCM's 60- links, and the role monitor on the head node.",
      "Exit codes: 0 every target fine, 1 a target (or the run) failed, 2 bad configuration or usage."
    })
public final class DeployCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DeployOptions options;

  @Option(names = "--dry-run", description = "Touch no host: write every file to --output DIR and DIR/plan.txt.")
  boolean dryRun;

  @Option(names = "--output", paramLabel = "DIR", description = "Where --dry-run writes.")
  java.nio.file.Path output;

  @Option(names = "--resume", description = "Do only the steps a previous run did not finish (state file).")
  boolean resume;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (options.config == null) {
      err.println("dgxmon-deploy: --config FILE is required (or run the wizard: dgxmon-deploy wizard)");
      return ExitCodes.USAGE;
    }
    if (dryRun == (output == null)) {
      err.println("dgxmon-deploy: --dry-run and --output DIR go together");
      return ExitCodes.USAGE;
    }
    if (dryRun && resume) {
      err.println("dgxmon-deploy: --dry-run and --resume exclude each other");
      return ExitCodes.USAGE;
    }
    if (!dryRun) {
      // In the background while the config is read, the artifacts hashed and every file rendered.
      SshConnector.prepareForUploads();
    }
    Deployment d = Deployment.load(options, spec.commandLine().getOut(), err);
    return dryRun ? d.dryRun(output) : d.deploy(resume);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new DeployCommand()).setExecutionExceptionHandler(DeployCommand::handle);
  }

  /** Known failures become one line and a named exit code; a stack trace only with --verbose. */
  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof ConfigException) {
      err.println("dgxmon-deploy: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    err.println("dgxmon-deploy: " + e.getMessage());
    if (parsed.hasMatchedOption("--verbose")) {
      e.printStackTrace(err);
    }
    return ExitCodes.RUNTIME_FAILURE;
  }
}
