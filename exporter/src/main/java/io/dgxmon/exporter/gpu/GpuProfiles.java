package io.dgxmon.exporter.gpu;

import io.dgxmon.exporter.config.ExporterConfig;
import io.dgxmon.exporter.files.BoundedFiles;
import io.dgxmon.exporter.files.FileProblems;
import io.dgxmon.exporter.jobs.JobInfo;
import io.dgxmon.exporter.jobs.JobInfoReader;
import io.dgxmon.exporter.scrape.ListenerRegistry;
import io.dgxmon.exporter.scrape.SharedCollection;
import io.dgxmon.exporter.scrape.Source;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Wires the two GPU profiles: one NVML collection ({@code collector="nvml"}) shared by the :9400 dcgm and :9445
 * jobstats listeners, the job map and job info files read per scrape, and the MIG map file for the prolog.
 */
public final class GpuProfiles {
  static final String COLLECTOR = "nvml";

  private GpuProfiles() {}

  public static void register(ListenerRegistry dcgm, ListenerRegistry gpu, ExporterConfig config,
      Consumer<String> log) {
    if (config.dcgmListenAddress().isEmpty() && config.gpuListenAddress().isEmpty()) {
      return; // neither listener is on: do not touch NVML at all
    }
    Source<GpuSnapshot> source = nvmlSource(config, log);
    boolean[] unavailable = {false};
    Consumer<String> collectionLog = line -> {
      if (!unavailable[0]) {
        log.accept(line);
      }
    };
    if (source instanceof UnavailableSource missing) {
      log.accept(missing.reason());
      unavailable[0] = true; // logged once here; the collection's failures would only repeat it
    }
    SharedCollection<GpuSnapshot> collection =
        new SharedCollection<>(source, config.collectMaxAge(), config.nvmlTimeout(), collectionLog);
    register(dcgm, gpu, collection, config, log);
  }

  /** Registers both profiles on {@code collection} (tests pass a collection over a plain {@link GpuSource}). */
  static void register(ListenerRegistry dcgm, ListenerRegistry gpu, SharedCollection<GpuSnapshot> collection,
      ExporterConfig config, Consumer<String> log) {
    Consumer<String> once = onceEach(log);
    BoundedFiles files = new BoundedFiles(BoundedFiles.Limits.DEFAULT, new FileProblems(log));
    HpcJobMapReader jobMap = new HpcJobMapReader(config.hpcJobMappingDir(), files, log);
    JobInfoReader jobInfo = new JobInfoReader(config.jobInfoDir(), config.cgroupListenAddress().isPresent()
        ? new BoundedFiles(BoundedFiles.Limits.DEFAULT, new FileProblems(line -> {})) // the cgroup profile names them
        : files);
    Optional<Path> gpustat = config.gpustatDir();
    DcgmGpuMetrics dcgmMetrics = new DcgmGpuMetrics(config.dcgmHostnameLabel(), config.hostname());
    JobstatsGpuMetrics jobstatsMetrics = new JobstatsGpuMetrics();
    dcgm.add(collection, new DcgmSection(collection, snapshot -> dcgmMetrics.render(snapshot, orEmpty(jobMap, once))));
    gpu.add(collection, new GpuProfileCollector(collection,
        snapshot -> jobstatsMetrics.render(snapshot, owners(jobMap, jobInfo, gpustat, files, once)),
        JobstatsGpuMetrics.names()));
  }

  /** NVML behind a {@link Source} that also keeps the MIG map file current. */
  static Source<GpuSnapshot> nvmlSource(ExporterConfig config, Consumer<String> log) {
    GpuSource nvml;
    try {
      nvml = NvmlGpuSource.open(config.nvmlLibrary(), log);
    } catch (NvmlUnavailableException e) {
      return new UnavailableSource(e.getMessage());
    }
    return source(nvml, new MigMapFile(config.migMapFile(), log));
  }

  static Source<GpuSnapshot> source(GpuSource gpus, MigMapFile migMap) {
    return Source.of(COLLECTOR, () -> {
      GpuSnapshot snapshot = gpus.read();
      migMap.update(snapshot);
      return snapshot;
    });
  }

  /** Scrape-time file problems would repeat every scrape: each distinct line is logged once. */
  private static Consumer<String> onceEach(Consumer<String> log) {
    java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    return line -> {
      if (seen.size() < 1000 && seen.add(line)) {
        log.accept(line);
      }
    };
  }

  private static HpcJobMap orEmpty(HpcJobMapReader reader, Consumer<String> log) {
    try {
      return reader.read();
    } catch (IOException e) {
      log.accept("cannot read the GPU job map: " + e.getMessage());
      return HpcJobMap.EMPTY;
    }
  }

  private static GpuJobOwners owners(HpcJobMapReader jobMap, JobInfoReader jobInfo, Optional<Path> gpustat,
      BoundedFiles files, Consumer<String> log) {
    Map<String, JobInfo> jobs;
    Map<String, String> gpustatFiles = Map.of();
    try {
      jobs = jobInfo.readAll();
    } catch (IOException e) {
      jobs = Map.of(); // the jobinfo collector on :9306 reports this
    }
    if (gpustat.isPresent()) {
      try {
        gpustatFiles = GpustatFiles.read(gpustat.get(), files);
      } catch (IOException e) {
        log.accept("cannot read gpustat dir " + gpustat.get() + ": " + e.getMessage());
      }
    }
    return new GpuJobOwners(orEmpty(jobMap, log), jobs, gpustatFiles);
  }

  /** No NVML on this node: every collection fails with the reason (success 0), nothing else is affected. */
  private record UnavailableSource(String reason) implements Source<GpuSnapshot> {
    @Override
    public String name() {
      return COLLECTOR;
    }

    @Override
    public GpuSnapshot collect() throws NvmlUnavailableException {
      throw new NvmlUnavailableException(reason);
    }
  }
}
