package io.dgxmon.exporter.gpu;

import io.dgxmon.exporter.scrape.SharedCollection;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.Function;

/**
 * Serves one GPU profile: takes the shared NVML snapshot (one read for both listeners) and renders it; nothing
 * when NVML has never answered (the {@code nvml} collector's success metric says why).
 */
final class GpuProfileCollector implements MultiCollector {
  private final SharedCollection<GpuSnapshot> collection;
  private final Function<GpuSnapshot, MetricSnapshots> render;
  private final List<String> names;

  GpuProfileCollector(SharedCollection<GpuSnapshot> collection, Function<GpuSnapshot, MetricSnapshots> render,
      List<String> names) {
    this.collection = collection;
    this.render = render;
    this.names = List.copyOf(names);
  }

  @Override
  public MetricSnapshots collect() {
    GpuSnapshot snapshot = collection.get().value();
    return snapshot == null ? MetricSnapshots.of() : render.apply(snapshot);
  }

  @Override
  public List<String> getPrometheusNames() {
    return names;
  }
}
