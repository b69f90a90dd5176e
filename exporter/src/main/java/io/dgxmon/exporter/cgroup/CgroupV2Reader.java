package io.dgxmon.exporter.cgroup;

import io.dgxmon.exporter.files.FileProblems;
import io.dgxmon.exporter.jobs.JobIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * cgroup v2: {@code <root>/system.slice/[<node>_]slurmstepd.scope/{job_J | SLUID}[/step_S[/user/task_T]]}.
 * Every file but {@code cpu.stat} is optional (a controller may not be enabled); {@code cpu.stat} is read last
 * and proves the directory still existed after the others were read.
 */
final class CgroupV2Reader implements CgroupReader {
  private static final String SCOPE_SUFFIX = "slurmstepd.scope";
  private static final byte[][] CPU_STAT = KernelText.keys("usage_usec", "user_usec", "system_usec");
  private static final byte[][] MEMORY_STAT = KernelText.keys("anon", "swapcached", "file", "shmem");
  private static final byte[][] MEMORY_EVENTS = KernelText.keys("oom");

  private final String root;
  private final boolean fullSlurm;
  private final NodeMemory node;
  private final KernelFiles files;
  private final long[] values = new long[MEMORY_STAT.length];

  CgroupV2Reader(String root, boolean fullSlurm, NodeMemory node, FileProblems problems,
      KernelFilesystems kernelFilesystems) {
    this.files = new KernelFiles(problems);
    files.checkTypes(CgroupReader.needTypeChecks(kernelFilesystems, root));
    this.root = root;
    this.fullSlurm = fullSlurm;
    this.node = node;
  }

  @Override
  public List<CgroupSample> read() throws IOException {
    String slice = root + "/system.slice/";
    List<String> scopes = new ArrayList<>();
    for (String name : CgroupReader.childrenStartingWith(slice, "")) {
      if (name.equals(SCOPE_SUFFIX) || name.endsWith("_" + SCOPE_SUFFIX)) {
        scopes.add(name);
      }
    }
    List<CgroupSample> samples = new ArrayList<>();
    for (String scope : scopes) {
      String scopeDir = slice + scope + '/';
      long scopeLimit = memoryMax(scopeDir, node.ramBytes());
      for (String jobDir : CgroupReader.childrenStartingWith(scopeDir, "")) {
        String jobId = jobDir.startsWith("job_") ? jobDir.substring(4) : jobDir;
        if ((jobDir.startsWith("job_") && JobIds.isNumericJobId(jobId)) || JobIds.isSluid(jobDir)) {
          readJob(scopeDir + jobDir + '/', jobId, scopeLimit, samples);
        }
      }
    }
    return scopes.size() > 1 ? CgroupReader.mergeSameLabels(samples) : samples;
  }

  private void readJob(String jobDir, String jobId, long scopeLimit, List<CgroupSample> samples)
      throws IOException {
    CgroupStats job = readCgroup(jobDir, scopeLimit, null);
    if (job == null) {
      return;
    }
    samples.add(new CgroupSample(jobId, "", "", -1, job));
    if (!fullSlurm) {
      return;
    }
    for (String stepDir : CgroupReader.childrenStartingWith(jobDir, "step_")) {
      String stepPath = jobDir + stepDir + '/';
      CgroupStats step = readCgroup(stepPath, job.memoryTotalBytes(), job);
      if (step == null) {
        continue;
      }
      String stepName = stepDir.substring(5);
      samples.add(new CgroupSample(jobId, stepName, "", -1, step));
      for (String taskDir : CgroupReader.childrenStartingWith(stepPath + "user/", "task_")) {
        CgroupStats task = readCgroup(stepPath + "user/" + taskDir + '/', step.memoryTotalBytes(), step);
        if (task != null) {
          samples.add(new CgroupSample(jobId, stepName, taskDir.substring(5), -1, task));
        }
      }
    }
  }

  /** One cgroup's figures, or {@code null} when the directory vanished meanwhile. */
  private CgroupStats readCgroup(String dir, long parentLimit, CgroupStats parent) throws IOException {
    int cpus = files.read(dir + "cpuset.cpus.effective") ? KernelText.countCpus(files.bytes(), files.length()) : 0;
    long limit = memoryMax(dir, parentLimit);
    long used = files.read(dir + "memory.current") ? files.firstNumber() : 0;
    java.util.Arrays.fill(values, 0);
    long failCount = 0;
    if (files.read(dir + "memory.events")) {
      KernelText.scanKeyed(files.bytes(), files.length(), MEMORY_EVENTS, values);
      failCount = values[0];
      values[0] = 0;
    }
    if (files.read(dir + "memory.stat")) {
      KernelText.scanKeyed(files.bytes(), files.length(), MEMORY_STAT, values);
    }
    long rss = values[0] + values[1];
    long cache = values[2];
    long shmem = values[3];
    if (!files.read(dir + "cpu.stat")) {
      return null;
    }
    java.util.Arrays.fill(values, 0);
    KernelText.scanKeyed(files.bytes(), files.length(), CPU_STAT, values);
    // jobstats' v2 exporter reports no swap figures (0); kept so dashboards see the same series.
    CgroupStats stats = new CgroupStats(values[1] / 1e6, values[2] / 1e6, values[0] / 1e6, cpus, rss, cache, shmem,
        used, limit, failCount, 0, 0, 0);
    return stats.withCpusFrom(parent);
  }

  /** The effective limit: {@code memory.max} capped by the enclosing one ({@code max} or no file: the enclosing). */
  private long memoryMax(String dir, long enclosing) throws IOException {
    if (!files.read(dir + "memory.max")) {
      return enclosing;
    }
    long max = files.firstNumber();
    return Math.min(max, enclosing);
  }
}
