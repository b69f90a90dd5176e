package io.dgxmon.exporter;

import java.util.regex.Pattern;

/**
 * The {@code promtool check metrics} findings our expositions may have, for {@link io.dgxmon.testkit.Promtool}: each
 * comes from a name or label the exporter we replace chose, which dashboards and queries use, so compatibility wins
 * over Prometheus's naming conventions. Anything else promtool reports fails the test.
 */
public final class CompatibilityLint {
  /** The jobstats cgroup exporter's {@code cgroup_memory_fail_count} and {@code cgroup_memsw_fail_count}. */
  public static final Pattern CGROUP_PROFILE = Pattern.compile(
      "cgroup_mem(ory|sw)_fail_count non-histogram and non-summary metrics should not have \"_count\" suffix");

  /**
   * dcgm-exporter's camelCase labels ({@code modelName}, {@code Hostname}), its name
   * {@code DCGM_FI_DEV_PCIE_REPLAY_COUNTER} and its counters without {@code _total} (e.g.
   * {@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION}, typed {@code counter}); the jobstats GPU exporter's {@code nvidia_gpu_jobId},
   * {@code nvidia_gpu_jobUid} and {@code nvidia_gpu_pcie_*_per_sec}.
   */
  public static final Pattern GPU_PROFILES = Pattern.compile(
      "DCGM_FI_\\w+ label names should be written in 'snake_case' not 'camelCase'"
          + "|DCGM_FI_DEV_PCIE_REPLAY_COUNTER metric name should not include type 'counter'"
          + "|DCGM_FI_\\w+ counter metrics should have \"_total\" suffix"
          + "|nvidia_gpu_job(Id|Uid) metric names should be written in 'snake_case' not 'camelCase'"
          + "|nvidia_gpu_(pcie_[rt]x|nvlink_total_[rt]x)_per_sec metric names should not contain abbreviated units");

  private CompatibilityLint() {}
}
