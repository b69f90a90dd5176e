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
  private final Counter writeFailures;
  private final Gauge nodesSkipped;

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
    writeFailures = Counter.builder().name("dgxmon_role_monitor_write_failures_total")
        .help("Cycles with a usable cmsh answer whose target files could not all be read, written or removed")
        .register(registry);
    nodesSkipped = Gauge.builder().name("dgxmon_role_monitor_devices_skipped")
        .help("Devices left out of the last cycle: a hostname that cannot name a file, an IP cell that is not an IP")
        .register(registry);
    nodes.labelValues("targeted").set(0);
    nodes.labelValues("untargeted").set(0);
  }

  void cmshRan(double seconds) {
    cmshDuration.set(seconds);
  }

  void cmshFailed() {
    cmshFailures.inc();
  }

  /** What a cycle with a usable cmsh answer did, whether or not every file operation succeeded. */
  void planned(int targeted, int untargeted, int skipped, int written, int removed, int held) {
    nodes.labelValues("targeted").set(targeted);
    nodes.labelValues("untargeted").set(untargeted);
    nodesSkipped.set(skipped);
    filesWritten.inc(written);
    filesRemoved.inc(removed);
    deletionsHeld.set(held);
  }

  /** The targets directory now matches the cmsh answer: only then does the staleness alert reset. */
  void succeeded() {
    lastSuccess.set(System.currentTimeMillis() / 1000.0);
  }

  void writeFailed() {
    writeFailures.inc();
  }

  public double cmshFailures() {
    return cmshFailures.get();
  }
}
