package io.dgxmon.exporter.gpu;

import java.util.regex.Pattern;

/**
 * {@code promtool check metrics} for the GPU profiles ({@link io.dgxmon.exporter.Promtool}), accepting only the lint
 * findings the formats we must reproduce cause: dcgm-exporter's camelCase labels ({@code modelName},
 * {@code Hostname}) and its name {@code DCGM_FI_DEV_PCIE_REPLAY_COUNTER}; the jobstats exporter's
 * {@code nvidia_gpu_jobId}, {@code nvidia_gpu_jobUid} and {@code nvidia_gpu_pcie_*_per_sec}.
 */
final class Promtool {
  private static final Pattern COMPATIBILITY_LINT = Pattern.compile(
      "DCGM_FI_\\w+ label names should be written in 'snake_case' not 'camelCase'"
          + "|DCGM_FI_DEV_PCIE_REPLAY_COUNTER metric name should not include type 'counter'"
          + "|nvidia_gpu_job(Id|Uid) metric names should be written in 'snake_case' not 'camelCase'"
          + "|nvidia_gpu_pcie_[rt]x_per_sec metric names should not contain abbreviated units");

  private Promtool() {}

  static void checkMetrics(String exposition) throws Exception {
    io.dgxmon.exporter.Promtool.checkMetrics(exposition, COMPATIBILITY_LINT);
  }
}
