package io.dgxmon.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.ExporterServer.Endpoint;
import io.dgxmon.exporter.cgroup.CgroupTrees;
import io.dgxmon.exporter.cgroup.CgroupTrees.Figures;
import io.dgxmon.exporter.config.ExporterConfig;
import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.Promtool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import io.dgxmon.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterServerTest {
  @TempDir Path dir;
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  final HttpClient http = HttpClient.newHttpClient();

  ExporterConfig config(Path cgroupRoot, String... more) throws ConfigException {
    List<String> args = new ArrayList<>(List.of(more));
    args.addAll(List.of("--path.cgroup.root", cgroupRoot.toString(), "--job-info-dir", dir.resolve("jobs").toString(),
        "--collect.max-age", "0", "--gpu.listen-address", "127.0.2.1:0", "--cgroup.listen-address", "127.0.2.1:0",
        // never load a real NVML into the test JVM; the GPU profiles' own tests use the stub in a child JVM
        "--nvml.library", dir.resolve("no-nvml/libnvidia-ml.so.1").toString(),
        // the energy collectors have their own tests (energy/); this machine's /sys is not under test
        "--rapl.enabled", "false"));
    if (!args.contains("--dcgm.listen-address")) {
      args.addAll(List.of("--dcgm.listen-address", "127.0.2.1:0"));
    }
    return ExporterCommand.parseConfig(Map.of(), args.toArray(String[]::new));
  }

  String scrape(ExporterServer server, Endpoint endpoint) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.2.1:" + server.port(endpoint).orElseThrow() + "/metrics");
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  /** The one "NVML library ... not found" line of the GPU profiles is expected here and not under test. */
  void logExceptNoNvml(String line) {
    if (!line.startsWith("NVML library ")) {
      log.add(line);
    }
  }

  @Test
  void cgroupProfileOverHttpIsValidPrometheusText() throws Exception {
    Path root = dir.resolve("cgroup");
    CgroupTrees.v1(root, "slurm_dgx01/uid_1000/job_4242", Figures.sample(1));
    CgroupTrees.v1(root, "slurm_dgx01/uid_1000/job_4242/step_0", Figures.sample(2));
    CgroupTrees.v1(root, "slurm_dgx01/uid_1000/job_4242/step_0/task_0", Figures.sample(3));
    Files.createDirectories(dir.resolve("jobs"));
    Files.writeString(dir.resolve("jobs/4242"), "job_id=4242\nuid=1000\nuser=alice\naccount=physics\n"
        + "partition=gpu\ngpus=0,1\nstart_time=1700000000\n");

    try (ExporterServer server = ExporterServer.start(config(root, "--collect.fullslurm"), this::logExceptNoNvml)) {
      String body = scrape(server, Endpoint.CGROUP);

      assertTrue(body.contains("cgroup_cpu_total_seconds{jobid=\"4242\",step=\"\",task=\"\"} 12.345678901\n"), body);
      assertTrue(body.contains("cgroup_cpu_total_seconds{jobid=\"4242\",step=\"0\",task=\"0\"} 12.345678903\n"));
      assertTrue(body.contains("cgroup_uid{jobid=\"4242\"} 1000.0\n"));
      assertTrue(body.contains("dgxmon_job_info{account=\"physics\",jobid=\"4242\",partition=\"gpu\",uid=\"1000\","
          + "user=\"alice\"} 1\n"), body);
      assertTrue(body.contains("dgxmon_job_start_time_seconds{jobid=\"4242\"} 1.7E9\n"));
      assertTrue(body.contains("dgxmon_scrape_collector_success{collector=\"cgroup\"} 1.0\n"));
      assertTrue(body.contains("dgxmon_scrape_collector_success{collector=\"jobinfo\"} 1.0\n"));
      assertTrue(body.contains("dgxmon_scrape_collector_duration_seconds{collector=\"cgroup\"} "));
      Promtool.checkMetrics(body, CompatibilityLint.CGROUP_PROFILE);
      // the GPU profiles' listeners answer too (self-metrics only until the GPU collectors register)
      Promtool.checkMetrics(scrape(server, Endpoint.DCGM), CompatibilityLint.CGROUP_PROFILE);
      Promtool.checkMetrics(scrape(server, Endpoint.GPU), CompatibilityLint.CGROUP_PROFILE);
    }
    assertEquals(List.of(), log);
  }

  @Test
  void theCgroupProfileAnswersTheTextFormatToPrometheusOpenMetricsFirstAccept() throws Exception {
    Path root = dir.resolve("cgroup");
    CgroupTrees.v1(root, "slurm/uid_1000/job_4242", Figures.sample(1));
    try (ExporterServer server = ExporterServer.start(config(root), this::logExceptNoNvml)) {
      URI uri = URI.create("http://127.0.2.1:" + server.port(Endpoint.CGROUP).orElseThrow() + "/metrics");
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Accept",
          "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1").build(), HttpResponse.BodyHandlers.ofString());

      assertEquals("text/plain; version=0.0.4; charset=utf-8",
          response.headers().firstValue("Content-Type").orElseThrow());
      assertTrue(response.body().contains("cgroup_cpus{jobid=\"4242\",step=\"\",task=\"\"} 4.0\n"),
          response.body());
      assertTrue(!response.body().contains("# EOF"), response.body());
    }
  }

  @Test
  void aMissingCgroupRootIsSuccessZeroWithOneLogLineAndTheServerStaysUp() throws Exception {
    Path absent = dir.resolve("no-such-cgroup-root");
    try (ExporterServer server = ExporterServer.start(config(absent), this::logExceptNoNvml)) {
      for (int i = 0; i < 3; i++) {
        String body = scrape(server, Endpoint.CGROUP);
        assertTrue(body.contains("dgxmon_scrape_collector_success{collector=\"cgroup\"} 0.0\n"), body);
        assertTrue(body.contains("dgxmon_scrape_collector_success{collector=\"jobinfo\"} 1.0\n"), body);
        assertTrue(!body.contains("cgroup_cpu_total_seconds{"));
      }
      assertEquals(List.of("collector cgroup failed: cgroup root " + absent
          + " does not exist or is not a directory"), log);
      CgroupTrees.v1(absent, "slurm/uid_0/job_1", Figures.sample(1)); // the mount appears later
      assertTrue(scrape(server, Endpoint.CGROUP).contains("cgroup_cpu_total_seconds{jobid=\"1\",step=\"\",task=\"\"}"));
      assertEquals("collector cgroup works again", log.get(1));
    }
  }

  @Test
  void aListenerTurnedOffHasNoPortAndClosingStopsTheCollectorThreads() throws Exception {
    try (ExporterServer server = ExporterServer.start(config(dir, "--dcgm.listen-address", "off"),
        this::logExceptNoNvml)) {
      assertTrue(server.port(Endpoint.DCGM).isEmpty());
      assertTrue(server.port(Endpoint.CGROUP).isPresent());
      scrape(server, Endpoint.CGROUP);
      assertTrue(collectorThreads() > 0);
    }
    Await.until("every collector thread to end after close()", Duration.ofSeconds(10), () -> collectorThreads() == 0);
  }

  private static long collectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("dgxmon-collect-")).count();
  }
}
