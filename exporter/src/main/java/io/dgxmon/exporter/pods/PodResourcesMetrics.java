package io.dgxmon.exporter.pods;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-metrics of the pod attribution on the GPU listeners, shown only on a Kubernetes node: how old the pod labels
 * are and how many refreshes failed.
 */
public final class PodResourcesMetrics implements MultiCollector {
  static final String AGE = "dgxmon_kubernetes_pod_resources_age_seconds";
  static final String FAILURES = "dgxmon_kubernetes_pod_resources_failures";

  private final PodAttribution attribution;

  public PodResourcesMetrics(PodAttribution attribution) {
    this.attribution = attribution;
  }

  @Override
  public MetricSnapshots collect() {
    if (!attribution.active()) {
      return MetricSnapshots.of();
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    double age = attribution.ageSeconds();
    if (age >= 0) {
      snapshots.add(GaugeSnapshot.builder().name(AGE)
          .help("Seconds since the kubelet's pod-resources service last answered; pod labels are this old.")
          .dataPoint(GaugeDataPointSnapshot.builder().value(age).build()).build());
    }
    snapshots.add(CounterSnapshot.builder().name(FAILURES)
        .help("Pod-resources refreshes that failed (no socket, refused, timed out); the last good labels stay.")
        .dataPoint(CounterDataPointSnapshot.builder().value(attribution.failures()).build()).build());
    return new MetricSnapshots(snapshots);
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(AGE, FAILURES);
  }
}
