package io.dgxmon.deploy.cli;

import io.dgxmon.deploy.DeployCommand;
import io.dgxmon.testkit.DocumentedOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The options docs/Deployer.md lists for the jar and {@code dgxmon-deploy --help} are the same. */
class DeployOptionsDocTest {
  private static final Path PAGE = Path.of("..", "docs", "Deployer.md");

  @Test
  void theJarsOptionsParagraphHasEveryOptionOfHelpAndNoOther() {
    DocumentedOptions.assertInStep(PAGE, DocumentedOptions.inParagraph(PAGE, "Options of the jar"),
        DocumentedOptions.inHelp(new DeployCommand()));
  }
}
