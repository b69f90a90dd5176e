package io.dgxmon.exporter.bench;

import io.dgxmon.exporter.ExporterCommand;
import io.dgxmon.exporter.ExporterServer;
import io.dgxmon.exporter.ExporterServer.Endpoint;
import io.dgxmon.exporter.energy.IpmiCaptures;
import io.dgxmon.exporter.energy.PowercapTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the energy collectors cost the :9306 profile: the same cgroup tree served by two exporters at once, one with
 * RAPL (a fake two-socket powercap tree from the shared {@code make_powercap_tree.sh}), the BMC reading (a fake
 * ipmitool printing a real capture, every second) and the CPU count, one without; scraped alternately in the same run.
 * Then the RSS of each as a child JVM with the unit's flags after 1,000 scrapes.
 * Run: {@code ./setup.sh --bench exporter io.dgxmon.exporter.bench.EnergyScrapeBench [rounds [rss-scrapes]]}.
 */
public final class EnergyScrapeBench {
  private EnergyScrapeBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 31;
    int rssScrapes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Path tmp = Files.createTempDirectory("dgxmon-energy-bench");
    try {
      System.out.printf("energy collectors on :9306: median of %d rounds, %d cores%n", rounds,
          Runtime.getRuntime().availableProcessors());
      List<String> on = energyOn(tmp);
      List<String> off = List.of("--rapl.enabled", "false", "--ipmi.tool", "off");
      Path big = CgroupScrapeBench.tree(tmp.resolve("jobs1000"), 1000);
      Path small = CgroupScrapeBench.tree(tmp.resolve("jobs64"), 64);
      compare("1000 jobs", big, 1000, rounds, off, on);
      compare("64 jobs", small, 64, rounds, off, on);
      RssProbe.report("energy off: ", big, tmp, rssScrapes, off);
      RssProbe.report("energy on:  ", big, tmp, rssScrapes, on);
    } finally {
      CgroupScrapeBench.deleteTree(tmp);
    }
  }

  /** Flags for RAPL over a fake Intel two-socket tree with DRAM, and a fake ipmitool read every second. */
  static List<String> energyOn(Path tmp) throws Exception {
    Path sysfs = PowercapTrees.build(tmp.resolve("sys"), Map.of(), "2", "1");
    Path tool = IpmiCaptures.printing(tmp, "ipmitool-hpe-ilo4-dl360gen9.txt", 0);
    return List.of("--path.sysfs", sysfs.toString(), "--ipmi.tool", "ipmitool", "--ipmi.tool-path", tool.toString(),
        "--ipmi.interval", "1s", "--ipmi.timeout", "1s");
  }

  private static ExporterServer start(Path root, List<String> energy) throws Exception {
    List<String> args = new ArrayList<>(List.of("--dcgm.listen-address", "off", "--gpu.listen-address", "off",
        "--cgroup.listen-address", CgroupScrapeBench.ADDRESS + ":0", "--path.cgroup.root", root.toString(),
        "--job-info-dir", root.resolve("no-jobs").toString(), "--collect.max-age", "0"));
    args.addAll(energy);
    return ExporterServer.start(ExporterCommand.parseConfig(Map.of(), args.toArray(String[]::new)),
        line -> System.out.println("  exporter: " + line));
  }

  /**
   * Both exporters run at once and are scraped in turn with the floor of CgroupScrapeBench (opening and reading the
   * same cgroup files), so a busy machine slows all three alike and the ratios compare with that benchmark's bounds.
   */
  private static void compare(String label, Path root, int jobs, int rounds, List<String> off, List<String> on)
      throws Exception {
    List<String> files = CgroupScrapeBench.filesRead(root, "slurm", jobs, false);
    try (ExporterServer without = start(root, off); ExporterServer with = start(root, on)) {
      Scraper plain = new Scraper(CgroupScrapeBench.ADDRESS, without.port(Endpoint.CGROUP).orElseThrow());
      Scraper energy = new Scraper(CgroupScrapeBench.ADDRESS, with.port(Endpoint.CGROUP).orElseThrow());
      Thread.sleep(1500); // the first BMC reading is in
      double[][] millis = CgroupScrapeBench.medians(rounds, () -> CgroupScrapeBench.readAll(files),
          () -> plain.scrape(false), () -> energy.scrape(false));
      double floor = millis[0][rounds / 2];
      double a = millis[1][rounds / 2];
      double b = millis[2][rounds / 2];
      System.out.printf("%-10s floor %7.2f ms  energy off %7.2f ms (%4.2f)  on %7.2f ms (%4.2f)  on/off %4.2f  (p90"
          + " off %.2f, on %.2f; %d vs %d bytes)%n", label, floor, a, a / floor, b, b / floor, b / a,
          millis[1][rounds * 9 / 10], millis[2][rounds * 9 / 10], plain.scrape(false), energy.scrape(false));
    }
  }
}
