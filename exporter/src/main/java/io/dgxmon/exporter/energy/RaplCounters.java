package io.dgxmon.exporter.energy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns RAPL's wrapping {@code energy_uj} readings into monotonic energy totals while the exporter runs. A zone starts
 * at its first reading; a reading below the previous one is a wrap, counted as {@code max_energy_range_uj + 1} µJ
 * (the hardware's modulus is one energy unit above the maximum, a few µJ: that is the error per wrap). More than one
 * wrap between two reads cannot be seen, so reads must come faster than a wrap (minutes; see docs/Energy-Sources.md).
 * A zone missing from a read keeps its total, so a sum over zones never goes back. Thread-safe.
 */
public final class RaplCounters {

  /** Labels of one exported series: the socket and the domain; per-die zones of one socket add up. */
  public record Series(String packageLabel, String domain) implements Comparable<Series> {
    @Override
    public int compareTo(Series other) {
      int byPackage = packageLabel.compareTo(other.packageLabel);
      return byPackage != 0 ? byPackage : domain.compareTo(other.domain);
    }
  }

  private record ZoneState(Series series, long lastRaw, long totalMicrojoules) {}

  private final Map<String, ZoneState> zones = new HashMap<>();

  /** Adds {@code read}'s readings and returns every series' total in joules, in label order. */
  public synchronized Map<Series, Double> update(List<RaplZone> read) {
    for (RaplZone zone : read) {
      Series series = new Series(zone.packageLabel(), zone.domain());
      ZoneState before = zones.get(zone.id());
      long raw = zone.energyMicrojoules();
      long total = before == null ? raw : before.totalMicrojoules() + delta(before.lastRaw(), raw,
          zone.maxRangeMicrojoules());
      zones.put(zone.id(), new ZoneState(series, raw, total));
    }
    Map<Series, Double> joules = new TreeMap<>();
    zones.values().forEach(z -> joules.merge(z.series(), z.totalMicrojoules() / 1e6, Double::sum));
    return joules;
  }

  /** The energy between two readings of a counter that wraps after {@code max}. */
  static long delta(long before, long now, long max) {
    return now >= before ? now - before : now + (max - before) + 1;
  }
}
