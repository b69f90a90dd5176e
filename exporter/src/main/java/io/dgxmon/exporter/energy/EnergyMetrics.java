package io.dgxmon.exporter.energy;

import io.dgxmon.exporter.energy.PowercapScan.Kind;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;

/**
 * The node energy series of the :9306 profile (names agreed with the attribution rules, docs/Metrics.md): RAPL
 * energy per socket and domain, and the online CPU count. The BMC's series are {@link NodePowerMetrics}.
 */
public final class EnergyMetrics {
  /** Exposed as {@code dgxmon_node_rapl_energy_joules_total}: client_java adds a counter's suffix. */
  public static final String RAPL_ENERGY = "dgxmon_node_rapl_energy_joules";
  public static final String RAPL_ZONES = "dgxmon_node_rapl_zones";
  public static final String CPUS = "dgxmon_node_cpus";
  public static final List<String> RAPL_NAMES = List.of(RAPL_ENERGY, RAPL_ZONES);

  private EnergyMetrics() {}

  /** Energy totals, and how many zones were read, refused ({@code not_readable}) or malformed ({@code invalid}). */
  public static MetricSnapshots rapl(Map<RaplCounters.Series, Double> joules, PowercapScan scan) {
    CounterSnapshot.Builder energy = CounterSnapshot.builder().name(RAPL_ENERGY).unit(null)
        .help("Energy of a RAPL domain (package, dram, core, uncore, psys) of a CPU socket since the exporter"
            + " started counting, in joules; wrap-around of energy_uj handled. Excludes GPUs and PCIe devices.");
    joules.forEach((series, value) -> energy.dataPoint(CounterDataPointSnapshot.builder()
        .labels(Labels.of("package", series.packageLabel(), "domain", series.domain())).value(value).build()));
    GaugeSnapshot zones = GaugeSnapshot.builder().name(RAPL_ZONES)
        .help("RAPL zones found under powercap, by state: readable, not_readable (energy_uj is root-only;"
            + " see docs/Energy-Sources.md) or invalid")
        .dataPoint(zoneCount("readable", scan.zones().size()))
        .dataPoint(zoneCount("not_readable", scan.count(Kind.NOT_READABLE)))
        .dataPoint(zoneCount("invalid", scan.count(Kind.INVALID)))
        .build();
    return MetricSnapshots.of(energy.build(), zones);
  }

  public static MetricSnapshots cpus(int online) {
    return MetricSnapshots.of(GaugeSnapshot.builder().name(CPUS)
        .help("Online CPUs of the node (/sys/devices/system/cpu/online)")
        .dataPoint(GaugeDataPointSnapshot.builder().value(online).build()).build());
  }

  private static GaugeDataPointSnapshot zoneCount(String state, long count) {
    return GaugeDataPointSnapshot.builder().labels(Labels.of("state", state)).value(count).build();
  }
}
