package io.dgxmon.exporter.scrape;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * Serves the snapshots a {@link SharedCollection} produced; nothing when the source failed or never succeeded
 * (its {@code dgxmon_scrape_collector_success} says so).
 */
public final class SnapshotCollector implements MultiCollector {
  private final SharedCollection<MetricSnapshots> collection;
  private final List<String> names;

  /** @param names the metric names the source can produce (lets the registry reject clashes early) */
  public SnapshotCollector(SharedCollection<MetricSnapshots> collection, List<String> names) {
    this.collection = collection;
    this.names = List.copyOf(names);
  }

  @Override
  public MetricSnapshots collect() {
    MetricSnapshots value = collection.get().value();
    return value == null ? MetricSnapshots.of() : value;
  }

  @Override
  public List<String> getPrometheusNames() {
    return names;
  }

  /** Registers {@code source} on {@code registry} behind a shared collection. */
  public static void register(ListenerRegistry registry, SharedCollection<MetricSnapshots> collection,
      List<String> names) {
    registry.add(collection, new SnapshotCollector(collection, names));
  }
}
