package io.dgxmon.report;

import io.dgxmon.testkit.DocumentedOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/Energy.md's option tables and {@code dgxmon-report job --help} / {@code jobs --help} name the same options. */
class ReportOptionsDocTest {
  private static final Path PAGE = Path.of("..", "docs", "Energy.md");

  @Test
  void theJobTableHasEveryOptionOfJobHelpAndNoOther() {
    DocumentedOptions.assertInStep(PAGE, DocumentedOptions.inTableAfter(PAGE, "### `dgxmon-report job ID`", "option"),
        DocumentedOptions.inHelp(new JobCommand()));
  }

  @Test
  void theJobsTableHasEveryOptionOfJobsHelpAndNoOther() {
    DocumentedOptions.assertInStep(PAGE,
        DocumentedOptions.inTableAfter(PAGE, "### `dgxmon-report jobs --user NAME`", "option"),
        DocumentedOptions.inHelp(new JobsCommand()));
  }

  @Test
  void theCommonTableIsTheConnectionMixin() {
    DocumentedOptions.assertInStep(PAGE, DocumentedOptions.inTableAfter(PAGE, "### Options of every subcommand",
        "option"), DocumentedOptions.inHelp(new PrometheusOptionsOnly()));
  }

  /** A command carrying only the shared connection options. */
  @picocli.CommandLine.Command(name = "connection")
  static final class PrometheusOptionsOnly {
    @picocli.CommandLine.Mixin PrometheusOptions options;
  }
}
