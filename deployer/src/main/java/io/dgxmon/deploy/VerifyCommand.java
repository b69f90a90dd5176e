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

/** Checks a finished deployment: files, units, endpoints, and Prometheus {@code up} when a URL is configured. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
    description = "Check every target: files as planned, units active (or enabled in a root/image), endpoints "
        + "answering with parsable metrics, and up==1 in Prometheus when prometheus.url is set.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigFile config;
  @Mixin DeployOptions options;

  @Override
  public Integer call() throws Exception {
    return Deployment.load(config.path, options, spec.commandLine().getOut(), spec.commandLine().getErr()).verify();
  }
}
