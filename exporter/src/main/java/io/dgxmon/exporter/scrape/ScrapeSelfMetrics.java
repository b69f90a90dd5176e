package io.dgxmon.exporter.scrape;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * {@code dgxmon_scrape_collector_duration_seconds{collector}} and {@code dgxmon_scrape_collector_success{collector}}
 * for the collections of one listener. Register it AFTER the collectors it reports on: a registry scrapes in
 * registration order, so it then reports the results of the same scrape.
 */
public final class ScrapeSelfMetrics implements MultiCollector {
  public static final String DURATION = "dgxmon_scrape_collector_duration_seconds";
  public static final String SUCCESS = "dgxmon_scrape_collector_success";

  private final List<SharedCollection<?>> collections;

  public ScrapeSelfMetrics(List<SharedCollection<?>> collections) {
    this.collections = List.copyOf(collections);
  }

  @Override
  public MetricSnapshots collect() {
    GaugeSnapshot.Builder duration = GaugeSnapshot.builder().name(DURATION)
        .help("dgxmon_exporter: Duration of a collector scrape.");
    GaugeSnapshot.Builder success = GaugeSnapshot.builder().name(SUCCESS)
        .help("dgxmon_exporter: Whether a collector succeeded.");
    for (SharedCollection<?> collection : collections) {
      SharedCollection.Result<?> result = collection.lastResult();
      if (result == null) {
        continue;
      }
      Labels labels = Labels.of("collector", collection.name());
      duration.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(result.durationSeconds()).build());
      success.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(result.success() ? 1 : 0).build());
    }
    return MetricSnapshots.of(duration.build(), success.build());
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(DURATION, SUCCESS);
  }
}
