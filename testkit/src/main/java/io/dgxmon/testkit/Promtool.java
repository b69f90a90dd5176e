package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The real {@code promtool} (Debian package prometheus): the one way every test checks metrics, configs and rules. */
public final class Promtool {
  /** Accepts no lint finding. */
  public static final Pattern NO_LINT_ACCEPTED = Pattern.compile("(?!)");

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** promtool check metrics: 0 = clean, 1 = unparsable, 3 = parsed but with lint findings (one per line). */
  private static final int LINT_FINDINGS = 3;

  private Promtool() {}

  /** Runs promtool, e.g. {@code run(null, "check", "config", file)}; {@code stdin} may be null. */
  public static ProcessResult run(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(RequiredTool.require("promtool", "prometheus").toString()));
    command.addAll(List.of(args));
    return Processes.run(TIMEOUT, Map.of(), command, stdin);
  }

  /** Asserts that {@code promtool check metrics} accepts the exposition without a single lint finding. */
  public static void checkMetrics(String exposition) {
    checkMetrics(exposition, NO_LINT_ACCEPTED);
  }

  /**
   * Asserts that the exposition parses and that every lint finding matches {@code acceptedLint}: findings a format we
   * must reproduce causes (a caller documents why each is accepted).
   */
  public static void checkMetrics(String exposition, Pattern acceptedLint) {
    ProcessResult result = run(exposition, "check", "metrics");
    String findings = result.stdout() + result.stderr();
    boolean onlyAccepted = findings.lines().allMatch(line -> acceptedLint.matcher(line).matches());
    assertTrue(result.exitCode() == 0 || (result.exitCode() == LINT_FINDINGS && onlyAccepted),
        "promtool check metrics exit " + result.exitCode() + ":\n" + findings);
  }
}
