package io.dgxmon.deploy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The required {@code --config FILE} of the subcommands that act on a deployment (verify, uninstall). */
public final class ConfigFile {
  @Option(names = "--config", paramLabel = "FILE", required = true, description = "The deployment config (JSON).")
  public Path path;
}
