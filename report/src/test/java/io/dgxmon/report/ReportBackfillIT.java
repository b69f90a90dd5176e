package io.dgxmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.testkit.Prometheus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report against a real Prometheus holding an hour of a job ({@link HourOfJob}) and docs/prometheus/rules.yml's
 * recording rules backfilled over it: every figure follows from the inputs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportBackfillIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Attribution starts one scrape after the job (irate needs two samples): 3570 of 3600 s, under 1% short. */
  private static final double ATTRIBUTION_TOLERANCE = 0.01;

  @TempDir static Path dir;
  private Prometheus prometheus;

  @BeforeAll
  void backfill() {
    prometheus = HourOfJob.backfilled(dir);
  }

  @AfterAll
  void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void theJobReportsFiguresFollowFromTheInputs() throws Exception {
    ReportRun run = run("job", HourOfJob.JOB, "--json");
    assertEquals(0, run.code(), run.err());
    JsonNode r = JSON.readTree(run.out());
    assertEquals("erin", r.path("user").asText());
    assertEquals("proj-e", r.path("account").asText());
    assertEquals(HourOfJob.SECONDS, r.path("seconds").asLong(), "window = start time to the last job info sample");
    assertEquals(List.of("dgx-b1"), texts(r.path("nodes")));
    assertEquals(HourOfJob.CORES, r.path("cpu").path("cores").asDouble());
    assertEquals(HourOfJob.CPU_RATE * HourOfJob.SECONDS, r.path("cpu").path("cpu_seconds").asDouble(), 1e-6);
    assertEquals(50, r.path("cpu").path("efficiency_percent").asDouble(), 1e-6);
    assertEquals(12 * HourOfJob.GIB, r.path("memory").path("peak_bytes").asDouble());
    assertEquals(37.5, r.path("memory").path("efficiency_percent").asDouble(), 1e-6);

    JsonNode gpus = r.path("gpus");
    assertEquals(2, gpus.size(), gpus.toString());
    assertEquals(80, gpus.get(0).path("utilization_percent").asDouble(), 1e-9);
    assertEquals(30000, gpus.get(0).path("memory_peak_mib").asDouble());
    assertEquals(HourOfJob.GPU0_WATTS * HourOfJob.SECONDS, gpus.get(0).path("nvml_energy_joules").asDouble(), 1e-6,
        "the NVML counter's increase while the GPU carried the job");
    assertEquals(HourOfJob.GPU1_WATTS * HourOfJob.SECONDS, gpus.get(1).path("nvml_energy_joules").asDouble(), 1e-6);
    assertEquals(2, gpus.get(1).path("jobs_sharing").asInt());
    assertEquals(79, gpus.get(1).path("last_xid").asDouble());

    JsonNode e = r.path("energy");
    double gpuWatts = HourOfJob.GPU0_WATTS + HourOfJob.GPU1_WATTS / 2;
    double restWatts = (HourOfJob.NODE_WATTS - HourOfJob.GPU0_WATTS - HourOfJob.GPU1_WATTS - HourOfJob.GPU2_WATTS)
        * HourOfJob.CPU_RATE / HourOfJob.NODE_CPUS;
    assertClose(gpuWatts * HourOfJob.SECONDS, e.path("gpu_joules").asDouble(), "GPU energy, the shared GPU split");
    assertClose(restWatts * HourOfJob.SECONDS, e.path("rest_joules").asDouble(), "rest of node by CPU share");
    assertEquals("bmc", e.path("rest_source").asText());
    assertEquals(481, e.path("emission_factor_grams_per_kwh").asDouble());
    assertEquals(e.path("total_joules").asDouble() / 3.6e6 * 481, e.path("co2_grams").asDouble(), 1e-9);

    assertEquals(1, r.path("alerts").size(), "only the alert of one of the job's GPUs: " + r.path("alerts"));
    assertEquals("GPU-b1", r.path("alerts").get(0).path("uuid").asText());
  }

  @Test
  void theTextReportFitsOneScreen() {
    ReportRun run = run("job", HourOfJob.JOB);
    assertEquals(0, run.code(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.size() <= 24, run.out());
    assertTrue(run.out().contains("Job 7001   user erin   account proj-e   partition gpu"), run.out());
    assertTrue(run.out().contains("CPU      16 cores, 8.00 CPU-hours used, efficiency 50.0%"), run.out());
    assertTrue(run.out().contains("dgx-b1 gpu 1  util  60.0%  memory peak  10000 MiB  NVML energy 0.3000 kWh"
        + "  (shared by 2 jobs)  last XID 79"), run.out());
    assertTrue(run.out().contains("Alert    DgxmonNewXidError on dgx-b1 gpu 1 (GPU-b1)"), run.out());
  }

  @Test
  void theUsersJobsTableListsOnlyTheirJobsWithEnergy() throws Exception {
    ReportRun run = run("jobs", "--user", HourOfJob.USER, "--since", "1d", "--json");
    assertEquals(0, run.code(), run.err());
    JsonNode rows = JSON.readTree(run.out());
    assertEquals(1, rows.size(), run.out());
    assertEquals(HourOfJob.JOB, rows.get(0).path("jobid").asText());
    assertEquals(2, rows.get(0).path("gpus").asDouble());
    double watts = HourOfJob.GPU0_WATTS + HourOfJob.GPU1_WATTS / 2
        + (HourOfJob.NODE_WATTS - 800) * HourOfJob.CPU_RATE / HourOfJob.NODE_CPUS;
    assertClose(watts * HourOfJob.SECONDS, rows.get(0).path("total_joules").asDouble(), "jobs table energy");

    ReportRun text = run("jobs", "--user", HourOfJob.USER, "--since", "1d");
    assertTrue(text.out().contains("1 jobs of erin"), text.out());
  }

  @Test
  void anUnknownJobIsExitOneWithOneLine() {
    ReportRun run = run("job", "99999", "--look-back", "1d");
    assertEquals(1, run.code());
    assertEquals("dgxmon-report: job 99999: no dgxmon_job_info in the 1 days before", run.err().lines().findFirst()
        .orElse("").replaceAll(" [0-9T:.Z-]+ \\(--look-back\\)$", ""), run.err());
  }

  private ReportRun run(String... args) {
    return ReportRun.against(prometheus.url(), args);
  }

  private static void assertClose(double expected, double actual, String what) {
    assertTrue(Math.abs(actual - expected) <= ATTRIBUTION_TOLERANCE * expected,
        what + ": expected " + expected + " within " + (100 * ATTRIBUTION_TOLERANCE) + "%, got " + actual);
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
