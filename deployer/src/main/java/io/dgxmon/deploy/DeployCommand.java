package io.dgxmon.deploy;

import io.dgxmon.deploy.cli.DeployOptions;
import io.dgxmon.deploy.cli.Deployment;
import io.dgxmon.deploy.config.ConfigException;
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
    versionProvider = DeployCommand.Version.class,
    subcommands = {VerifyCommand.class, UninstallCommand.class, WizardCommand.class},
    description = {
      "Installs dgxmon from the head node: the exporter and its unit on every DGX node over SSH (or into a BCM",
      "software image), the Slurm prolog/epilog with BCM's 60- links, and the role monitor on the head node."
    })
public final class DeployCommand implements Callable<Integer> {
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

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
      return EXIT_USAGE;
    }
    if (dryRun == (output == null)) {
      err.println("dgxmon-deploy: --dry-run and --output DIR go together");
      return EXIT_USAGE;
    }
    if (dryRun && resume) {
      err.println("dgxmon-deploy: --dry-run and --resume exclude each other");
      return EXIT_USAGE;
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
      err.println(e.getMessage());
      return EXIT_USAGE;
    }
    err.println("dgxmon-deploy: " + e.getMessage());
    if (parsed.hasMatchedOption("--verbose")) {
      e.printStackTrace(err);
    }
    return EXIT_FAILED;
  }

  /** Version from the jar manifest (set by the build). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = DeployCommand.class.getPackage().getImplementationVersion();
      return new String[] {"dgxmon-deploy " + (v == null ? "dev" : v)};
    }
  }
}
