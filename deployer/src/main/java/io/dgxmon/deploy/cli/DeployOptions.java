package io.dgxmon.deploy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by deploy, verify and uninstall. */
public final class DeployOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "The deployment config (JSON).")
  public Path config;

  @Option(names = "--source", paramLabel = "DIR", defaultValue = ".",
      description = "The dgxmon tree holding the built runtime, jars and slurm/ scripts (default: ${DEFAULT-VALUE}).")
  public Path source;

  @Option(names = "--state", paramLabel = "DIR",
      description = "Resume state and install manifest (default: .dgxmon-state/<cluster> next to the config).")
  public Path state;

  @Option(names = "--accept-new-host-keys",
      description = "Record the key of a host not yet in knownHostsFile (a CHANGED key still fails).")
  public boolean acceptNewHostKeys;

  @Option(names = "--verbose", description = "Stack traces on errors.")
  public boolean verbose;
}
