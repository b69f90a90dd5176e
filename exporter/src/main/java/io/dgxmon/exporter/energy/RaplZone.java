package io.dgxmon.exporter.energy;

/**
 * One RAPL zone as powercap shows it ({@code class/powercap/intel-rapl:N[:M]}), read once.
 *
 * @param id the zone's directory name, e.g. {@code intel-rapl:0:0}
 * @param packageLabel the socket number ({@code 0} for {@code package-0} and its subzones), empty for {@code psys}
 * @param domain {@code package}, {@code dram}, {@code core}, {@code uncore} or {@code psys}
 * @param energyMicrojoules {@code energy_uj}: wraps at {@code max_energy_range_uj}
 * @param maxRangeMicrojoules {@code max_energy_range_uj}
 */
public record RaplZone(String id, String packageLabel, String domain, long energyMicrojoules,
    long maxRangeMicrojoules) {}
