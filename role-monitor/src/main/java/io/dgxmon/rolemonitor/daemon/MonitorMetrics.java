package io.dgxmon.rolemonitor.daemon;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The monitor's own metrics ({@code dgxmon_role_monitor_*}), registered into one registry. */
public final class MonitorMetrics {
  private final Gauge lastSuccess;
  private final Gauge nodes;
  private final Gauge cmshDuration;
  private final Counter cmshFailures;
  private final Counter filesWritten;
  private final Counter filesRemoved;
  private final Gauge deletionsHeld;

  public MonitorMetrics(PrometheusRegistry registry) {
    lastSuccess = Gauge.builder().name("dgxmon_role_monitor_last_success_timestamp_seconds")
        .help("Unix time of the last cycle whose cmsh answer was applied").register(registry);
    nodes = Gauge.builder().name("dgxmon_role_monitor_nodes").labelNames("state")
        .help("Nodes of the watched types, targeted (a watched role) or untargeted").register(registry);
    cmshDuration = Gauge.builder().name("dgxmon_role_monitor_cmsh_duration_seconds")
        .help("Wall time of the last cmsh run").register(registry);
    cmshFailures = Counter.builder().name("dgxmon_role_monitor_cmsh_failures_total")
        .help("cmsh runs that failed, timed out, printed an error or could not be parsed (no file was changed)")
        .register(registry);
    filesWritten = Counter.builder().name("dgxmon_role_monitor_files_written_total")
        .help("Target files created or replaced").register(registry);
    filesRemoved = Counter.builder().name("dgxmon_role_monitor_files_removed_total")
        .help("Target files removed").register(registry);
    deletionsHeld = Gauge.builder().name("dgxmon_role_monitor_deletions_held")
        .help("Removals waiting for the next cycle to agree (maxDeletionFraction exceeded)").register(registry);
    nodes.labelValues("targeted").set(0);
    nodes.labelValues("untargeted").set(0);
  }

  void cmshRan(double seconds) {
    cmshDuration.set(seconds);
  }

  void cmshFailed() {
    cmshFailures.inc();
  }

  void applied(int targeted, int untargeted, int written, int removed, int held) {
    nodes.labelValues("targeted").set(targeted);
    nodes.labelValues("untargeted").set(untargeted);
    filesWritten.inc(written);
    filesRemoved.inc(removed);
    deletionsHeld.set(held);
    lastSuccess.set(System.currentTimeMillis() / 1000.0);
  }

  public double cmshFailures() {
    return cmshFailures.get();
  }
}
