package io.dgxmon.deploy;

import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.common.cli.ManifestVersion;
import io.dgxmon.deploy.cli.DeployOptions;
import io.dgxmon.deploy.cli.Deployment;
import io.dgxmon.deploy.cmsh.ClusterDiscovery;
import io.dgxmon.deploy.cmsh.ClusterFacts;
import io.dgxmon.deploy.cmsh.LocalCmsh;
import io.dgxmon.deploy.wizard.HeadOverSsh;
import io.dgxmon.deploy.wizard.Wizard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** ./setup.sh without arguments: the wizard writes a config, then the chosen mode runs after a confirmation. */
@Command(name = "wizard", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
    description = "Ask for every setting (with defaults), write the config, show a summary, ask the mode "
        + "(full / dry-run / resume) and confirm before touching any host.")
final class WizardCommand implements Callable<Integer> {
  private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(60);
  @Spec CommandSpec spec;
  @Mixin DeployOptions options;

  @Option(names = "--cmsh", paramLabel = "FILE", description = "cmsh to ask here about the cluster (default: cmsh "
      + "on PATH, else " + LocalCmsh.BCM_PATH + "; none: not here).")
  String cmsh;

  @Option(names = "--head-cmsh", paramLabel = "FILE", defaultValue = LocalCmsh.BCM_PATH, description = "cmsh on the "
      + "head node, asked over SSH when there is none here (default: ${DEFAULT-VALUE}; none: do not ask).")
  String headCmsh;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Wizard wizard = new Wizard(in, out, discover(out, cmshToAsk()),
        headCmsh.equals("none") ? null : new HeadOverSsh(out, headCmsh, options.acceptNewHostKeys));
    Wizard.Choice choice = wizard.run();
    Deployment d = Deployment.load(choice.configFile(), options, out, spec.commandLine().getErr())
        .withPassphrase(choice.passphrase());
    if (choice.mode() == Wizard.Mode.DRY_RUN) {
      return d.dryRun(choice.output());
    }
    if (!wizard.confirm(d.summary())) {
      out.println("Nothing was changed. Run it later with: ./setup.sh --config " + choice.configFile()
          + (choice.mode() == Wizard.Mode.RESUME ? " --resume" : ""));
      return ExitCodes.OK;
    }
    return d.deploy(choice.mode() == Wizard.Mode.RESUME);
  }

  private Optional<Path> cmshToAsk() {
    if (cmsh == null) {
      return LocalCmsh.find(System.getenv("PATH"));
    }
    return cmsh.equals("none") ? Optional.empty() : Optional.of(Path.of(cmsh));
  }

  /** On a BCM head node (cmsh found), what cmsh says about the cluster; null elsewhere. */
  private static ClusterFacts discover(PrintWriter out, Optional<Path> cmsh) {
    if (cmsh.isEmpty()) {
      return null;
    }
    out.println("Found " + cmsh.get() + ": asking cmsh about the cluster (its answers become the defaults).");
    try {
      return ClusterDiscovery.discover(cmsh.get().toString(), new LocalCmsh(DISCOVERY_TIMEOUT));
    } catch (IOException e) {
      out.println("  cmsh did not tell (" + e.getMessage() + "); asking for everything instead.");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
