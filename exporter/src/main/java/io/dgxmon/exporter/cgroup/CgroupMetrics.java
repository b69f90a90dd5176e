package io.dgxmon.exporter.cgroup;

import io.dgxmon.exporter.jobs.JobInfo;
import io.dgxmon.exporter.scrape.TextFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Turns cgroup samples into the jobstats cgroup exporter's series: the same names, the labels
 * {@code jobid, step, task} (empty for the job total) and gauges throughout, plus {@code cgroup_uid{jobid}}.
 */
public final class CgroupMetrics {

  private record Family(String name, String help, ToDoubleFunction<CgroupStats> value) {}

  /** In name order, as client_java wrote them. */
  private static final List<Family> FAMILIES = Stream.of(
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
      new Family("cgroup_memsw_fail_count", "Swap fail count", CgroupStats::memswFailCount))
      .sorted(Comparator.comparing(Family::name)).toList();

  public static final String UID = "cgroup_uid";
  private static final String UID_HELP = "Uid number of user running this job";

  private static final Comparator<CgroupSample> LABEL_ORDER = Comparator.comparing(CgroupSample::jobId)
      .thenComparing(CgroupSample::step).thenComparing(CgroupSample::task);

  private CgroupMetrics() {}

  /**
   * Writes the series for {@code samples} in the text format, families by name and series by labels as client_java
   * wrote them (a scrape writes thousands of lines; building client_java snapshots for them cost more than reading
   * the files). A SLUID job id becomes the numeric id when a job info file maps it ({@code bySluid}); the uid of a
   * job comes from its path (v1) or else from its job info file. A label set that occurs twice is written once.
   */
  public static void write(List<CgroupSample> unsorted, Map<String, String> jobIdBySluid,
      Map<String, JobInfo> jobs, StringBuilder out) {
    List<CgroupSample> samples = new ArrayList<>(unsorted.size());
    for (CgroupSample s : unsorted) {
      samples.add(s.withJobId(jobIdBySluid.getOrDefault(s.jobId(), s.jobId())));
    }
    samples.sort(LABEL_ORDER);
    dropRepeatedLabels(samples);
    if (samples.isEmpty()) {
      return;
    }
    String[] labels = new String[samples.size()];
    StringBuilder label = new StringBuilder(64);
    for (int i = 0; i < labels.length; i++) {
      CgroupSample s = samples.get(i);
      label.setLength(0);
      label.append('{');
      TextFormat.label("jobid", s.jobId(), label);
      label.append(',');
      TextFormat.label("step", s.step(), label);
      label.append(',');
      TextFormat.label("task", s.task(), label);
      labels[i] = label.append("} ").toString();
    }
    for (Family family : FAMILIES) {
      TextFormat.header(family.name(), family.help(), "gauge", out);
      for (int i = 0; i < labels.length; i++) {
        out.append(family.name()).append(labels[i]);
        TextFormat.value(family.value().applyAsDouble(samples.get(i).stats()), out);
        out.append('\n');
      }
    }
    writeUids(samples, jobs, out);
  }

  /** Keeps the first of adjacent samples with the same labels (the list is sorted by labels). */
  private static void dropRepeatedLabels(List<CgroupSample> sorted) {
    for (int i = sorted.size() - 1; i > 0; i--) {
      if (LABEL_ORDER.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
        sorted.remove(i);
      }
    }
  }

  private static void writeUids(List<CgroupSample> samples, Map<String, JobInfo> jobs, StringBuilder out) {
    TextFormat.header(UID, UID_HELP, "gauge", out);
    for (CgroupSample s : samples) {
      if (!s.isJob()) {
        continue;
      }
      long value = s.uid();
      JobInfo info = jobs.get(s.jobId());
      if (value < 0 && info != null) {
        value = info.uid();
      }
      out.append(UID).append('{');
      TextFormat.label("jobid", s.jobId(), out);
      out.append("} ");
      TextFormat.value(value, out);
      out.append('\n');
    }
  }
}
