package io.dgxmon.e2e.slurm;

import static io.dgxmon.testkit.Await.untilPasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.SlurmCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dgxmon prolog/epilog on a real Slurm 22.05 (3 slurmd on this host, 4 fake GPUs each), installed BCM's way
 * and run by a BCM-like runner that stops at the first failing script. All slurmd share one host, so the settings
 * give each node its own dirs through the {@code %n} placeholder (SLURMD_NODENAME), which is how per-node files are
 * told apart honestly instead of all three nodes writing into one directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlurmJobMapIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> JOB_INFO_KEYS =
      List.of("job_id", "uid", "user", "account", "partition", "gpus", "sluid", "start_time");

  @TempDir static Path tmp;
  private BcmSlurmInstall install;
  private SlurmCluster cluster;
  private List<String> nodes;

  @BeforeAll
  void startCluster() throws IOException {
    install = BcmSlurmInstall.into(tmp.resolve("root"));
    install.addScript("prolog", "99-prolog-canary.sh", canary(install, "prolog"));
    install.addScript("epilog", "99-epilog-canary.sh", canary(install, "epilog"));
    cluster = startCluster(install, 3, "127.0.3.11");
    nodes = cluster.nodeNames();
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void defaultSettings() throws IOException {
    install.writeDefaultSettings();
  }

  @Test
  void aRunningJobIsInTheMapOfItsGpusAndGoneWhenItEnds() throws IOException {
    String node = nodes.get(0);
    NodeJobFiles files = install.node(node);
    Path release = tmp.resolve("release-single");
    long job = cluster.sbatch("-w", node, "--gres=gpu:2", "-A", "projA", "--wrap", waitFor(release));
    String id = Long.toString(job);
    try {
      cluster.awaitJobState(job, "RUNNING", TIMEOUT);
      // The prolog renames the map files first, then the job info file: wait for both.
      untilPasses(TIMEOUT, () -> assertTrue(files.jobInfos().containsKey(id), files.jobInfoDir().toString()));
      assertEquals(Map.of("0", List.of(id), "1", List.of(id)), files.gpuJobs());
      Map<String, String> info = files.jobInfos().get(id);
      assertEquals(JOB_INFO_KEYS, new ArrayList<>(info.keySet()), info.toString());
      assertEquals(List.of(id, "0", "root", "proja", "gpu", "0,1", ""), new ArrayList<>(info.values()).subList(0, 7));
      assertTrue(Math.abs(Long.parseLong(info.get("start_time")) - System.currentTimeMillis() / 1000) < 120,
          info.toString());
      assertEquals(Map.of("0", List.of(id + " 0"), "1", List.of(id + " 0")), files.gpustat());
    } finally {
      Files.createFile(release);
    }
    cluster.awaitJobState(job, "COMPLETED", TIMEOUT);
    untilPasses(TIMEOUT, () -> assertNothingLeft(files));
    List<String> complaints = install.logged().lines()
        .filter(l -> l.contains("job " + id + ":") && !l.endsWith("did not exist; creating it")).toList();
    assertEquals(List.of(), complaints, "a healthy job logs nothing but the dirs it had to create after 'boot'");
  }

  @Test
  void anSrunStepReadsItsOwnJobIdInTheMapFilesOfItsGpus() {
    String node = nodes.get(0);
    NodeJobFiles files = install.node(node);
    ProcessResult step = cluster.srun(TIMEOUT, "-w", node, "--gres=gpu:2", "sh", "-c",
        "cd " + files.mapDir() + " && echo $SLURM_JOB_ID $(grep -lx $SLURM_JOB_ID [0-9]*)").assertSuccess("srun");
    String[] seen = step.stdout().trim().split(" ");
    assertEquals(List.of("0", "1"), Arrays.asList(seen).subList(1, seen.length), step.stdout());
    untilPasses(TIMEOUT, () -> assertNothingLeft(files));
  }

  @Test
  void aThreeNodeStepIsMappedOnEveryNode() {
    ProcessResult step = cluster.srun(TIMEOUT, "-N3", "--gres=gpu:2", "sh", "-c",
        "cd " + install.root().resolve("run") + "/$SLURMD_NODENAME/dcgm-job-map"
            + " && echo $SLURMD_NODENAME $SLURM_JOB_ID $(grep -lx $SLURM_JOB_ID [0-9]*)").assertSuccess("srun -N3");
    Map<String, String> byNode = new TreeMap<>();
    step.stdout().lines().forEach(l -> byNode.put(l.substring(0, l.indexOf(' ')), l.substring(l.indexOf(' ') + 1)));
    String id = byNode.get(nodes.get(0)).split(" ")[0];
    Map<String, String> expected = new TreeMap<>();
    nodes.forEach(n -> expected.put(n, id + " 0 1"));
    assertEquals(expected, byNode, step.stdout());
    nodes.forEach(n -> untilPasses(TIMEOUT, () -> assertNothingLeft(install.node(n))));
  }

  @Test
  void twoConcurrentJobsOnOneNodeEachOwnOnlyTheirGpus() throws IOException {
    String node = nodes.get(1);
    NodeJobFiles files = install.node(node);
    Path release = tmp.resolve("release-pair");
    long first = cluster.sbatch("-w", node, "--gres=gpu:2", "--wrap", waitFor(release));
    long second = cluster.sbatch("-w", node, "--gres=gpu:2", "--wrap", waitFor(release));
    List<String> ids = List.of(Long.toString(first), Long.toString(second));
    try {
      cluster.awaitJobState(first, "RUNNING", TIMEOUT);
      cluster.awaitJobState(second, "RUNNING", TIMEOUT);
      untilPasses(TIMEOUT, () -> assertEquals(Set.copyOf(ids), files.jobInfos().keySet()));
      Map<String, List<String>> gpuJobs = files.gpuJobs();
      assertEquals(4, gpuJobs.size(), gpuJobs.toString());
      for (String id : ids) {
        List<String> owned = gpuJobs.entrySet().stream().filter(e -> e.getValue().equals(List.of(id)))
            .map(Map.Entry::getKey).toList();
        assertEquals(2, owned.size(), "job " + id + " in " + gpuJobs);
        assertEquals(String.join(",", owned), files.jobInfos().get(id).get("gpus"));
      }
      assertNotEquals(files.jobInfos().get(ids.get(0)).get("gpus"), files.jobInfos().get(ids.get(1)).get("gpus"));
    } finally {
      Files.createFile(release);
    }
    cluster.awaitJobState(first, "COMPLETED", TIMEOUT);
    cluster.awaitJobState(second, "COMPLETED", TIMEOUT);
    untilPasses(TIMEOUT, () -> assertNothingLeft(files));
  }

  @Test
  void aBrokenEnvironmentStillRunsTheJobAndTheNodeStaysIdle() throws IOException {
    String node = nodes.get(2);
    Path run = install.root().resolve("run").resolve(node);
    Path notADir = Files.createDirectories(run).resolve("map-is-a-file");
    Files.writeString(notADir, "x\n");
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(run.resolve("jobs-link"), elsewhere);
    Path foreign = Files.createDirectories(run.resolve("foreign-gpustat"));
    UserPrincipal nobody = foreign.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(foreign, nobody);
    install.writeSettings("DGXMON_JOB_MAP_DIR=" + notADir, "DGXMON_JOB_INFO_DIR=" + run.resolve("jobs-link"),
        "DGXMON_GPUSTAT_DIR=" + foreign, "this line is not a setting");

    ProcessResult step = cluster.srun(TIMEOUT, "-w", node, "--gres=gpu:1", "sh", "-c", "echo ran $SLURM_JOB_ID")
        .assertSuccess("srun in a broken environment");
    String id = step.stdout().trim().split(" ")[1];
    assertEquals("ran " + id, step.stdout().trim());
    String canaries = Files.readString(install.root().resolve("var/log/canary.log"));
    assertTrue(canaries.contains("prolog " + id + " " + node), "the runner went on past our script:\n" + canaries);
    untilPasses(TIMEOUT, () -> assertEquals("IDLE", cluster.nodeState(node)));
    untilPasses(TIMEOUT, () -> assertTrue(readLog().contains("epilog job " + id + ":"), readLog()));
    String log = install.logged();
    assertTrue(log.contains("prolog job " + id + ": DGXMON_JOB_MAP_DIR " + notADir + " is not a directory"), log);
    assertTrue(log.contains("DGXMON_JOB_INFO_DIR " + run.resolve("jobs-link") + " is a symbolic link"), log);
    assertTrue(log.contains("DGXMON_GPUSTAT_DIR " + foreign + " is not owned by uid 0"), log);
    assertTrue(log.contains("line 4 ignored: expected KEY=VALUE"), log);
    assertEquals("x\n", Files.readString(notADir));
    try (var left = Files.list(elsewhere)) {
      assertEquals(List.of(), left.toList(), "nothing written through the symlink");
    }
    try (var left = Files.list(foreign)) {
      assertEquals(List.of(), left.toList(), "nothing written into the foreign dir");
    }
  }

  /** Control: the runner really stops at a failing script and slurmd drains the node, so the test above can fail. */
  @Test
  void controlAFailingPrologDrainsTheNode() throws IOException {
    BcmSlurmInstall failing = BcmSlurmInstall.into(tmp.resolve("failing-root"));
    failing.addScript("prolog", "70-prolog-fails.sh", "exit 3");
    failing.addScript("prolog", "99-prolog-canary.sh", canary(failing, "prolog"));
    try (SlurmCluster small = startCluster(failing, 1, "127.0.3.21")) {
      String node = small.nodeNames().get(0);
      small.sbatch("--gres=gpu:1", "--wrap", "true");
      untilPasses(TIMEOUT, () -> assertTrue(small.nodeState(node).startsWith("DRAIN"), small.nodeState(node)));
      assertFalse(Files.exists(failing.root().resolve("var/log/canary.log")), "scripts after a failure must not run");
    }
  }

  private String readLog() {
    try {
      return install.logged();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static SlurmCluster startCluster(BcmSlurmInstall install, int nodeCount, String firstAddress) {
    // PrologFlags=Alloc is what cm-wlm-setup configures: the prolog runs on every node at allocation time.
    return SlurmCluster.builder(install.root().getParent().resolve(install.root().getFileName() + "-slurm"))
        .nodes(nodeCount).gpusPerNode(4).firstAddress(firstAddress).prologFlags("Alloc")
        .prolog(install.prologRunner()).epilog(install.epilogRunner()).start();
  }

  /** A script that records that the runner reached it (it runs after ours: 99- sorts after 60-). */
  private static String canary(BcmSlurmInstall install, String kind) {
    return "echo \"" + kind + " $SLURM_JOB_ID $SLURMD_NODENAME\" >> " + install.root().resolve("var/log/canary.log");
  }

  private static String waitFor(Path release) {
    return "while [ ! -e " + release + " ]; do sleep 0.2; done";
  }

  private static void assertNothingLeft(NodeJobFiles files) {
    assertEquals(Map.of(), files.gpuJobs(), "map files left in " + files.mapDir());
    assertEquals(Map.of(), files.jobInfos(), "job info files left in " + files.jobInfoDir());
    assertEquals(Map.of(), files.gpustat(), "gpustat files left in " + files.gpustatDir());
  }
}
