package io.dgxmon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.e2e.stack.DemoJob;
import io.dgxmon.e2e.stack.DemoStack;
import io.dgxmon.e2e.stack.GrafanaQueries;
import io.dgxmon.e2e.stack.InstalledReport;
import io.dgxmon.e2e.stack.JobOnDashboards;
import io.dgxmon.e2e.stack.PrometheusApi;
import io.dgxmon.e2e.stack.RepositoryRoot;
import io.dgxmon.e2e.stack.StackFiles;
import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.RequiredTool;
import io.dgxmon.testkit.Prometheus;
import io.dgxmon.testkit.SlurmCluster;
import io.dgxmon.testkit.nvml.NvmlScenario;
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
  private static final String MIG_UUID = "MIG-5f2c6d3e-8d8c-5c2f-9a5c-7a1b2c3d4e5f";

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
    new InstalledReport(stack.layout().headRoot()).assertInstalled();
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
      theReportShowsItsEnergy(id);
    }
    prometheus.awaitQuery("DCGM_FI_DEV_GPU_UTIL{hpc_job=\"" + id + "\"}", JsonNode::isEmpty, TIMEOUT);
    prometheus.awaitQuery("nvidia_gpu_duty_cycle{jobid=\"" + id + "\"}", JsonNode::isEmpty, TIMEOUT);
    prometheus.awaitQuery("cgroup_cpu_total_seconds{jobid=\"" + id + "\",hostname=\"" + jobNode + "\"}",
        JsonNode::isEmpty, TIMEOUT);
    // The GPUs are still scraped, just without a job.
    assertEquals(4, prometheus.query("DCGM_FI_DEV_GPU_UTIL{Hostname=\"" + jobNode + "\",hpc_job=\"\"}").size());
  }

  /**
   * A job on a MIG slice: the job dashboard's every panel has data. Slurm 22.05 here cannot hand out MIG slices (that
   * takes its NVML autodetection), so the job runs without GPUs and the installed prolog and epilog are run once
   * more as slurmd runs them for a job on a MIG slice: with the slice's UUID in CUDA_VISIBLE_DEVICES.
   */
  @Test
  @Order(4)
  void aMigJobsDashboardPanelsHaveData() throws IOException {
    String node = stack.topology().nodes().get(1);
    stack.presentMig(node, 0, 2, MIG_UUID);
    Path lookup = stack.layout().nodeRoot(node).resolve(JSON.readTree(stack.layout().nodeRoot(node)
        .resolve("etc/dgxmon/exporter.json").toFile()).path("mig-map-file").asText().substring(1));
    Await.until("the exporter on " + node + " to publish " + MIG_UUID + " in " + lookup, TIMEOUT,
        () -> Files.isRegularFile(lookup) ? Files.readString(lookup) : "", text -> text.contains(MIG_UUID + " 0.2\n"));
    long job = slurm.sbatch("-N1", "-w", node, "-A", ACCOUNT, "--wrap", "srun sleep 300");
    String id = Long.toString(job);
    Map<String, String> migJob = Map.of("SLURMD_NODENAME", node, "SLURM_JOB_ID", id, "SLURM_JOB_UID", "0",
        "SLURM_JOB_USER", "root", "SLURM_JOB_ACCOUNT", ACCOUNT, "CUDA_VISIBLE_DEVICES", MIG_UUID);
    try {
      slurm.awaitJobState(job, "RUNNING", TIMEOUT);
      Processes.run(TIMEOUT, migJob, List.of(stack.layout().prolog().toString()))
          .assertSuccess("prolog of MIG job " + id);
      JsonNode busy = prometheus.awaitQuery("DCGM_FI_PROF_GR_ENGINE_ACTIVE{hpc_job=\"" + id + "\",GPU_I_ID=\"2\"}",
          r -> r.size() == 1, LABELLED_WITHIN);
      assertEquals(StackFiles.MIG_GRAPHICS_UTIL_PERCENT / 100.0, busy.get(0).path("value").get(1).asDouble(), 1e-9);
      List<String> empty = new ArrayList<>();
      for (GrafanaQueries.Query query : GrafanaQueries.read(RepositoryRoot.get().resolve("docs/grafana"), id)) {
        if (query.dashboard().equals("dgxmon-job.json")
            && prometheus.query(query.expr()).isEmpty() && !hasDataWithin(query.expr())) {
          empty.add(query.written());
        }
      }
      assertEquals(List.of(), empty, "job dashboard panels without data for MIG job " + id);
      assertEquals(1.0, prometheus.query("count(DCGM_FI_DEV_FB_USED{hpc_job=\"" + id + "\"}) or vector(0)").get(0)
          .path("value").get(1).asDouble(), "the GPUs panel counts the slice");
    } finally {
      Processes.run(TIMEOUT, slurm.env(), List.of(RequiredTool.require("scancel", "slurm-client").toString(), id))
          .assertSuccess("scancel " + id);
      Processes.run(TIMEOUT, migJob, List.of(stack.layout().epilog().toString())).assertSuccess("epilog of " + id);
    }
    prometheus.awaitQuery("DCGM_FI_PROF_GR_ENGINE_ACTIVE{hpc_job=\"" + id + "\"}", JsonNode::isEmpty, TIMEOUT);
  }

  private boolean hasDataWithin(String expr) {
    try {
      prometheus.awaitQuery(expr, r -> !r.isEmpty(), LABELLED_WITHIN);
      return true;
    } catch (AssertionError e) {
      return false;
    }
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

  /**
   * The stub's energy counters of the job's GPUs go up by 1000 J and 2000 J; the installed dgxmon-report then shows
   * exactly those as each GPU's NVML energy, about their sum as the GPUs' attributed energy (the recording rules
   * integrated: one scrape's jump, seen by 1 s rule evaluations), and the stub's utilisation and memory; the rest of
   * the node comes from the BMC.
   */
  private void theReportShowsItsEnergy(String id) throws IOException {
    // The BMC (fake ipmitool, read by the exporter's real DCMI collector) is the node's power; the job and the idle
    // bucket add up to it.
    String node = "{hostname=\"" + jobNode + "\"}";
    prometheus.awaitQuery("dgxmon:node_power_watts" + node + " == " + StackFiles.BMC_WATTS, r -> r.size() == 1,
        LABELLED_WITHIN);
    prometheus.awaitQuery("sum by (hostname) (dgxmon:node_job_power_watts" + node + ") + on (hostname) "
        + "dgxmon:node_idle_power_watts" + node + " == " + StackFiles.BMC_WATTS, r -> r.size() == 1, LABELLED_WITHIN);
    JsonNode gpus = prometheus.query("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{hpc_job=\"" + id + "\"}");
    Map<Integer, Long> added = new TreeMap<>();
    gpus.forEach(g -> added.put(g.path("metric").path("gpu").asInt(), 1_000_000L * (added.size() + 1)));
    Map<Integer, Long> counters = new TreeMap<>();
    added.forEach((gpu, mj) -> counters.put(gpu, NvmlScenario.energyMillijoules(gpu) + mj));
    stack.setGpuEnergy(jobNode, counters);
    prometheus.awaitQuery("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{hpc_job=\"" + id + "\"} > 1000500000",
        r -> r.size() == 2, LABELLED_WITHIN);
    prometheus.awaitQuery("sum_over_time(dgxmon:job_attributed_gpu_power_watts:sum{jobid=\"" + id + "\"}[1m]) > 2000",
        r -> r.size() == 1, LABELLED_WITHIN);
    // The rules' next evaluations have seen the jump's end too.
    prometheus.awaitQuery("dgxmon:job_attributed_gpu_power_watts:sum{jobid=\"" + id + "\"} < 100", r -> r.size() == 1,
        LABELLED_WITHIN);

    InstalledReport report = new InstalledReport(stack.layout().headRoot());
    report.assertInstalled();
    ProcessResult run = report.run("job", id, "--json", "--prometheus", prometheus.url().toString());
    run.assertSuccess("dgxmon-report job " + id);
    JsonNode r = JSON.readTree(run.stdout());
    assertEquals(List.of(jobNode), List.of(r.path("nodes").get(0).asText()), run.stdout());
    assertEquals(ACCOUNT, r.path("account").asText());
    assertEquals(2, r.path("gpus").size(), run.stdout());
    double nvml = 0;
    for (JsonNode gpu : r.path("gpus")) {
      int index = gpu.path("gpu").asInt();
      assertEquals(added.get(index) / 1000.0, gpu.path("nvml_energy_joules").asDouble(), 1e-9, "GPU " + index);
      assertEquals(stack.gpuUtilPercent(jobNode, index), gpu.path("utilization_percent").asDouble(), 1e-9);
      assertEquals(1000 + index, gpu.path("memory_peak_mib").asDouble(), "the stub's fb_used_mib");
      nvml += gpu.path("nvml_energy_joules").asDouble();
    }
    JsonNode energy = r.path("energy");
    assertEquals("bmc", energy.path("rest_source").asText(), energy.toString());
    assertEquals(nvml, energy.path("gpu_joules").asDouble(), 0.25 * nvml, "attributed GPU energy: " + energy);
    assertEquals(energy.path("gpu_joules").asDouble() + energy.path("rest_joules").asDouble(),
        energy.path("total_joules").asDouble(), 1e-6);
    assertEquals(energy.path("total_joules").asDouble() / 3.6e6 * 481, energy.path("co2_grams").asDouble(), 1e-9);

    ProcessResult jobs = report.run("jobs", "--user", "root", "--since", "1h", "--step", "1s", "--prometheus",
        prometheus.url().toString());
    jobs.assertSuccess("dgxmon-report jobs --user root");
    assertTrue(jobs.stdout().lines().anyMatch(l -> l.startsWith(id + " ") && l.contains(ACCOUNT)), jobs.stdout());
  }

  @Test
  @Order(5)
  void theRulesLoadedAndEvaluateWithoutError() {
    PrometheusApi api = new PrometheusApi(prometheus.url());
    JsonNode groups = api.ruleGroups();
    assertFalse(groups.isEmpty(), "no rule groups loaded from docs/prometheus/rules.yml");
    Await.until("every rule healthy", TIMEOUT, api::unhealthyRules, Map::isEmpty);
  }

  @Test
  @Order(6)
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
