package io.dgxmon.exporter.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.SystemdUnit;
import io.dgxmon.exporter.cgroup.CgroupTrees;
import io.dgxmon.exporter.cgroup.CgroupTrees.Figures;
import io.dgxmon.exporter.gpu.ExporterProcess;
import io.dgxmon.testkit.nvml.NvmlScenario;
import io.dgxmon.testkit.nvml.NvmlStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's attacks against the shaded jar under the systemd unit's JVM flags (-Xmx32m, exit on OOM): a symlink
 * to a secret in the job map, 2,500 ids in one map file, a 16 MB job info file, a symlink to /dev/zero, a FIFO, a
 * FIFO as a cgroup file and invalid UTF-8, all at once. The process must stay up, answer every scrape quickly with
 * the good jobs' series (also to more concurrent scrapes than it has HTTP threads), name each bad file in the log
 * without repeating it, and stop promptly on SIGTERM.
 */
class HostileInputIT {
  private static final double SCRAPE_SECONDS = 10;

  @TempDir Path dir;

  @Test
  void hostileInputsAreSkippedWhileTheGoodJobsAreServed() throws Exception {
    Path map = Files.createDirectories(dir.resolve("map"));
    Path jobs = Files.createDirectories(dir.resolve("jobs"));
    Path cgroup = dir.resolve("cgroup");
    writeGoodJob(map, jobs, cgroup);
    List<Path> hostile = writeHostileInputs(map, jobs, cgroup);

    try (ExporterProcess exporter = start()) {
      for (int round = 0; round < 3; round++) {
        assertDcgm(scrapeQuickly(exporter, "dcgm"));
        assertJobstats(scrapeQuickly(exporter, "gpu"));
        assertCgroup(scrapeQuickly(exporter, "cgroup"));
      }
      assertTrue(exporter.alive(), exporter.log());
      String log = exporter.log();
      for (Path file : hostile) {
        long lines = log.lines().filter(l -> l.contains("skipping " + file + ":")).count();
        assertEquals(1, lines, file + " named " + lines + " times:\n" + log);
      }
      assertTrue(log.contains("lists more than 64 jobs"), log);
      scrapeConcurrently(exporter, 12);
      assertEquals(143, exporter.terminate(10), "SIGTERM with a FIFO present:\n" + exporter.log());
    }
  }

  private ExporterProcess start() throws Exception {
    Path jar = Path.of("target/dgxmon-exporter.jar");
    assertTrue(Files.isRegularFile(jar), "the shaded jar is built in the package phase: " + jar.toAbsolutePath());
    Path scenario = NvmlScenario.gpus(2).writeTo(dir.resolve("scenario.txt"));
    List<String> args = List.of("--dcgm.listen-address", "127.0.2.1:0", "--gpu.listen-address", "127.0.2.1:0",
        "--cgroup.listen-address", "127.0.2.1:0", "--path.cgroup.root", dir.resolve("cgroup").toString(),
        "--nvml.library", NvmlStub.build(dir.resolve("stub")).toString(),
        "--hpc-job-mapping-dir", dir.resolve("map").toString(), "--job-info-dir", dir.resolve("jobs").toString(),
        "--mig-map-file", dir.resolve("run/mig-uuids").toString(), "--hostname", "node1",
        "--collect.max-age", "0s");
    return ExporterProcess.start(dir, scenario, SystemdUnit.jvmFlags(), jar, args, 3);
  }

  private static void writeGoodJob(Path map, Path jobs, Path cgroup) throws Exception {
    Files.writeString(map.resolve("0"), "100\n");
    Files.writeString(jobs.resolve("100"), "job_id=100\nuid=4242\nuser=alice\naccount=phys\npartition=gpu\n");
    CgroupTrees.v1(cgroup, "slurm/uid_4242/job_100", Figures.sample(1));
  }

  /** Every attack of the issue; returns the files that must be named in the log. */
  private List<Path> writeHostileInputs(Path map, Path jobs, Path cgroup) throws Exception {
    Path shadowLink = Files.createSymbolicLink(map.resolve("5"), HostileFiles.secret(dir.resolve("shadow")));
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < 2500; i++) {
      ids.append(5000 + i).append('\n');
    }
    Files.writeString(map.resolve("1"), ids);
    Path huge = HostileFiles.huge(jobs.resolve("200"), 16L << 20);
    Path zero = Files.createSymbolicLink(jobs.resolve("781"), Path.of("/dev/zero"));
    Path fifo = HostileFiles.fifo(jobs.resolve("12345"));
    Path latin1 = HostileFiles.latin1(jobs.resolve("300"), "job_id=300\nuser=ren", "\n");
    CgroupTrees.v1(cgroup, "slurm/uid_4242/job_101", Figures.sample(2));
    Path usage = cgroup.resolve("cpuacct/slurm/uid_4242/job_101/cpuacct.usage");
    Files.delete(usage);
    HostileFiles.fifo(usage);
    return List.of(shadowLink, huge, zero, fifo, latin1, usage);
  }

  /** More scrapes at once than the HTTP server has threads: with a FIFO read on them, all would hang. */
  private static void scrapeConcurrently(ExporterProcess exporter, int scrapes) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(scrapes);
    try {
      List<Future<String>> bodies = new ArrayList<>();
      for (int i = 0; i < scrapes; i++) {
        bodies.add(clients.submit(() -> scrapeQuickly(exporter, "gpu")));
      }
      for (Future<String> body : bodies) {
        assertJobstats(body.get(60, TimeUnit.SECONDS));
      }
    } finally {
      clients.shutdownNow();
    }
  }

  private static String scrapeQuickly(ExporterProcess exporter, String profile) throws Exception {
    long start = System.nanoTime();
    String body = exporter.scrape(profile);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < SCRAPE_SECONDS, profile + " scrape took " + seconds + " s");
    assertFalse(body.contains("saltsalt") || body.contains("root:"), "a secret leaked into labels:\n" + body);
    return body;
  }

  private static void assertDcgm(String dcgm) {
    assertTrue(dcgm.contains("dgxmon_scrape_collector_success{collector=\"nvml\"} 1.0"), dcgm);
    assertTrue(dcgm.contains("hpc_job=\"100\""), dcgm);
    long jobsOnGpu1 = dcgm.lines().filter(l -> l.startsWith("DCGM_FI_DEV_GPU_TEMP{") && l.contains("gpu=\"1\""))
        .count();
    assertEquals(64, jobsOnGpu1, "one series per job, at most 64 jobs");
  }

  private static void assertJobstats(String gpu) {
    assertTrue(gpu.contains("dgxmon_scrape_collector_success{collector=\"nvml\"} 1.0"), gpu);
    assertTrue(gpu.contains("jobid=\"100\"") && gpu.contains("userid=\"4242\""), gpu);
  }

  private static void assertCgroup(String cgroup) {
    assertTrue(cgroup.contains("dgxmon_scrape_collector_success{collector=\"cgroup\"} 1.0"), cgroup);
    assertTrue(cgroup.contains("dgxmon_scrape_collector_success{collector=\"jobinfo\"} 1.0"), cgroup);
    assertTrue(cgroup.contains(
        "dgxmon_job_info{account=\"phys\",jobid=\"100\",partition=\"gpu\",uid=\"4242\",user=\"alice\"} 1"), cgroup);
    assertTrue(cgroup.contains("cgroup_cpu_total_seconds{jobid=\"100\",step=\"\",task=\"\"}"), cgroup);
    assertFalse(cgroup.contains("jobid=\"101\""), "the cgroup with a FIFO is left out:\n" + cgroup);
  }
}
