package io.dgxmon.deploy;

import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.common.cli.ManifestVersion;
import io.dgxmon.deploy.cli.DeployOptions;
import io.dgxmon.deploy.cli.Deployment;
import io.dgxmon.deploy.wizard.Wizard;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** ./setup.sh without arguments: the wizard writes a config, then the chosen mode runs after a confirmation. */
@Command(name = "wizard", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
    description = "Ask for every setting (with defaults), write the config, show a summary, ask the mode "
        + "(full / dry-run / resume) and confirm before touching any host.")
final class WizardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DeployOptions options;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Wizard wizard = new Wizard(in, out);
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
}
