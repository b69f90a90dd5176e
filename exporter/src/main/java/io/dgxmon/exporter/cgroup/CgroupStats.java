package io.dgxmon.exporter.cgroup;

/**
 * One cgroup's figures in the units the jobstats cgroup exporter reports (seconds, bytes, counts).
 * A limit that the kernel reports as unlimited is already resolved (parent's limit or node memory).
 */
public record CgroupStats(
    double cpuUserSeconds,
    double cpuSystemSeconds,
    double cpuTotalSeconds,
    int cpus,
    long memoryRssBytes,
    long memoryCacheBytes,
    long memoryShmemBytes,
    long memoryUsedBytes,
    long memoryTotalBytes,
    long memoryFailCount,
    long memswUsedBytes,
    long memswTotalBytes,
    long memswFailCount) {

  /** The sum of two cgroups' figures: one job under two slurmd instances of one host. */
  CgroupStats plus(CgroupStats o) {
    return new CgroupStats(
        cpuUserSeconds + o.cpuUserSeconds, cpuSystemSeconds + o.cpuSystemSeconds,
        cpuTotalSeconds + o.cpuTotalSeconds, cpus + o.cpus,
        memoryRssBytes + o.memoryRssBytes, memoryCacheBytes + o.memoryCacheBytes,
        memoryShmemBytes + o.memoryShmemBytes, memoryUsedBytes + o.memoryUsedBytes,
        memoryTotalBytes + o.memoryTotalBytes, memoryFailCount + o.memoryFailCount,
        memswUsedBytes + o.memswUsedBytes, memswTotalBytes + o.memswTotalBytes, memswFailCount + o.memswFailCount);
  }

  /** These figures with a CPU count inherited from the enclosing cgroup when this one reports none. */
  CgroupStats withCpusFrom(CgroupStats parent) {
    if (cpus != 0 || parent == null) {
      return this;
    }
    return new CgroupStats(cpuUserSeconds, cpuSystemSeconds, cpuTotalSeconds, parent.cpus, memoryRssBytes,
        memoryCacheBytes, memoryShmemBytes, memoryUsedBytes, memoryTotalBytes, memoryFailCount, memswUsedBytes,
        memswTotalBytes, memswFailCount);
  }
}
