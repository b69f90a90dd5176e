package io.dgxmon.exporter.scrape;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.Function;

/**
 * Serves the snapshots of what a {@link SharedCollection} produced; nothing when the source failed or never
 * succeeded (its {@code dgxmon_scrape_collector_success} says so).
 */
public final class SnapshotCollector<T> implements MultiCollector {
  private final SharedCollection<T> collection;
  private final Function<T, MetricSnapshots> render;
  private final List<String> names;

  /**
   * @param render the snapshots of a collected value
   * @param names the metric names the source can produce (lets the registry reject clashes early)
   */
  public SnapshotCollector(SharedCollection<T> collection, Function<T, MetricSnapshots> render, List<String> names) {
    this.collection = collection;
    this.render = render;
    this.names = List.copyOf(names);
  }

  @Override
  public MetricSnapshots collect() {
    T value = collection.get().value();
    return value == null ? MetricSnapshots.of() : render.apply(value);
  }

  @Override
  public List<String> getPrometheusNames() {
    return names;
  }

  /** Registers {@code collection}, whose values are snapshots already, on {@code registry}. */
  public static void register(ListenerRegistry registry, SharedCollection<MetricSnapshots> collection,
      List<String> names) {
    register(registry, collection, Function.identity(), names);
  }

  /** Registers {@code collection} on {@code registry}, its values rendered by {@code render}. */
  public static <T> void register(ListenerRegistry registry, SharedCollection<T> collection,
      Function<T, MetricSnapshots> render, List<String> names) {
    registry.add(collection, new SnapshotCollector<>(collection, render, names));
  }
}
