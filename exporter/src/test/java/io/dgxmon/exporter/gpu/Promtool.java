package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.testkit.RequiredTool;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code promtool check metrics} on an exposition. A parse error always fails; of the lint findings
 * only those the formats we must reproduce cause are accepted: dcgm-exporter's camelCase labels ({@code modelName},
 * {@code Hostname}) and its name {@code DCGM_FI_DEV_PCIE_REPLAY_COUNTER}; the jobstats exporter's
 * {@code nvidia_gpu_jobId}, {@code nvidia_gpu_jobUid} and {@code nvidia_gpu_pcie_*_per_sec}.
 */
final class Promtool {
  private static final java.util.regex.Pattern DCGM_LINT = java.util.regex.Pattern.compile(
      "DCGM_FI_\\w+ label names should be written in 'snake_case' not 'camelCase'"
          + "|DCGM_FI_DEV_PCIE_REPLAY_COUNTER metric name should not include type 'counter'"
          + "|nvidia_gpu_job(Id|Uid) metric names should be written in 'snake_case' not 'camelCase'"
          + "|nvidia_gpu_pcie_[rt]x_per_sec metric names should not contain abbreviated units");

  private Promtool() {}

  static void checkMetrics(String exposition) {
    String promtool = RequiredTool.require("promtool", "prometheus").toString();
    try {
      Process process = new ProcessBuilder(promtool, "check", "metrics").redirectErrorStream(true).start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(exposition.getBytes(StandardCharsets.UTF_8));
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("promtool check metrics did not finish");
      }
      boolean onlyDcgmLint = !output.contains("error") && output.lines().allMatch(l -> DCGM_LINT.matcher(l).matches());
      if (process.exitValue() != 0 && !onlyDcgmLint) {
        assertEquals(0, process.exitValue(), "promtool check metrics:\n" + output + "\n--- exposition:\n" + exposition);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run promtool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
