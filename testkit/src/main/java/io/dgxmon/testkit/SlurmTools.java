package io.dgxmon.testkit;

import java.nio.file.Path;

/** The Slurm programs a {@link SlurmCluster} runs, found (or reported missing) up front. */
record SlurmTools(Path slurmctld, Path slurmd, Path srun, Path sbatch, Path scontrol, Path sinfo, Path mknod) {

  static SlurmTools require() {
    return new SlurmTools(
        RequiredTool.require("slurmctld", "slurm-wlm"),
        RequiredTool.require("slurmd", "slurm-wlm"),
        RequiredTool.require("srun", "slurm-wlm"),
        RequiredTool.require("sbatch", "slurm-wlm"),
        RequiredTool.require("scontrol", "slurm-wlm"),
        RequiredTool.require("sinfo", "slurm-wlm"),
        RequiredTool.require("mknod", "coreutils"));
  }

  /** The short host name Slurm compares NodeHostname and SlurmctldHost against. */
  static String hostname() {
    String name = TextFiles.read(Path.of("/proc/sys/kernel/hostname")).trim();
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
