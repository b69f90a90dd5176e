package io.dgxmon.exporter.energy;

import io.dgxmon.exporter.energy.BmcPowerPoller.State;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The BMC's node power series (IPMI DCMI) from the poller's last reading, with its age. A reading older than
 * {@link #STALE_INTERVALS} intervals is no longer served (the BMC stopped answering); success and failures still are.
 */
public final class NodePowerMetrics {
  public static final String WATTS = "dgxmon_node_power_watts";
  public static final String MINIMUM = "dgxmon_node_power_minimum_watts";
  public static final String MAXIMUM = "dgxmon_node_power_maximum_watts";
  public static final String AVERAGE = "dgxmon_node_power_average_watts";
  public static final String PERIOD = "dgxmon_node_power_statistics_period_seconds";
  public static final String ACTIVE = "dgxmon_node_power_measurement_active";
  public static final String AGE = "dgxmon_node_power_reading_age_seconds";
  public static final String SUCCESS = "dgxmon_node_power_reading_success";
  /** Exposed as {@code dgxmon_node_power_reading_failures_total}. */
  public static final String FAILURES = "dgxmon_node_power_reading_failures";
  public static final List<String> NAMES = List.of(WATTS, MINIMUM, MAXIMUM, AVERAGE, PERIOD, ACTIVE, AGE, SUCCESS,
      FAILURES);
  static final int STALE_INTERVALS = 5;

  private NodePowerMetrics() {}

  public static MetricSnapshots snapshots(State state, long nowNanos, long intervalNanos) {
    List<MetricSnapshot> out = new ArrayList<>();
    double age = (nowNanos - state.readAtNanos()) / 1e9;
    state.reading().filter(r -> age <= STALE_INTERVALS * intervalNanos / 1e9).ifPresent(r -> {
      out.add(gauge(WATTS, "Node power now, as the BMC reads it (IPMI DCMI), in watts", r.currentWatts()));
      addIfPresent(out, MINIMUM, "Lowest node power over the BMC's statistics period, in watts", r.minimumWatts());
      addIfPresent(out, MAXIMUM, "Highest node power over the BMC's statistics period, in watts", r.maximumWatts());
      addIfPresent(out, AVERAGE, "Average node power over the BMC's statistics period, in watts", r.averageWatts());
      addIfPresent(out, PERIOD, "The BMC's statistics period for minimum, maximum and average, in seconds",
          r.periodSeconds());
      r.measurementActive().ifPresent(active -> out.add(gauge(ACTIVE,
          "Whether the BMC says its power measurement is active (1) or not (0)", active ? 1 : 0)));
      out.add(gauge(AGE, "Age of the served BMC power reading, in seconds", age));
    });
    if (state.attempted()) {
      out.add(gauge(SUCCESS, "Whether the last BMC power reading succeeded", state.lastSucceeded() ? 1 : 0));
    }
    out.add(CounterSnapshot.builder().name(FAILURES).help("BMC power readings that failed or timed out")
        .dataPoint(CounterDataPointSnapshot.builder().value(state.failures()).build()).build());
    return new MetricSnapshots(out);
  }

  private static void addIfPresent(List<MetricSnapshot> out, String name, String help, OptionalDouble value) {
    value.ifPresent(v -> out.add(gauge(name, help, v)));
  }

  private static GaugeSnapshot gauge(String name, String help, double value) {
    return GaugeSnapshot.builder().name(name).help(help)
        .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
  }
}
