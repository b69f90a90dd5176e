package io.dgxmon.deploy.cli;

import io.dgxmon.deploy.DeployCommand;
import io.dgxmon.testkit.DocumentedOptions;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each options table of docs/Deployer.md and the --help of its command list the same options. */
class DeployOptionsDocTest {
  private static final Path PAGE = Path.of("..", "docs", "Deployer.md");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      ";`dgxmon-deploy` (deploy",
      "verify;`dgxmon-deploy verify` and `dgxmon-deploy uninstall`",
      "uninstall;`dgxmon-deploy verify` and `dgxmon-deploy uninstall`",
      "wizard;`dgxmon-deploy wizard`"})
  void eachCommandsTableHasEveryOptionOfItsHelpAndNoOther(String subcommand, String heading) {
    var top = DeployCommand.commandLine();
    Object command = subcommand == null ? top.getCommand() : top.getSubcommands().get(subcommand).getCommand();
    DocumentedOptions.assertInStep(PAGE, DocumentedOptions.inTableAfter(PAGE, heading, "option"),
        DocumentedOptions.inHelp(command));
  }
}
