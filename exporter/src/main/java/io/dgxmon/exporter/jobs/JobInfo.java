package io.dgxmon.exporter.jobs;

import java.util.List;

/**
 * What the prolog recorded about one job ({@code /run/dgxmon/jobs/<jobid>}). Missing keys read as "unknown":
 * {@code -1} for numbers, {@code ""} for text, an empty list for GPUs.
 *
 * @param jobId numeric Slurm job id (or a SLUID when that is all the prolog knew)
 * @param uid the job owner's numeric uid
 * @param user the job owner's user name
 * @param account Slurm account
 * @param partition Slurm partition
 * @param gpus GPU indices as Slurm gave them ({@code SLURM_JOB_GPUS}), e.g. {@code [0, 3]}
 * @param sluid the job's SLUID ({@code s[0-9A-Z]{13}}, Slurm 26.05+)
 * @param startTime job start, seconds since the epoch
 */
public record JobInfo(
    String jobId, long uid, String user, String account, String partition, List<String> gpus, String sluid,
    long startTime) {

  public JobInfo {
    gpus = List.copyOf(gpus);
  }
}
