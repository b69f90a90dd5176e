package io.dgxmon.deploy;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of dgxmon-deploy: installs dgxmon onto DGX nodes over SSH or into BCM software images. */
@Command(
    name = "dgxmon-deploy",
    mixinStandardHelpOptions = true,
    versionProvider = DeployCommand.Version.class,
    description = {
      "Installs dgxmon from the head node: the exporter and its unit on every DGX node over SSH (or into a BCM",
      "software image), the Slurm prolog/epilog with BCM's 60- links, and the role monitor on the head node.",
      "Started by ./setup.sh. Not implemented yet in this build."
    })
public final class DeployCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("dgxmon-deploy: not implemented in this build yet");
    return 1;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new DeployCommand()).execute(args));
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
