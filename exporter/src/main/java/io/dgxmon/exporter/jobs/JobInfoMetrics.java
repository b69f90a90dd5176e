package io.dgxmon.exporter.jobs;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;

/** {@code dgxmon_job_info} and {@code dgxmon_job_start_time_seconds} from the prolog's job info files. */
public final class JobInfoMetrics {
  /** Exposed as {@code dgxmon_job_info}: client_java adds the {@code _info} suffix of an info metric. */
  public static final String INFO = "dgxmon_job";
  public static final String START_TIME = "dgxmon_job_start_time_seconds";
  public static final List<String> NAMES = List.of(INFO, START_TIME);

  private JobInfoMetrics() {}

  public static MetricSnapshots snapshots(Map<String, JobInfo> jobs) {
    InfoSnapshot.Builder info = InfoSnapshot.builder().name(INFO)
        .help("Slurm job running on this node: owner, account and partition (value is always 1)");
    GaugeSnapshot.Builder start = GaugeSnapshot.builder().name(START_TIME)
        .help("Start time of the Slurm job, seconds since the epoch");
    for (JobInfo job : jobs.values()) {
      Labels labels = Labels.of("jobid", job.jobId(), "user", job.user(),
          "uid", job.uid() < 0 ? "" : Long.toString(job.uid()), "account", job.account(),
          "partition", job.partition());
      info.dataPoint(InfoDataPointSnapshot.builder().labels(labels).build());
      if (job.startTime() >= 0) {
        start.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("jobid", job.jobId()))
            .value(job.startTime()).build());
      }
    }
    return MetricSnapshots.of(info.build(), start.build());
  }
}
