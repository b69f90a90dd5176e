package io.dgxmon.exporter.gpu;

import io.dgxmon.exporter.jobs.JobInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who runs on a GPU for the :9445 profile. First the GPU job map (dgxmon's prolog; every listed job, uid from the
 * job info files), then jobstats' gpustat files ({@code "<jobid> <uid>"}) looked up as the jobstats exporter does:
 * {@code <uuid>}, then {@code <gpu>.<gi>} for a MIG instance or {@code <gpu>} for a whole GPU.
 */
public final class GpuJobOwners {
  public static final GpuJobOwners NONE = new GpuJobOwners(HpcJobMap.EMPTY, Map.of(), Map.of());

  private final HpcJobMap map;
  private final Map<String, JobInfo> jobInfo;
  private final Map<String, String> gpustat;

  /**
   * @param jobInfo job info by job id
   * @param gpustat gpustat file contents by file name
   */
  public GpuJobOwners(HpcJobMap map, Map<String, JobInfo> jobInfo, Map<String, String> gpustat) {
    this.map = map;
    this.jobInfo = Map.copyOf(jobInfo);
    this.gpustat = Map.copyOf(gpustat);
  }

  /** The jobs on a whole GPU ({@code gpuInstanceId} empty) or on one MIG instance of it. */
  public List<JobOwner> owners(int gpu, Optional<Integer> gpuInstanceId, String uuid) {
    String key = gpuInstanceId.map(gi -> gpu + "." + gi).orElse(String.valueOf(gpu));
    List<String> mapped = map.jobs(key);
    if (!mapped.isEmpty()) {
      return mapped.stream().map(job -> new JobOwner(job, uid(job))).toList();
    }
    String line = uuid.isEmpty() ? null : gpustat.get(uuid);
    if (line == null) {
      line = gpustat.get(key);
    }
    return line == null ? List.of() : parseGpustat(line).map(List::of).orElse(List.of());
  }

  private String uid(String job) {
    JobInfo info = jobInfo.get(job);
    return info == null || info.uid() < 0 ? "" : String.valueOf(info.uid());
  }

  /** {@code "<jobid> <uid>"} or {@code "<jobid>"}; anything else is not a job. */
  static Optional<JobOwner> parseGpustat(String text) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length == 0 || parts.length > 2 || !parts[0].matches("[0-9]{1,19}|s[0-9A-Z]{13}")
        || (parts.length == 2 && !parts[1].matches("[0-9]{1,10}"))) {
      return Optional.empty();
    }
    return Optional.of(new JobOwner(parts[0], parts.length == 2 ? parts[1] : ""));
  }
}
