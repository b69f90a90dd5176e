package io.dgxmon.exporter.cgroup;

/**
 * One Slurm cgroup as the jobstats exporter labels it.
 *
 * @param jobId numeric job id, or the SLUID of a Slurm 26.05+ v2 job directory
 * @param step step name ({@code batch}, {@code extern}, {@code 0}, ...), {@code ""} for the job total
 * @param task task number or {@code special}, {@code ""} above task level
 * @param uid owner uid (job level; {@code -1} when unknown)
 * @param stats the figures
 */
public record CgroupSample(String jobId, String step, String task, long uid, CgroupStats stats) {

  boolean isJob() {
    return step.isEmpty();
  }

  CgroupSample withJobId(String id) {
    return new CgroupSample(id, step, task, uid, stats);
  }

  CgroupSample withUid(long newUid) {
    return new CgroupSample(jobId, step, task, newUid, stats);
  }
}
