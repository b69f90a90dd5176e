package io.dgxmon.exporter.gpu;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects data points per metric family and builds client_java snapshots in declaration order (the jobstats
 * profile; the dcgm profile has its own writer, {@link io.dgxmon.exporter.dcgm.DcgmTextWriter}).
 */
final class MetricFamilies {
  enum Kind { GAUGE }

  private record Family(String help, Kind kind, List<Labels> labels, List<Double> values) {}

  private final Map<String, Family> families = new LinkedHashMap<>();

  MetricFamilies declare(String name, String help, Kind kind) {
    families.put(name, new Family(help, kind, new ArrayList<>(), new ArrayList<>()));
    return this;
  }

  void add(String name, Labels labels, double value) {
    Family family = families.get(name);
    if (family == null) {
      throw new IllegalArgumentException("metric " + name + " was not declared");
    }
    family.labels().add(labels);
    family.values().add(value);
  }

  List<String> names() {
    return List.copyOf(families.keySet());
  }

  /** Every declared family that has data points. */
  MetricSnapshots build() {
    List<MetricSnapshot> snapshots = new ArrayList<>();
    families.forEach((name, family) -> {
      if (!family.values().isEmpty()) {
        snapshots.add(gauge(name, family));
      }
    });
    return new MetricSnapshots(snapshots);
  }

  private static MetricSnapshot gauge(String name, Family family) {
    GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(family.help());
    for (int i = 0; i < family.values().size(); i++) {
      builder.dataPoint(GaugeDataPointSnapshot.builder().labels(family.labels().get(i)).value(family.values().get(i))
          .build());
    }
    return builder.build();
  }
}
