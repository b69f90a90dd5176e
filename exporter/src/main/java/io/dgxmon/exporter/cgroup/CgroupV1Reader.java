package io.dgxmon.exporter.cgroup;

import io.dgxmon.exporter.files.FileProblems;
import io.dgxmon.exporter.jobs.JobIds;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * cgroup v1: {@code <root>/<controller>/slurm[_<node>]/uid_U/job_J[/step_S[/task_T]]} for cpuacct, memory and
 * cpuset. Jobs are found under cpuacct (as the jobstats exporter does); memory and cpuset are read where their
 * hierarchy has the same Slurm directory.
 */
final class CgroupV1Reader implements CgroupReader {
  private static final byte[][] CPUACCT_STAT = KernelText.keys("user", "system");
  private static final byte[][] MEMORY_STAT = KernelText.keys(
      "total_rss", "total_cache", "total_shmem", "hierarchical_memory_limit", "hierarchical_memsw_limit");
  /** cpuacct.stat is in USER_HZ, which Linux fixes at 100 for user space. */
  private static final double USER_HZ = 100.0;

  private final String root;
  private final boolean fullSlurm;
  private final NodeMemory node;
  private final KernelFiles files;
  private final long[] values = new long[MEMORY_STAT.length];

  CgroupV1Reader(String root, boolean fullSlurm, NodeMemory node, FileProblems problems,
      KernelFilesystems kernelFilesystems) {
    this.files = new KernelFiles(problems);
    files.checkTypes(CgroupReader.needTypeChecks(kernelFilesystems, root + "/cpuacct", root + "/memory",
        root + "/cpuset"));
    this.root = root;
    this.fullSlurm = fullSlurm;
    this.node = node;
  }

  @Override
  public List<CgroupSample> read() throws IOException {
    String cpuacct = root + "/cpuacct";
    if (!new File(cpuacct).isDirectory()) {
      throw new IOException("cgroup v1 root " + root + " has no cpuacct controller");
    }
    List<String> bases = new ArrayList<>();
    for (String name : CgroupReader.childrenStartingWith(cpuacct, "")) {
      if (name.equals("slurm") || name.startsWith("slurm_")) {
        bases.add(name);
      }
    }
    List<CgroupSample> samples = new ArrayList<>();
    for (String base : bases) {
      readBase(base, samples);
    }
    return bases.size() > 1 ? CgroupReader.mergeSameLabels(samples) : samples;
  }

  private void readBase(String base, List<CgroupSample> samples) throws IOException {
    boolean memory = new File(root + "/memory/" + base).isDirectory();
    boolean cpuset = new File(root + "/cpuset/" + base).isDirectory();
    for (String uidDir : CgroupReader.childrenStartingWith(root + "/cpuacct/" + base, "uid_")) {
      String uid = uidDir.substring(4);
      if (!JobIds.isNumericJobId(uid)) {
        continue;
      }
      String uidPath = base + '/' + uidDir;
      for (String jobDir : CgroupReader.childrenStartingWith(root + "/cpuacct/" + uidPath, "job_")) {
        String jobId = jobDir.substring(4);
        if (JobIds.isNumericJobId(jobId)) {
          readJob(uidPath + '/' + jobDir, jobId, Long.parseLong(uid), memory, cpuset, samples);
        }
      }
    }
  }

  private void readJob(String jobPath, String jobId, long uid, boolean memory, boolean cpuset,
      List<CgroupSample> samples) throws IOException {
    CgroupStats job = readCgroup(jobPath, memory, cpuset);
    if (job == null) {
      return;
    }
    samples.add(new CgroupSample(jobId, "", "", uid, job));
    if (!fullSlurm) {
      return;
    }
    for (String stepDir : CgroupReader.childrenStartingWith(root + "/cpuacct/" + jobPath, "step_")) {
      String stepPath = jobPath + '/' + stepDir;
      CgroupStats step = readCgroup(stepPath, memory, cpuset);
      if (step == null) {
        continue;
      }
      step = step.withCpusFrom(job);
      String stepName = stepDir.substring(5);
      samples.add(new CgroupSample(jobId, stepName, "", uid, step));
      for (String taskDir : CgroupReader.childrenStartingWith(root + "/cpuacct/" + stepPath, "task_")) {
        CgroupStats task = readCgroup(stepPath + '/' + taskDir, memory, cpuset);
        if (task != null) {
          samples.add(new CgroupSample(jobId, stepName, taskDir.substring(5), uid, task.withCpusFrom(step)));
        }
      }
    }
  }

  /** One cgroup's figures, or {@code null} when any of its directories vanished meanwhile. */
  private CgroupStats readCgroup(String path, boolean memory, boolean cpuset) throws IOException {
    String cpuacct = root + "/cpuacct/" + path + '/';
    if (!files.read(cpuacct + "cpuacct.usage")) {
      return null;
    }
    double total = files.firstNumber() / 1e9;
    if (!files.read(cpuacct + "cpuacct.stat")) {
      return null;
    }
    values[0] = 0;
    values[1] = 0;
    KernelText.scanKeyed(files.bytes(), files.length(), CPUACCT_STAT, values);
    double user = values[0] / USER_HZ;
    double system = values[1] / USER_HZ;
    int cpus = 0;
    if (cpuset) {
      if (!files.read(root + "/cpuset/" + path + "/cpuset.cpus")) {
        return null;
      }
      cpus = KernelText.countCpus(files.bytes(), files.length());
    }
    if (!memory) {
      return new CgroupStats(user, system, total, cpus, 0, 0, 0, 0, node.ramBytes(), 0, 0, 0, 0);
    }
    return readMemory(root + "/memory/" + path + '/', user, system, total, cpus);
  }

  private CgroupStats readMemory(String dir, double user, double system, double total, int cpus)
      throws IOException {
    // The optional swap files first: if the directory vanished, a required read below notices.
    long memswUsed = files.read(dir + "memory.memsw.usage_in_bytes") ? files.firstNumber() : 0;
    long memswFail = files.read(dir + "memory.memsw.failcnt") ? files.firstNumber() : 0;
    if (!files.read(dir + "memory.usage_in_bytes")) {
      return null;
    }
    long used = files.firstNumber();
    if (!files.read(dir + "memory.failcnt")) {
      return null;
    }
    long failCount = files.firstNumber();
    if (!files.read(dir + "memory.stat")) {
      return null;
    }
    java.util.Arrays.fill(values, -1);
    KernelText.scanKeyed(files.bytes(), files.length(), MEMORY_STAT, values);
    // hierarchical_*_limit is already the smallest limit of this cgroup and its ancestors; the node caps it.
    long limit = values[3] < 0 ? node.ramBytes() : Math.min(values[3], node.ramBytes());
    long memswLimit = values[4] < 0 ? 0 : Math.min(values[4], node.ramBytes() + node.swapBytes());
    return new CgroupStats(user, system, total, cpus, Math.max(0, values[0]), Math.max(0, values[1]),
        Math.max(0, values[2]), used, limit, failCount, memswUsed, memswLimit, memswFail);
  }
}
