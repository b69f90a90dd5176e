package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PromtoolIT {
  private static final String CLEAN = """
      # HELP dgxmon_test_value A value the test serves.
      # TYPE dgxmon_test_value gauge
      dgxmon_test_value 42
      """;
  /** promtool: "counter metrics should have "_total" suffix" and "no help text". */
  private static final String TWO_FINDINGS = "# TYPE bad_metric counter\nbad_metric 1\n";

  @Test
  void aCleanExpositionPasses() {
    Promtool.checkMetrics(CLEAN);
  }

  @Test
  void aLintFindingFailsUnlessEveryFindingIsAccepted() {
    AssertionError failure = assertThrows(AssertionError.class, () -> Promtool.checkMetrics(TWO_FINDINGS));
    assertTrue(failure.getMessage().contains("_total"), failure.getMessage());

    assertThrows(AssertionError.class,
        () -> Promtool.checkMetrics(TWO_FINDINGS, Pattern.compile("bad_metric counter metrics should have.*")));
    Promtool.checkMetrics(TWO_FINDINGS, Pattern.compile("bad_metric (counter metrics should have|no help text).*"));
  }

  @Test
  void anUnparsableExpositionFailsWhateverIsAccepted() {
    assertThrows(AssertionError.class, () -> Promtool.checkMetrics("not a metric line {\n", Pattern.compile(".*")));
  }
}
