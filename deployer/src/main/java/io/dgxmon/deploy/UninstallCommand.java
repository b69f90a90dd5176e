package io.dgxmon.deploy;

import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.common.cli.ManifestVersion;
import io.dgxmon.deploy.cli.DeployOptions;
import io.dgxmon.deploy.cli.Deployment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Removes exactly what earlier runs installed, as recorded in the state directory's manifests. */
@Command(name = "uninstall", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
    description = "Disable the units and remove every file, link, tree and created directory recorded for each target.")
final class UninstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DeployOptions options;

  @Override
  public Integer call() throws Exception {
    if (options.config == null) {
      spec.commandLine().getErr().println("dgxmon-deploy uninstall: --config FILE is required");
      return ExitCodes.USAGE;
    }
    return Deployment.load(options, spec.commandLine().getOut(), spec.commandLine().getErr()).uninstall();
  }
}
