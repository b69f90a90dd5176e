package io.dgxmon.deploy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes (deploy, verify, uninstall, wizard): a mixin, so each command parses its own. */
public final class DeployOptions {
  @Option(names = "--source", paramLabel = "DIR", defaultValue = ".",
      description = "The dgxmon tree holding the built runtime, jars and slurm/ scripts (default: ${DEFAULT-VALUE}).")
  public Path source;

  @Option(names = "--state", paramLabel = "DIR",
      // Two lines: picocli would otherwise wrap inside ".dgxmon-state", after its dot.
      description = {"Resume state and install manifests (default:", ".dgxmon-state/CLUSTER beside the config)."})
  public Path state;

  @Option(names = "--accept-new-host-keys",
      description = "Record the key of a host not yet in knownHostsFile (a CHANGED key still fails).")
  public boolean acceptNewHostKeys;

  @Option(names = "--verbose",
      description = "Stack traces on errors; verify: also the full output of each node's exporter --check.")
  public boolean verbose;
}
