package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmClusterIT {
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @Test
  void threeNodesRunJobsWithGpusPrologAndEpilog() throws IOException {
    Path prologLog = tmp.resolve("prolog.log");
    Path prolog = script("prolog.sh", "echo \"job=$SLURM_JOB_ID node=$SLURMD_NODENAME gpus=$SLURM_JOB_GPUS\" >> " + prologLog);
    Path epilog = script("epilog.sh", "echo \"epilog job=$SLURM_JOB_ID exit=$SLURM_JOB_EXIT_CODE2\" >> " + prologLog);
    List<String> nodes;
    try (SlurmCluster cluster = SlurmCluster.builder(tmp.resolve("slurm")).nodes(3).gpusPerNode(4)
        .firstAddress("127.0.1.11").prolog(prolog).epilog(epilog).start()) {
      nodes = cluster.nodeNames();
      assertEquals(3, nodes.size());
      assertEquals("127.0.1.13", cluster.nodeAddress(nodes.get(2)));
      nodes.forEach(n -> assertEquals("IDLE", cluster.nodeState(n)));

      ProcessResult step = cluster.srun(JOB_TIMEOUT, "-N3", "--gres=gpu:2", "sh", "-c",
          "echo $SLURMD_NODENAME $CUDA_VISIBLE_DEVICES").assertSuccess("srun -N3");
      Map<String, String> gpusByNode = new TreeMap<>();
      step.stdout().lines().map(l -> l.split(" ")).forEach(f -> gpusByNode.put(f[0], f[1]));
      assertEquals(new TreeMap<>(Map.of(nodes.get(0), "0,1", nodes.get(1), "0,1", nodes.get(2), "0,1")), gpusByNode);
      assertTrue(Files.isDirectory(Path.of("/sys/fs/cgroup/devices/slurm_" + nodes.get(0))), "job ran in a cgroup");
      assertTrue(Files.readString(prologLog).matches("(?s).*job=\\d+ node=" + nodes.get(0) + " gpus=0,1.*"),
          Files.readString(prologLog));

      Path out = tmp.resolve("batch.out");
      long job = cluster.sbatch("-w", nodes.get(1), "--gres=gpu:1", "-o", out.toString(),
          "--wrap", "echo gpus=$CUDA_VISIBLE_DEVICES on $SLURMD_NODENAME");
      cluster.awaitJobState(job, "COMPLETED", JOB_TIMEOUT);
      assertEquals("gpus=0 on " + nodes.get(1), Files.readString(out).trim());
      assertTrue(Files.readString(prologLog).contains("job=" + job + " node=" + nodes.get(1)));
      assertTrue(Files.readString(prologLog).contains("epilog job=" + job + " exit=0:0"), Files.readString(prologLog));
    }
    for (String node : nodes) {
      assertFalse(Files.exists(Path.of("/sys/fs/cgroup/devices/slurm_" + node)), "cgroup left for " + node);
    }
  }

  @Test
  void gpuDevicesAreConstrainedAndFailedJobsAreReported() {
    try (SlurmCluster cluster = SlurmCluster.builder(tmp.resolve("slurm")).gpusPerNode(2)
        .firstAddress("127.0.1.21").start()) {
      ProcessResult ls = Processes.run(JOB_TIMEOUT, "stat", "-c", "%F %t:%T", cluster.devDir().resolve("nvidia1").toString());
      assertEquals("character special file c3:1", ls.stdout().trim());
      assertTrue(Files.readString(cluster.slurmConf()).contains("Port="));

      String dev = cluster.devDir().toString();
      ProcessResult reads = cluster.srun(JOB_TIMEOUT, "--gres=gpu:1", "sh", "-c",
          "cat " + dev + "/nvidia0; cat " + dev + "/nvidia1; true");
      assertTrue(reads.stderr().contains("nvidia0: No such device or address"), reads.stderr());
      assertTrue(reads.stderr().contains("nvidia1: Operation not permitted"), reads.stderr());

      long job = cluster.sbatch("--wrap", "exit 3");
      AssertionError failed = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
          () -> cluster.awaitJobState(job, "COMPLETED", JOB_TIMEOUT));
      assertTrue(failed.getMessage().contains("ended FAILED"), failed.getMessage());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void twoClustersSideBySideStayApart() {
    try (SlurmCluster a = SlurmCluster.builder(tmp.resolve("a")).firstAddress("127.0.1.31").gpusPerNode(1).start();
        SlurmCluster b = SlurmCluster.builder(tmp.resolve("b")).firstAddress("127.0.1.31").gpusPerNode(1).start()) {
      assertFalse(a.nodeNames().get(0).equals(b.nodeNames().get(0)), "node names must be unique per cluster");
      assertEquals(a.nodeNames().get(0), a.srun(JOB_TIMEOUT, "printenv", "SLURMD_NODENAME").assertSuccess("srun a").stdout().trim());
      assertEquals(b.nodeNames().get(0), b.srun(JOB_TIMEOUT, "printenv", "SLURMD_NODENAME").assertSuccess("srun b").stdout().trim());
      ProcessResult foreign = b.scontrol("show", "node", a.nodeNames().get(0));
      assertTrue(foreign.exitCode() != 0 || !foreign.stdout().contains("NodeName=" + a.nodeNames().get(0)), foreign.stdout());
    }
  }

  @Test
  void aControllerPortTakenBeforeSlurmctldBindsIsRetriedOnFreshPorts() throws IOException {
    try (ServerSocket taken = new ServerSocket(0);
        SlurmCluster cluster = SlurmCluster.builder(tmp.resolve("slurm")).firstAddress("127.0.1.41").gpusPerNode(1)
            .firstControllerPort(taken.getLocalPort()).start()) {
      assertTrue(Files.readString(tmp.resolve("slurm/log-attempt-1/slurmctld.out")).contains("Address already in use"),
          "the first attempt met the taken port");
      assertFalse(Files.readString(cluster.slurmConf()).contains("SlurmctldPort=" + taken.getLocalPort()));
      assertEquals(cluster.nodeNames().get(0),
          cluster.srun(JOB_TIMEOUT, "printenv", "SLURMD_NODENAME").assertSuccess("srun").stdout().trim());
    }
  }

  private Path script(String name, String body) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\nexit 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
