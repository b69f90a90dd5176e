package io.dgxmon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.e2e.stack.DemoJob;
import io.dgxmon.e2e.stack.DemoStack;
import io.dgxmon.e2e.stack.JobOnDashboards;
import io.dgxmon.e2e.stack.PrometheusApi;
import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.Prometheus;
import io.dgxmon.testkit.SlurmCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on one machine (see {@link DemoStack}): deployed by {@code ./setup.sh --config} over SSH, a Slurm
 * job's GPUs and cgroups show up in Prometheus labelled with its id, the labels go when it ends, the dashboards'
 * queries and the rules evaluate, and a node that loses its BCM role loses its targets. The steps share one stack
 * and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeLoopIT {
  private static final Duration LABELLED_WITHIN = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String ACCOUNT = "proja";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private DemoStack stack;
  private Prometheus prometheus;
  private SlurmCluster slurm;
  private String jobNode;

  @BeforeAll
  void deployAndStart() throws IOException {
    stack = DemoStack.start(tmp.resolve("stack"), line -> System.out.println("[WholeLoopIT] " + line));
    prometheus = stack.prometheus();
    slurm = stack.slurm();
    jobNode = stack.topology().nodes().get(0);
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void theDeployerInstalledEveryPieceIntoEachRoot() throws IOException {
    for (String node : stack.topology().nodes()) {
      Path root = stack.layout().nodeRoot(node);
      for (String kind : List.of("prolog", "epilog")) {
        Path link = root.resolve("cm/local/apps/slurm/var/" + kind + "s/60-" + kind + "-dgxmon.sh");
        assertEquals(stack.layout().sharedSlurmDir().resolve(kind + "-dgxmon.sh"), Files.readSymbolicLink(link));
        assertTrue(Files.isExecutable(link), link + " must resolve (through /cm/shared) to an executable script");
      }
      assertTrue(Files.isSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/dgxmon-exporter.service")),
          "exporter unit enabled on " + node);
      assertTrue(Files.isExecutable(root.resolve("opt/dgxmon/runtime/bin/java")), "runtime on " + node);
      assertEquals(sharedPaths(root, "slurm.env"), sharedPaths(root, "exporter.json"),
          "the prolog and the exporter on " + node + " must meet in the same files");
    }
    assertTrue(Files.isRegularFile(stack.layout().headRoot().resolve("opt/dgxmon/lib/dgxmon-role-monitor.jar")));
  }

  @Test
  @Order(2)
  void prometheusScrapesEveryNodeThroughTheRoleMonitorsFiles() {
    stack.awaitTargetsUp(stack.topology().nodes().size());
    for (String node : stack.topology().nodes()) {
      JsonNode up = prometheus.query("up{hostname=\"" + node + "\",cluster=\"slurm\",job=~\"" + DemoStack.DGXMON_JOBS + "\"}");
      assertEquals(3, up.size(), node + ": " + up);
    }
  }

  @Test
  @Order(3)
  void aRunningJobsGpusAndCgroupsCarryItsIdUntilItEnds() throws IOException {
    String id;
    try (DemoJob job = DemoJob.start(slurm, jobNode, ACCOUNT)) {
      id = job.id();
      itsGpusAndCgroupsCarryItsId(id);
      JobOnDashboards.assertShown(prometheus, id, ACCOUNT, LABELLED_WITHIN);
    }
    prometheus.awaitQuery("DCGM_FI_DEV_GPU_UTIL{hpc_job=\"" + id + "\"}", JsonNode::isEmpty, TIMEOUT);
    prometheus.awaitQuery("nvidia_gpu_duty_cycle{jobid=\"" + id + "\"}", JsonNode::isEmpty, TIMEOUT);
    prometheus.awaitQuery("cgroup_cpu_total_seconds{jobid=\"" + id + "\",hostname=\"" + jobNode + "\"}",
        JsonNode::isEmpty, TIMEOUT);
    // The GPUs are still scraped, just without a job.
    assertEquals(4, prometheus.query("DCGM_FI_DEV_GPU_UTIL{Hostname=\"" + jobNode + "\",hpc_job=\"\"}").size());
  }

  /** Within 30 s of the job starting: its two GPUs with the stub's values on both GPU endpoints, and its cgroup. */
  private void itsGpusAndCgroupsCarryItsId(String id) {
    JsonNode dcgm = prometheus.awaitQuery("DCGM_FI_DEV_GPU_UTIL{hpc_job=\"" + id + "\"}", r -> r.size() == 2,
        LABELLED_WITHIN);
    assertEquals(Map.of("0", (double) stack.gpuUtilPercent(jobNode, 0), "1", (double) stack.gpuUtilPercent(jobNode, 1)),
        valueByLabel(dcgm, "gpu"), "the stub's utilisation of the job's two GPUs: " + dcgm);
    dcgm.forEach(s -> assertEquals(jobNode, s.path("metric").path("Hostname").asText(), s.toString()));
    prometheus.awaitQuery("nvidia_gpu_duty_cycle{jobid=\"" + id + "\"}", r -> r.size() == 2, LABELLED_WITHIN);
    prometheus.awaitQuery("cgroup_cpu_total_seconds{jobid=\"" + id + "\",hostname=\"" + jobNode + "\"}",
        r -> r.size() >= 1, LABELLED_WITHIN);
    prometheus.awaitQuery("dgxmon_job_info{jobid=\"" + id + "\",hostname=\"" + jobNode + "\"}", r -> r.size() == 1,
        LABELLED_WITHIN);
  }

  @Test
  @Order(4)
  void theRulesLoadedAndEvaluateWithoutError() {
    PrometheusApi api = new PrometheusApi(prometheus.url());
    JsonNode groups = api.ruleGroups();
    assertFalse(groups.isEmpty(), "no rule groups loaded from docs/prometheus/rules.yml");
    Await.until("every rule healthy", TIMEOUT, api::unhealthyRules, Map::isEmpty);
  }

  @Test
  @Order(5)
  void aNodeThatLosesItsRoleLosesItsTargets() throws IOException {
    String node = stack.topology().nodes().get(2);
    stack.bcm().removeRole(node);
    stack.roleMonitorOnce().assertSuccess("dgxmon-role-monitor --once after removing the role of " + node);
    assertFalse(Files.exists(stack.layout().targetsDir().resolve(node + ".json")));
    prometheus.awaitTargets(targets -> hostnames(targets).stream().noneMatch(node::equals), TIMEOUT);
    assertEquals(List.of(stack.topology().nodes().get(0), stack.topology().nodes().get(1)),
        hostnames(prometheus.activeTargets()).stream().distinct().sorted().toList());
  }

  /** The files the prolog writes and the exporter reads, as one installed config file of {@code root} names them. */
  private static Map<String, String> sharedPaths(Path root, String file) throws IOException {
    Path path = root.resolve("etc/dgxmon").resolve(file);
    Map<String, String> keys = new TreeMap<>(Map.of("map", "DGXMON_JOB_MAP_DIR", "info", "DGXMON_JOB_INFO_DIR",
        "gpustat", "DGXMON_GPUSTAT_DIR", "mig", "DGXMON_MIG_MAP_FILE"));
    Map<String, String> values = new TreeMap<>();
    if (file.endsWith(".json")) {
      keys.putAll(Map.of("map", "hpc-job-mapping-dir", "info", "job-info-dir", "gpustat", "gpustat-dir",
          "mig", "mig-map-file"));
      JsonNode json = JSON.readTree(path.toFile());
      keys.forEach((what, key) -> values.put(what, json.path(key).asText("")));
    } else {
      Map<String, String> env = new TreeMap<>();
      Files.readAllLines(path).stream().filter(l -> l.contains("=") && !l.startsWith("#"))
          .forEach(l -> env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
      keys.forEach((what, key) -> values.put(what, env.getOrDefault(key, "(missing)")));
    }
    return values;
  }

  private static List<String> hostnames(JsonNode targets) {
    List<String> names = new ArrayList<>();
    targets.forEach(t -> {
      String hostname = t.path("labels").path("hostname").asText();
      if (!hostname.isEmpty()) {
        names.add(hostname);
      }
    });
    return names;
  }

  private static Map<String, Double> valueByLabel(JsonNode result, String label) {
    Map<String, Double> values = new TreeMap<>();
    result.forEach(s -> values.put(s.path("metric").path(label).asText(), s.path("value").get(1).asDouble()));
    return values;
  }
}
