package io.dgxmon.exporter.cgroup;

import io.dgxmon.exporter.jobs.JobInfo;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns cgroup samples into the jobstats cgroup exporter's series: the same names, the labels
 * {@code jobid, step, task} (empty for the job total) and gauges throughout, plus {@code cgroup_uid{jobid}}.
 */
public final class CgroupMetrics {

  private record Family(String name, String help, ToDoubleFunction<CgroupStats> value) {}

  private static final List<Family> FAMILIES = List.of(
      new Family("cgroup_cpu_user_seconds", "Cumulative CPU user seconds for cgroup", CgroupStats::cpuUserSeconds),
      new Family("cgroup_cpu_system_seconds", "Cumulative CPU system seconds for cgroup",
          CgroupStats::cpuSystemSeconds),
      new Family("cgroup_cpu_total_seconds", "Cumulative CPU total seconds for cgroup",
          CgroupStats::cpuTotalSeconds),
      new Family("cgroup_cpus", "Number of CPUs in the cgroup", CgroupStats::cpus),
      new Family("cgroup_memory_rss_bytes", "Memory RSS used in bytes", CgroupStats::memoryRssBytes),
      new Family("cgroup_memory_cache_bytes", "Memory cache used in bytes", CgroupStats::memoryCacheBytes),
      new Family("cgroup_memory_shmem_bytes", "Memory shmem used in bytes", CgroupStats::memoryShmemBytes),
      new Family("cgroup_memory_used_bytes", "Memory used in bytes", CgroupStats::memoryUsedBytes),
      new Family("cgroup_memory_total_bytes", "Memory total given to cgroup in bytes",
          CgroupStats::memoryTotalBytes),
      new Family("cgroup_memory_fail_count", "Memory fail count", CgroupStats::memoryFailCount),
      new Family("cgroup_memsw_used_bytes", "Swap used in bytes", CgroupStats::memswUsedBytes),
      new Family("cgroup_memsw_total_bytes", "Swap total given to cgroup in bytes", CgroupStats::memswTotalBytes),
      new Family("cgroup_memsw_fail_count", "Swap fail count", CgroupStats::memswFailCount));

  public static final String UID = "cgroup_uid";

  private static final Comparator<CgroupSample> LABEL_ORDER = Comparator.comparing(CgroupSample::jobId)
      .thenComparing(CgroupSample::step).thenComparing(CgroupSample::task);

  private CgroupMetrics() {}

  /** Every metric name this class can produce. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    FAMILIES.forEach(f -> names.add(f.name()));
    names.add(UID);
    return names;
  }

  /**
   * The series for {@code samples}. A SLUID job id becomes the numeric id when a job info file maps it
   * ({@code bySluid}); the uid of a job comes from its path (v1) or else from its job info file.
   */
  public static MetricSnapshots snapshots(List<CgroupSample> unsorted, Map<String, String> jobIdBySluid,
      Map<String, JobInfo> jobs) {
    // In label order, so that each snapshot's own sort by labels (client_java validates uniqueness) is linear.
    List<CgroupSample> samples = new ArrayList<>(unsorted.size());
    for (CgroupSample s : unsorted) {
      samples.add(s.withJobId(jobIdBySluid.getOrDefault(s.jobId(), s.jobId())));
    }
    samples.sort(LABEL_ORDER);
    int n = samples.size();
    Labels[] labels = new Labels[n];
    for (int i = 0; i < n; i++) {
      CgroupSample s = samples.get(i);
      labels[i] = Labels.of("jobid", s.jobId(), "step", s.step(), "task", s.task());
    }
    List<MetricSnapshot> snapshots = new ArrayList<>(FAMILIES.size() + 1);
    for (Family family : FAMILIES) {
      GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(family.name()).help(family.help());
      for (int i = 0; i < n; i++) {
        gauge.dataPoint(new GaugeDataPointSnapshot(family.value().applyAsDouble(samples.get(i).stats()),
            labels[i], null));
      }
      snapshots.add(gauge.build());
    }
    snapshots.add(uids(samples, labels, jobs));
    return new MetricSnapshots(snapshots);
  }

  private static GaugeSnapshot uids(List<CgroupSample> samples, Labels[] labels, Map<String, JobInfo> jobs) {
    GaugeSnapshot.Builder uid = GaugeSnapshot.builder().name(UID).help("Uid number of user running this job");
    for (int i = 0; i < samples.size(); i++) {
      CgroupSample s = samples.get(i);
      if (!s.isJob()) {
        continue;
      }
      String jobId = s.jobId();
      long value = s.uid();
      JobInfo info = jobs.get(jobId);
      if (value < 0 && info != null) {
        value = info.uid();
      }
      uid.dataPoint(new GaugeDataPointSnapshot(value, Labels.of("jobid", jobId), null));
    }
    return uid.build();
  }
}
