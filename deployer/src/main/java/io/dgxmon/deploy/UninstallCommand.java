package io.dgxmon.deploy;

import io.dgxmon.common.cli.ManifestVersion;
import io.dgxmon.deploy.cli.ConfigFile;
import io.dgxmon.deploy.cli.DeployOptions;
import io.dgxmon.deploy.cli.Deployment;
import io.dgxmon.deploy.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Removes exactly what earlier runs installed, as recorded in the state directory's manifests. */
@Command(name = "uninstall", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
    description = "Disable the units and remove every file, link, tree and created directory recorded for each target.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class UninstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigFile config;
  @Mixin DeployOptions options;

  @Override
  public Integer call() throws Exception {
    return Deployment.load(config.path, options, spec.commandLine().getOut(), spec.commandLine().getErr())
        .uninstall();
  }
}
