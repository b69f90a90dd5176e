package io.dgxmon.rolemonitor;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of dgxmon-role-monitor: BCM role assignments (cmsh) to Prometheus file_sd targets. */
@Command(
    name = "dgxmon-role-monitor",
    mixinStandardHelpOptions = true,
    versionProvider = RoleMonitorCommand.Version.class,
    description = {
      "Runs on a BCM head node. Each cycle asks cmsh once for every node's effective roles (node, category,",
      "configuration overlays) and keeps one Prometheus file_sd JSON file per node carrying a watched role",
      "(default slurmclient) in the targets directory. A failed or unparsable cmsh answer changes no file.",
      "Not implemented yet in this build."
    })
public final class RoleMonitorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("dgxmon-role-monitor: not implemented in this build yet");
    return 1;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new RoleMonitorCommand()).execute(args));
  }

  /** Version from the jar manifest (set by the build). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RoleMonitorCommand.class.getPackage().getImplementationVersion();
      return new String[] {"dgxmon-role-monitor " + (v == null ? "dev" : v)};
    }
  }
}
