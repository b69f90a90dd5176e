package io.dgxmon.exporter.gpu;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects data points per metric family and builds client_java snapshots in declaration order.
 *
 * <p>A family declared {@link Kind#COUNTER_WITHOUT_SUFFIX} becomes an {@link UnknownSnapshot}: client_java 1.3 writes
 * every {@code CounterSnapshot} as {@code <name>_total}, but dcgm-exporter exposes its counters (e.g.
 * {@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION}) without that suffix, and queries match on the series name. The
 * text format then says {@code # TYPE ... untyped} instead of {@code counter}; the series are identical.
 */
final class MetricFamilies {
  enum Kind { GAUGE, COUNTER_WITHOUT_SUFFIX }

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
        snapshots.add(family.kind() == Kind.GAUGE ? gauge(name, family) : unknown(name, family));
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

  private static MetricSnapshot unknown(String name, Family family) {
    UnknownSnapshot.Builder builder = UnknownSnapshot.builder().name(name).help(family.help());
    for (int i = 0; i < family.values().size(); i++) {
      builder.dataPoint(UnknownDataPointSnapshot.builder().labels(family.labels().get(i))
          .value(family.values().get(i)).build());
    }
    return builder.build();
  }
}
