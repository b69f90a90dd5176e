package io.dgxmon.exporter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Validates expositions with the real promtool. */
public final class Promtool {
  private Promtool() {}

  /**
   * Lint findings promtool reports for names the jobstats cgroup exporter chose; jobstats' dashboards and queries
   * use them, so compatibility wins over the naming convention.
   */
  static final List<String> ACCEPTED_LINT = List.of(
      "cgroup_memory_fail_count non-histogram and non-summary metrics should not have \"_count\" suffix",
      "cgroup_memsw_fail_count non-histogram and non-summary metrics should not have \"_count\" suffix");

  /**
   * Runs the real {@code promtool check metrics} (Debian package prometheus) over an exposition: it must parse
   * (exit 1 is a parse error) and have no lint finding other than {@link #ACCEPTED_LINT} (exit 3).
   */
  public static void checkMetrics(String exposition) throws IOException, InterruptedException {
    checkMetrics(exposition, java.util.regex.Pattern.compile("(?!)"));
  }

  /** As {@link #checkMetrics(String)}, also accepting lint findings that match {@code alsoAccepted}. */
  public static void checkMetrics(String exposition, java.util.regex.Pattern alsoAccepted)
      throws IOException, InterruptedException {
    Path promtool = RequiredTool.require("promtool", "prometheus");
    Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    try {
      process.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
      int code = process.exitValue();
      boolean onlyAccepted = output.lines()
          .allMatch(line -> ACCEPTED_LINT.contains(line) || alsoAccepted.matcher(line).matches());
      assertTrue(code == 0 || (code == 3 && onlyAccepted), "promtool check metrics exit " + code + ":\n" + output);
    } finally {
      process.destroyForcibly();
    }
  }
}
