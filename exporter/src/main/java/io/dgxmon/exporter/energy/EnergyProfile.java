package io.dgxmon.exporter.energy;

import io.dgxmon.exporter.config.EnergyConfig;
import io.dgxmon.exporter.config.ExporterConfig;
import io.dgxmon.exporter.files.BoundedFiles;
import io.dgxmon.exporter.files.FileProblems;
import io.dgxmon.exporter.scrape.ListenerRegistry;
import io.dgxmon.exporter.scrape.SharedCollection;
import io.dgxmon.exporter.scrape.SnapshotCollector;
import io.dgxmon.exporter.scrape.Source;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Node energy on the :9306 profile, beside the jobs' cgroups it is split across (docs/Energy-Sources.md): collectors
 * {@code rapl} (powercap energy counters), {@code ipmi} (the BMC's power, read in the background) and {@code cpus}.
 */
public final class EnergyProfile {
  /** sysfs attributes are a few bytes; a larger one is not what powercap writes. */
  public static final BoundedFiles.Limits SYSFS_LIMITS = new BoundedFiles.Limits(4096, 1024, Duration.ofSeconds(1));

  private EnergyProfile() {}

  public static void register(ListenerRegistry registry, ExporterConfig config, Consumer<String> log) {
    EnergyConfig energy = config.energy();
    if (!energy.anySource()) {
      return;
    }
    BoundedFiles files = new BoundedFiles(SYSFS_LIMITS, new FileProblems(log));
    add(registry, config, log, cpusSource(energy.sysfs(), files), List.of(EnergyMetrics.CPUS));
    if (energy.raplEnabled()) {
      add(registry, config, log, raplSource(new PowercapReader(energy.sysfs(), files), new RaplCounters(),
          new RaplReport(log)), EnergyMetrics.RAPL_NAMES);
    }
    energy.ipmiTool().ifPresent(tool -> {
      DcmiReader reader = new DcmiReader(tool, energy.ipmiTimeout());
      BmcPowerPoller poller = new BmcPowerPoller(reader::read, energy.ipmiInterval(), log, System::nanoTime).start();
      registry.closeWith(poller);
      registry.closeWith(reader);
      add(registry, config, log, ipmiSource(poller), NodePowerMetrics.NAMES);
    });
  }

  private static void add(ListenerRegistry registry, ExporterConfig config, Consumer<String> log,
      Source<MetricSnapshots> source, List<String> names) {
    SnapshotCollector.register(registry, SharedCollection.abandoningStuckCalls(source, config.collectMaxAge(),
        config.cgroupTimeout(), log), names);
  }

  static Source<MetricSnapshots> cpusSource(Path sysfs, BoundedFiles files) {
    Path online = sysfs.resolve("devices/system/cpu/online");
    return Source.of("cpus", () -> EnergyMetrics.cpus(OnlineCpus.count(files.readOrThrow(online))));
  }

  static Source<MetricSnapshots> raplSource(PowercapReader reader, RaplCounters counters, RaplReport report) {
    return Source.of("rapl", () -> {
      PowercapScan scan = reader.read();
      report.report(reader.classDir(), scan);
      return EnergyMetrics.rapl(counters.update(scan.zones()), scan);
    });
  }

  /** Reads only the poller's last state: never waits for the BMC. */
  static Source<MetricSnapshots> ipmiSource(BmcPowerPoller poller) {
    return Source.of("ipmi", () -> NodePowerMetrics.snapshots(poller.state(), System.nanoTime(),
        poller.interval().toNanos()));
  }
}
