package io.dgxmon.exporter.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dgxmon.exporter.cgroup.CgroupTrees.Figures;
import io.dgxmon.exporter.files.FileProblems;
import io.dgxmon.exporter.files.HostileFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV1ReaderTest {
  static final NodeMemory NODE = new NodeMemory(64L << 30, 8L << 30);

  @TempDir Path root;

  List<CgroupSample> read(boolean fullSlurm) throws IOException {
    return CgroupReader.detect(root.toString(), fullSlurm, NODE, new FileProblems(line -> {})).read();
  }

  /** Jobs 42 and 43, the latter without its cpuacct.usage; returns where that file was. */
  private Path jobsWithUsageOf43Removed() throws IOException {
    CgroupTrees.v1(root, "slurm/uid_1000/job_42", Figures.sample(1));
    CgroupTrees.v1(root, "slurm/uid_1000/job_43", Figures.sample(2));
    Path usage = root.resolve("cpuacct/slurm/uid_1000/job_43/cpuacct.usage");
    Files.delete(usage);
    return usage;
  }

  @Test
  void aFifoInPlaceOfAKernelFileLeavesOutOnlyItsCgroupAndNeverBlocks() throws Exception {
    Path usage = HostileFiles.fifo(jobsWithUsageOf43Removed());
    List<String> logged = new ArrayList<>();
    CgroupReader reader = CgroupReader.detect(root.toString(), false, NODE, new FileProblems(logged::add));

    for (int scrape = 0; scrape < 2; scrape++) {
      List<CgroupSample> samples = assertTimeoutPreemptively(Duration.ofSeconds(10), reader::read);
      assertEquals(List.of("42"), samples.stream().map(CgroupSample::jobId).toList());
    }
    assertEquals(List.of("skipping " + usage + ": not a regular file (a FIFO, socket, device or directory); read as"
        + " absent"), logged);
  }

  @Test
  void aSymlinkedKernelFileIsNotFollowedAndAHugeOneIsReadOnlyUpToTheBuffer() throws Exception {
    Files.createSymbolicLink(jobsWithUsageOf43Removed(), Path.of("/dev/zero"));
    Path stat = root.resolve("memory/slurm/uid_1000/job_42/memory.stat");
    Files.writeString(stat, Files.readString(stat) + "x".repeat(1 << 20)); // a 1 MiB "kernel file"

    List<CgroupSample> samples = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> read(false));
    assertEquals(List.of("42"), samples.stream().map(CgroupSample::jobId).toList());
    assertEquals(Figures.sample(1).rss(), samples.get(0).stats().memoryRssBytes());
  }

  @Test
  void jobTotalsAsTheJobstatsExporterWritesThem() throws IOException {
    CgroupTrees.v1(root, "slurm/uid_1000/job_42", Figures.sample(1));
    CgroupTrees.v1(root, "slurm/uid_1000/job_42/step_batch", Figures.sample(2));
    CgroupTrees.v1(root, "slurm/uid_0/job_7", Figures.sample(0).withLimit(CgroupTrees.UNLIMITED_V1).withCpus("0,2-3,9"));

    String text = Exposition.cgroups(read(false), Map.of(), Map.of());

    assertEquals("""
        # HELP cgroup_cpu_system_seconds Cumulative CPU system seconds for cgroup
        # TYPE cgroup_cpu_system_seconds gauge
        cgroup_cpu_system_seconds{jobid="42",step="",task=""} 2.01
        cgroup_cpu_system_seconds{jobid="7",step="",task=""} 2.0
        # HELP cgroup_cpu_total_seconds Cumulative CPU total seconds for cgroup
        # TYPE cgroup_cpu_total_seconds gauge
        cgroup_cpu_total_seconds{jobid="42",step="",task=""} 12.345678901
        cgroup_cpu_total_seconds{jobid="7",step="",task=""} 12.3456789
        # HELP cgroup_cpu_user_seconds Cumulative CPU user seconds for cgroup
        # TYPE cgroup_cpu_user_seconds gauge
        cgroup_cpu_user_seconds{jobid="42",step="",task=""} 10.01
        cgroup_cpu_user_seconds{jobid="7",step="",task=""} 10.0
        # HELP cgroup_cpus Number of CPUs in the cgroup
        # TYPE cgroup_cpus gauge
        cgroup_cpus{jobid="42",step="",task=""} 4.0
        cgroup_cpus{jobid="7",step="",task=""} 4.0
        # HELP cgroup_memory_cache_bytes Memory cache used in bytes
        # TYPE cgroup_memory_cache_bytes gauge
        cgroup_memory_cache_bytes{jobid="42",step="",task=""} 413696.0
        cgroup_memory_cache_bytes{jobid="7",step="",task=""} 409600.0
        # HELP cgroup_memory_fail_count Memory fail count
        # TYPE cgroup_memory_fail_count gauge
        cgroup_memory_fail_count{jobid="42",step="",task=""} 1.0
        cgroup_memory_fail_count{jobid="7",step="",task=""} 0.0
        # HELP cgroup_memory_rss_bytes Memory RSS used in bytes
        # TYPE cgroup_memory_rss_bytes gauge
        cgroup_memory_rss_bytes{jobid="42",step="",task=""} 1.1534336E7
        cgroup_memory_rss_bytes{jobid="7",step="",task=""} 1.048576E7
        # HELP cgroup_memory_shmem_bytes Memory shmem used in bytes
        # TYPE cgroup_memory_shmem_bytes gauge
        cgroup_memory_shmem_bytes{jobid="42",step="",task=""} 8192.0
        cgroup_memory_shmem_bytes{jobid="7",step="",task=""} 0.0
        # HELP cgroup_memory_total_bytes Memory total given to cgroup in bytes
        # TYPE cgroup_memory_total_bytes gauge
        cgroup_memory_total_bytes{jobid="42",step="",task=""} 1.7179869184E10
        cgroup_memory_total_bytes{jobid="7",step="",task=""} 6.8719476736E10
        # HELP cgroup_memory_used_bytes Memory used in bytes
        # TYPE cgroup_memory_used_bytes gauge
        cgroup_memory_used_bytes{jobid="42",step="",task=""} 2.2020096E7
        cgroup_memory_used_bytes{jobid="7",step="",task=""} 2.097152E7
        # HELP cgroup_memsw_fail_count Swap fail count
        # TYPE cgroup_memsw_fail_count gauge
        cgroup_memsw_fail_count{jobid="42",step="",task=""} 0.0
        cgroup_memsw_fail_count{jobid="7",step="",task=""} 0.0
        # HELP cgroup_memsw_total_bytes Swap total given to cgroup in bytes
        # TYPE cgroup_memsw_total_bytes gauge
        cgroup_memsw_total_bytes{jobid="42",step="",task=""} 1.7179869184E10
        cgroup_memsw_total_bytes{jobid="7",step="",task=""} 7.7309411328E10
        # HELP cgroup_memsw_used_bytes Swap used in bytes
        # TYPE cgroup_memsw_used_bytes gauge
        cgroup_memsw_used_bytes{jobid="42",step="",task=""} 2.3068672E7
        cgroup_memsw_used_bytes{jobid="7",step="",task=""} 2.2020096E7
        # HELP cgroup_uid Uid number of user running this job
        # TYPE cgroup_uid gauge
        cgroup_uid{jobid="42"} 1000.0
        cgroup_uid{jobid="7"} 0.0
        """, text);
  }

  @Test
  void stepsAndTasksWithFullSlurmInheritCpusFromTheirParent() throws IOException {
    CgroupTrees.v1(root, "slurm/uid_1000/job_42", Figures.sample(1).withCpus("0-7"));
    CgroupTrees.v1(root, "slurm/uid_1000/job_42/step_0", Figures.sample(2).withCpus(""));
    CgroupTrees.v1(root, "slurm/uid_1000/job_42/step_0/task_3", Figures.sample(3).withCpus(""));
    CgroupTrees.v1(root, "slurm/uid_1000/job_42/step_extern", Figures.sample(4).withCpus("1"));

    List<CgroupSample> samples = read(true);

    assertEquals(List.of("42//=8", "42/0/3=8", "42/0/=8", "42/extern/=1"), samples.stream()
        .map(s -> s.jobId() + "/" + s.step() + "/" + s.task() + "=" + s.stats().cpus()).sorted().toList());
    CgroupSample task = samples.stream().filter(s -> s.task().equals("3")).findFirst().orElseThrow();
    assertEquals(10.03, task.stats().cpuUserSeconds(), 1e-9);
    assertEquals(1_048_576L * 13, task.stats().memoryRssBytes());
  }

  @Test
  void severalSlurmdOnOneHostAddUpToOneSeriesPerJob() throws IOException {
    CgroupTrees.v1(root, "slurm_node1/uid_1000/job_42", Figures.sample(1));
    CgroupTrees.v1(root, "slurm_node2/uid_1000/job_42", Figures.sample(2));
    CgroupTrees.v1(root, "slurm_node2/uid_1001/job_43", Figures.sample(3));
    CgroupTrees.v1(root, "slurmctld_not_ours/uid_1/job_1", Figures.sample(3));

    List<CgroupSample> samples = read(false);

    assertEquals(List.of("42", "43"), samples.stream().map(CgroupSample::jobId).sorted().toList());
    CgroupSample job42 = samples.stream().filter(s -> s.jobId().equals("42")).findFirst().orElseThrow();
    assertEquals(10.01 + 10.02, job42.stats().cpuUserSeconds(), 1e-9);
    assertEquals(8, job42.stats().cpus());
    // one series per job, not one per slurmd (upstream's multiple-slurmd bug)
    String text = Exposition.cgroups(samples, Map.of(), Map.of());
    assertEquals(1, text.lines().filter(l -> l.startsWith("cgroup_cpus{jobid=\"42\",")).count(), text);
  }

  @Test
  void aJobWhoseDirectoriesVanishedIsAbsentNotPartial() throws IOException {
    CgroupTrees.v1(root, "slurm/uid_1000/job_42", Figures.sample(1));
    CgroupTrees.v1(root, "slurm/uid_1000/job_43", Figures.sample(2));
    CgroupTrees.v1(root, "slurm/uid_1000/job_44", Figures.sample(3));
    // job 43: the kernel already removed its memory cgroup, cpuacct still lists it
    deleteTree(root.resolve("memory/slurm/uid_1000/job_43"));
    // job 44: rmdir'd between listing and reading (an empty directory has no control files)
    deleteTree(root.resolve("cpuacct/slurm/uid_1000/job_44"));
    Files.createDirectories(root.resolve("cpuacct/slurm/uid_1000/job_44"));

    assertEquals(List.of("42"), read(true).stream().map(CgroupSample::jobId).toList());
  }

  @Test
  void noSwapAccountingReadsAsZeroSwap() throws IOException {
    CgroupTrees.v1(root, "slurm/uid_1000/job_42", Figures.sample(1));
    Files.delete(root.resolve("memory/slurm/uid_1000/job_42/memory.memsw.usage_in_bytes"));
    Files.delete(root.resolve("memory/slurm/uid_1000/job_42/memory.memsw.failcnt"));

    CgroupStats stats = read(false).get(0).stats();

    assertEquals(0, stats.memswUsedBytes());
    assertEquals(1_048_576L * 21, stats.memoryUsedBytes());
  }

  @Test
  void noSlurmDirectoryYetMeansNoJobs() throws IOException {
    Files.createDirectories(root.resolve("cpuacct"));
    assertEquals(List.of(), read(true));
  }

  @Test
  void aMissingRootIsAnError() {
    IOException e = assertThrows(IOException.class,
        () -> CgroupReader.detect(root.resolve("absent").toString(), false, NODE, new FileProblems(line -> {})).read());
    assertEquals("cgroup root " + root.resolve("absent") + " does not exist or is not a directory", e.getMessage());
  }

  static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
