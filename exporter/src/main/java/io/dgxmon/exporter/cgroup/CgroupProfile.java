package io.dgxmon.exporter.cgroup;

import io.dgxmon.exporter.config.ExporterConfig;
import io.dgxmon.exporter.jobs.JobInfoMetrics;
import io.dgxmon.exporter.jobs.JobInfoReader;
import io.dgxmon.exporter.scrape.ListenerRegistry;
import io.dgxmon.exporter.scrape.SharedCollection;
import io.dgxmon.exporter.scrape.SnapshotCollector;
import io.dgxmon.exporter.scrape.Source;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.function.Consumer;

/** The :9306 profile: jobstats-compatible {@code cgroup_*} series and the job info series. */
public final class CgroupProfile {
  private CgroupProfile() {}

  public static void register(ListenerRegistry registry, ExporterConfig config, Consumer<String> log) {
    JobInfoReader jobInfo = new JobInfoReader(config.jobInfoDir());
    Source<MetricSnapshots> jobs = new Source<>() {
      @Override
      public String name() {
        return "jobinfo";
      }

      @Override
      public MetricSnapshots collect() throws Exception {
        return JobInfoMetrics.snapshots(jobInfo.readAll());
      }
    };
    SnapshotCollector.register(registry,
        new SharedCollection<>(jobs, config.collectMaxAge(), config.cgroupTimeout(), log), JobInfoMetrics.NAMES);
  }
}
