package io.dgxmon.exporter.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.cgroup.Exposition;
import io.dgxmon.exporter.files.BoundedFiles;
import io.dgxmon.exporter.files.FileProblems;
import io.dgxmon.exporter.scrape.Source;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RAPL collector over fake sysfs trees from the shared {@code make_powercap_tree.sh} (Intel server and client,
 * AMD, wrap-around), and trees it was not built for (no powercap, a missing or non-numeric file).
 */
class PowercapReaderTest {
  @TempDir Path tmp;
  final List<String> log = new ArrayList<>();

  Source<MetricSnapshots> rapl(Path sysfs) {
    BoundedFiles files = new BoundedFiles(EnergyProfile.SYSFS_LIMITS, new FileProblems(log::add));
    return EnergyProfile.raplSource(new PowercapReader(sysfs, files), new RaplCounters(), new RaplReport(log::add));
  }

  static String energyLines(Source<MetricSnapshots> source) throws Exception {
    return String.join("\n", Exposition.text(source.collect()).lines()
        .filter(l -> l.startsWith("dgxmon_node_rapl_")).toList());
  }

  @Test
  void intelServerHasPackageAndDramPerSocket() throws Exception {
    Path sysfs = PowercapTrees.build(tmp, Map.of(), "2", "1");
    assertEquals("""
        dgxmon_node_rapl_energy_joules_total{domain="dram",package="0"} 12345.678901
        dgxmon_node_rapl_energy_joules_total{domain="dram",package="1"} 12345.678908
        dgxmon_node_rapl_energy_joules_total{domain="package",package="0"} 240422.366267
        dgxmon_node_rapl_energy_joules_total{domain="package",package="1"} 240423.36627
        dgxmon_node_rapl_zones{state="invalid"} 0.0
        dgxmon_node_rapl_zones{state="not_readable"} 0.0
        dgxmon_node_rapl_zones{state="readable"} 4.0""", energyLines(rapl(sysfs)));
    assertEquals(List.of(), log);
  }

  /** A client CPU: core, uncore and dram inside package 0, and psys (the platform) at the top, without a socket. */
  @Test
  void intelClientHasSubzonesAndPsys() throws Exception {
    Path sysfs = PowercapTrees.build(tmp, Map.of("VENDOR", "intel-client"), "1", "1");
    assertEquals("""
        dgxmon_node_rapl_energy_joules_total{domain="core",package="0"} 118821.284256
        dgxmon_node_rapl_energy_joules_total{domain="dram",package="0"} 9876.54321
        dgxmon_node_rapl_energy_joules_total{domain="package",package="0"} 240422.366267
        dgxmon_node_rapl_energy_joules_total{domain="psys",package=""} 355555.555555
        dgxmon_node_rapl_energy_joules_total{domain="uncore",package="0"} 1987.654321""",
        energyLines(rapl(sysfs)).lines().filter(l -> l.contains("energy")).reduce((a, b) -> a + "\n" + b).get());
  }

  /** AMD: package and core, no DRAM domain at all (not a zero). */
  @Test
  void amdHasNoDram() throws Exception {
    Path sysfs = PowercapTrees.build(tmp, Map.of("VENDOR", "amd"), "2", "0");
    String text = energyLines(rapl(sysfs));
    assertTrue(text.contains("{domain=\"package\",package=\"1\"} 38420.855707"), text);
    assertTrue(text.contains("{domain=\"core\",package=\"1\"} 1234.567901"), text);
    assertTrue(!text.contains("dram"), text);
  }

  /** package-0 one joule below its wrap point, then 3 J more: the total rises by 3 J, never drops. */
  @Test
  void aWrapOfEnergyUjKeepsTheCounterRising() throws Exception {
    Path sysfs = PowercapTrees.build(tmp, Map.of("WRAP", "1"), "1", "0");
    Source<MetricSnapshots> source = rapl(sysfs);
    String before = energyLines(source);
    assertTrue(before.contains("{domain=\"package\",package=\"0\"} 262142.32885\n"), before);
    PowercapTrees.advance(sysfs, 3_000_000, "intel-rapl:0");
    assertTrue(energyLines(source).contains("{domain=\"package\",package=\"0\"} 262145.32885\n"));
    PowercapTrees.advance(sysfs, 500_000, "intel-rapl:0");
    assertTrue(energyLines(source).contains("{domain=\"package\",package=\"0\"} 262145.82885\n"));
  }

  @Test
  void wrapDeltaUsesTheRangePlusOne() {
    assertEquals(3_000_000, RaplCounters.delta(262143328850L - 1_000_000, 1_999_999, 262143328850L));
    assertEquals(5, RaplCounters.delta(10, 15, 100));
  }

  /** Zone ids are hexadecimal: sockets 10 and 11 are intel-rapl:a and :b, ordered after intel-rapl:9. */
  @Test
  void hexadecimalZoneIdsKeepTheirSockets() throws Exception {
    Path sysfs = PowercapTrees.build(tmp, Map.of(), "12", "0");
    String text = energyLines(rapl(sysfs));
    assertTrue(text.contains("{domain=\"package\",package=\"11\"} 240433.3663\n"), text);
    assertTrue(text.contains("dgxmon_node_rapl_zones{state=\"readable\"} 12.0"), text);
  }

  /** A VM or a kernel without the RAPL driver: no series, zero zones, one log line. */
  @Test
  void noPowercapIsNoSeriesAndOneLogLine() throws Exception {
    Source<MetricSnapshots> source = rapl(tmp);
    String text = energyLines(source);
    energyLines(source);
    assertEquals("""
        dgxmon_node_rapl_zones{state="invalid"} 0.0
        dgxmon_node_rapl_zones{state="not_readable"} 0.0
        dgxmon_node_rapl_zones{state="readable"} 0.0""", text);
    assertEquals(List.of("rapl: no RAPL zones under " + tmp.resolve("class/powercap")
        + " (no powercap RAPL driver, or a VM); no CPU energy exported"), log);
  }

  /** A garbled or missing file skips that zone only, named in the log and counted as invalid. */
  @Test
  void aBrokenZoneIsSkippedAndNamed() throws Exception {
    Path sysfs = PowercapTrees.build(tmp, Map.of(), "2", "1");
    Path zones = sysfs.resolve("devices/virtual/powercap/intel-rapl");
    Files.writeString(zones.resolve("intel-rapl:1/energy_uj"), "n/a\n");
    Files.delete(zones.resolve("intel-rapl:0/intel-rapl:0:0/max_energy_range_uj"));
    String text = energyLines(rapl(sysfs));
    assertTrue(text.contains("{domain=\"package\",package=\"0\"}"), text);
    assertTrue(text.contains("{domain=\"dram\",package=\"1\"}"), text);
    assertTrue(!text.contains("{domain=\"package\",package=\"1\"}") && !text.contains("{domain=\"dram\",package=\"0\"}"));
    assertTrue(text.contains("dgxmon_node_rapl_zones{state=\"invalid\"} 2.0"), text);
    assertEquals(List.of("rapl: zone intel-rapl:0:0: max_energy_range_uj: missing; zone intel-rapl:1: energy_uj:"
        + " \"n/a\" is not a whole number"), log);
  }

  /**
   * energy_uj refused (the service's usual case, exercised for real as another user in EnergyCheckIT): no energy
   * series, never a zero; the zones counted as not_readable and one log line naming them.
   */
  @Test
  void unreadableZonesAreCountedAndLoggedNeverExportedAsZero() {
    PowercapScan scan = new PowercapScan(List.of(), List.of(
        new PowercapScan.ZoneProblem("intel-rapl:0", PowercapScan.Kind.NOT_READABLE, "energy_uj: permission denied"),
        new PowercapScan.ZoneProblem("intel-rapl:0:0", PowercapScan.Kind.NOT_READABLE, "energy_uj: permission denied")));
    String text = Exposition.text(EnergyMetrics.rapl(new RaplCounters().update(scan.zones()), scan));
    assertEquals("""
        dgxmon_node_rapl_zones{state="invalid"} 0.0
        dgxmon_node_rapl_zones{state="not_readable"} 2.0
        dgxmon_node_rapl_zones{state="readable"} 0.0""", String.join("\n", text.lines()
        .filter(l -> l.startsWith("dgxmon_node_rapl_")).toList()));
    new RaplReport(log::add).report(Path.of("/sys/class/powercap"), scan);
    assertEquals(List.of("rapl: energy_uj not readable for 2 zones (intel-rapl:0, intel-rapl:0:0): root-only since"
        + " the CVE-2020-8694 fix; grant the exporter's group read access (docs/Energy-Sources.md). Those zones are"
        + " not exported."), log);
  }
}
