package io.dgxmon.rolemonitor;

import io.dgxmon.testkit.DocumentedOptions;
import java.nio.file.Path;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docs/Role-Monitor.md's options table and {@code dgxmon-role-monitor --help} name the same options. */
class RoleMonitorOptionsDocTest {
  private static final Path PAGE = Path.of("..", "docs", "Role-Monitor.md");

  @Test
  void theOptionsTableHasEveryOptionOfHelpAndNoOther() {
    DocumentedOptions.assertInStep(PAGE, DocumentedOptions.inTable(PAGE, "option"),
        DocumentedOptions.inHelp(new RoleMonitorCommand()));
  }

  @Test
  void onceHelpSaysExitOneAlsoMeansATargetFileCouldNotBeWrittenOrRemoved() {
    String help = String.join(" ",
        new CommandLine(new RoleMonitorCommand()).getCommandSpec().findOption("--once").description());
    assertTrue(help.contains("1 cmsh failed or a target file could not be written or removed"), help);
  }
}
