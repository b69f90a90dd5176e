package io.dgxmon.exporter.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.exporter.CompatibilityLint;
import io.dgxmon.exporter.cgroup.CgroupTrees.Figures;
import io.dgxmon.exporter.files.FileProblems;
import io.dgxmon.exporter.jobs.JobInfo;
import io.dgxmon.exporter.jobs.JobInfoReader;
import io.dgxmon.testkit.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV2ReaderTest {
  static final NodeMemory NODE = new NodeMemory(64L << 30, 8L << 30);
  static final String SCOPE = "system.slice/slurmstepd.scope/";
  static final String SLUID = "s5K1KKYAYG5D00";

  @TempDir Path root;

  List<CgroupSample> read(boolean fullSlurm) throws IOException {
    return CgroupReader.detect(root.toString(), fullSlurm, NODE, new FileProblems(line -> {})).read();
  }

  @Test
  void jobTotalsFromSlurmJobAndSluidDirectories() throws Exception {
    CgroupTrees.v2(root, SCOPE + "job_42", Figures.sample(1).withCpus("0-15"));
    CgroupTrees.v2(root, SCOPE + SLUID, Figures.sample(2).withLimit(-1));
    CgroupTrees.v2(root, SCOPE + "system", Figures.sample(9));
    JobInfo sluidJob = new JobInfo("77", 1001, "bob", "acct", "gpu", List.of("0"), SLUID, 1_700_000_000L);
    Map<String, JobInfo> jobs = Map.of("77", sluidJob);

    String text = Exposition.cgroups(read(false), JobInfoReader.jobIdsBySluid(jobs), jobs);
    Promtool.checkMetrics(text, CompatibilityLint.CGROUP_PROFILE);

    assertEquals("""
        cgroup_cpu_system_seconds{jobid="42",step="",task=""} 2.01
        cgroup_cpu_system_seconds{jobid="77",step="",task=""} 2.02
        cgroup_cpu_total_seconds{jobid="42",step="",task=""} 12.02
        cgroup_cpu_total_seconds{jobid="77",step="",task=""} 12.04
        cgroup_cpu_user_seconds{jobid="42",step="",task=""} 10.01
        cgroup_cpu_user_seconds{jobid="77",step="",task=""} 10.02
        cgroup_cpus{jobid="42",step="",task=""} 16.0
        cgroup_cpus{jobid="77",step="",task=""} 4.0
        cgroup_memory_cache_bytes{jobid="42",step="",task=""} 413696.0
        cgroup_memory_cache_bytes{jobid="77",step="",task=""} 417792.0
        cgroup_memory_fail_count{jobid="42",step="",task=""} 1.0
        cgroup_memory_fail_count{jobid="77",step="",task=""} 0.0
        cgroup_memory_rss_bytes{jobid="42",step="",task=""} 1.1538432E7
        cgroup_memory_rss_bytes{jobid="77",step="",task=""} 1.2591104E7
        cgroup_memory_shmem_bytes{jobid="42",step="",task=""} 8192.0
        cgroup_memory_shmem_bytes{jobid="77",step="",task=""} 16384.0
        cgroup_memory_total_bytes{jobid="42",step="",task=""} 1.7179869184E10
        cgroup_memory_total_bytes{jobid="77",step="",task=""} 6.8719476736E10
        cgroup_memory_used_bytes{jobid="42",step="",task=""} 2.2020096E7
        cgroup_memory_used_bytes{jobid="77",step="",task=""} 2.3068672E7
        cgroup_memsw_fail_count{jobid="42",step="",task=""} 0.0
        cgroup_memsw_fail_count{jobid="77",step="",task=""} 0.0
        cgroup_memsw_total_bytes{jobid="42",step="",task=""} 0.0
        cgroup_memsw_total_bytes{jobid="77",step="",task=""} 0.0
        cgroup_memsw_used_bytes{jobid="42",step="",task=""} 0.0
        cgroup_memsw_used_bytes{jobid="77",step="",task=""} 0.0
        cgroup_uid{jobid="42"} -1.0
        cgroup_uid{jobid="77"} 1001.0
        """, samplesOnly(text));
  }

  @Test
  void anUnmappedSluidIsTheJobId() throws IOException {
    CgroupTrees.v2(root, SCOPE + SLUID, Figures.sample(2));
    String text = Exposition.cgroups(read(false), Map.of(), Map.of());
    assertEquals("cgroup_uid{jobid=\"" + SLUID + "\"} -1.0\n", samplesOnly(text).lines()
        .filter(l -> l.startsWith("cgroup_uid")).findFirst().orElseThrow() + "\n");
  }

  @Test
  void memoryMaxOfMaxIsTheParentsLimitAndNeverMinusOne() throws IOException {
    // the scope itself is limited to 32 GiB; job "max" inherits it; a step "max" inherits the job's 16 GiB
    Files.createDirectories(root.resolve(SCOPE));
    Files.writeString(root.resolve(SCOPE + "memory.max"), (32L << 30) + "\n");
    CgroupTrees.v2(root, SCOPE + "job_1", Figures.sample(1).withLimit(-1));
    CgroupTrees.v2(root, SCOPE + "job_2", Figures.sample(1).withLimit(16L << 30));
    CgroupTrees.v2(root, SCOPE + "job_2/step_0", Figures.sample(1).withLimit(-1));
    CgroupTrees.v2(root, SCOPE + "job_2/step_0/user/task_0", Figures.sample(1).withLimit(-1));

    Map<String, Long> totals = new java.util.TreeMap<>();
    read(true).forEach(s -> totals.put(s.jobId() + "/" + s.step() + "/" + s.task(), s.stats().memoryTotalBytes()));

    assertEquals(Map.of("1//", 32L << 30, "2//", 16L << 30, "2/0/", 16L << 30, "2/0/0", 16L << 30), totals);
  }

  @Test
  void stepsAndTasksOfSeveralSlurmdScopes() throws IOException {
    String other = "system.slice/node2_slurmstepd.scope/";
    CgroupTrees.v2(root, other + "job_5", Figures.sample(1));
    CgroupTrees.v2(root, other + "job_5/step_batch", Figures.sample(2).withCpus(""));
    CgroupTrees.v2(root, other + "job_5/step_batch/slurm", Figures.sample(3));
    CgroupTrees.v2(root, other + "job_5/step_batch/user/task_0", Figures.sample(4));
    CgroupTrees.v2(root, other + "job_5/step_batch/user/task_special", Figures.sample(5));
    CgroupTrees.v2(root, SCOPE + "job_6", Figures.sample(6));

    List<String> found = read(true).stream()
        .map(s -> s.jobId() + "/" + s.step() + "/" + s.task() + " cpus=" + s.stats().cpus()).sorted().toList();

    assertEquals(List.of("5// cpus=4", "5/batch/ cpus=4", "5/batch/0 cpus=4", "5/batch/special cpus=4",
        "6// cpus=4"), found);
    assertEquals(List.of("5", "6"), read(false).stream().map(CgroupSample::jobId).sorted().toList());
  }

  @Test
  void aVanishedCgroupIsAbsent() throws IOException {
    CgroupTrees.v2(root, SCOPE + "job_1", Figures.sample(1));
    Files.createDirectories(root.resolve(SCOPE + "job_2"));
    assertEquals(List.of("1"), read(true).stream().map(CgroupSample::jobId).toList());
  }

  /** The exposition without HELP/TYPE lines. */
  static String samplesOnly(String text) {
    StringBuilder out = new StringBuilder();
    text.lines().filter(l -> !l.startsWith("#")).forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }
}
