package io.dgxmon.exporter.cgroup;

import io.dgxmon.exporter.config.ExporterConfig;
import io.dgxmon.exporter.files.FileProblems;
import io.dgxmon.exporter.jobs.JobInfo;
import io.dgxmon.exporter.jobs.JobInfoMetrics;
import io.dgxmon.exporter.jobs.JobInfoReader;
import io.dgxmon.exporter.scrape.ListenerRegistry;
import io.dgxmon.exporter.scrape.SharedCollection;
import io.dgxmon.exporter.scrape.SnapshotCollector;
import io.dgxmon.exporter.scrape.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The :9306 profile: jobstats-compatible {@code cgroup_*} series (collector {@code cgroup}) and job info. The cgroup
 * families are rendered to text once per collection, on the collection's thread, and served in the text format
 * whatever the client asks for, as the jobstats cgroup exporter answers a Prometheus scrape.
 */
public final class CgroupProfile {
  /** About what one job's (or step's) 14 series take in the text format. */
  private static final int BYTES_PER_SAMPLE = 1024;
  private CgroupProfile() {}

  public static void register(ListenerRegistry registry, ExporterConfig config, Consumer<String> log) {
    NodeMemory node = nodeMemory(log);
    JobInfoReader jobInfo = new JobInfoReader(config.jobInfoDir(), log);
    CgroupReader reader = CgroupReader.detect(config.cgroupRoot().toString(), config.collectFullSlurm(), node,
        new FileProblems(log));
    // File reads: a call stuck in open(2) (a FIFO raced in) is abandoned so later scrapes get fresh values.
    SharedCollection<Map<String, JobInfo>> jobInfos = SharedCollection.abandoningStuckCalls(
        Source.of("jobinfo", jobInfo::readAll), config.collectMaxAge(), config.cgroupTimeout(), log);
    SharedCollection<String> cgroups = SharedCollection.abandoningStuckCalls(cgroupSource(reader, jobInfos),
        config.collectMaxAge(), config.cgroupTimeout(), log);
    registry.add(cgroups, new CgroupSection(cgroups));
    SnapshotCollector.register(registry, jobInfos, JobInfoMetrics::snapshots, JobInfoMetrics.NAMES);
  }

  /**
   * Reads the cgroups, then takes the job info files (for SLUID → job id and the v2 uid) from the {@code jobinfo}
   * collection, which a scrape starts beside this one: the files are read once per scrape, not once per use. An
   * unreadable job info directory does not fail this collection; the {@code jobinfo} collector reports it.
   */
  static Source<String> cgroupSource(CgroupReader reader, SharedCollection<Map<String, JobInfo>> jobInfos) {
    return Source.of("cgroup", () -> {
      List<CgroupSample> samples = reader.read();
      Map<String, JobInfo> jobs = jobInfos.get().value();
      if (jobs == null) {
        jobs = Map.of(); // reported by the jobinfo collector
      }
      StringBuilder text = new StringBuilder(samples.size() * BYTES_PER_SAMPLE);
      CgroupMetrics.write(samples, JobInfoReader.jobIdsBySluid(jobs), jobs, text);
      return text.toString();
    });
  }

  private static NodeMemory nodeMemory(Consumer<String> log) {
    try {
      return NodeMemory.read(Path.of("/proc/meminfo"));
    } catch (IOException e) {
      log.accept("cannot read /proc/meminfo (" + e.getMessage()
          + "); unlimited cgroups report a memory total of 0");
      return new NodeMemory(0, 0);
    }
  }
}
