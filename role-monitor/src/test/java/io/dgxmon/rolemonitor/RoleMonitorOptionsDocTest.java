package io.dgxmon.rolemonitor;

import io.dgxmon.testkit.DocumentedOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/Role-Monitor.md's options table and {@code dgxmon-role-monitor --help} name the same options. */
class RoleMonitorOptionsDocTest {
  private static final Path PAGE = Path.of("..", "docs", "Role-Monitor.md");

  @Test
  void theOptionsTableHasEveryOptionOfHelpAndNoOther() {
    DocumentedOptions.assertInStep(PAGE, DocumentedOptions.inTable(PAGE, "option"),
        DocumentedOptions.inHelp(new RoleMonitorCommand()));
  }
}
