package io.dgxmon.exporter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.SystemdUnit;
import io.dgxmon.exporter.cgroup.CgroupTrees;
import io.dgxmon.exporter.cgroup.CgroupTrees.Figures;
import io.dgxmon.exporter.gpu.ExporterProcess;
import io.dgxmon.testkit.SlowHttpClients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar's three listeners against hostile and careless clients: slowloris, unknown paths and methods,
 * clients that hang up mid-answer.
 */
class EndpointHygieneIT {
  static final String HOST = "127.0.2.1";
  static final List<String> PROFILES = List.of("dcgm", "gpu", "cgroup");
  /** The shaded jar; {@code -Ddgxmon.exporter.jar=...} runs the same checks against another build (e.g. main's). */
  static final Path JAR =
      Path.of(System.getProperty("dgxmon.exporter.jar", "target/dgxmon-exporter.jar")).toAbsolutePath();

  @TempDir Path dir;

  @BeforeEach
  void cgroupTree() {
    // 300 jobs: a :9306 answer of ~0.5 MB, more than a socket buffer, so a hang-up hits the server mid-write.
    for (int j = 0; j < 300; j++) {
      CgroupTrees.v1(dir.resolve("cgroup"), "slurm/uid_1000/job_" + (100_000 + j), Figures.sample(j));
    }
  }

  /** Arguments for all three listeners on {@link #HOST}, then {@code extra}. */
  static List<String> args(Path dir, String... extra) {
    return argsWithGpuListeners(dir, HOST + ":0", extra);
  }

  /** Arguments with the dcgm and gpu listeners at {@code gpuListeners} ({@code off} or an address). */
  static List<String> argsWithGpuListeners(Path dir, String gpuListeners, String... extra) {
    List<String> args = new ArrayList<>(List.of("--dcgm.listen-address", gpuListeners, "--gpu.listen-address",
        gpuListeners, "--cgroup.listen-address", HOST + ":0", "--path.cgroup.root", dir.resolve("cgroup").toString(),
        "--job-info-dir", dir.resolve("jobs").toString(), "--nvml.library", dir.resolve("no-nvml.so").toString(),
        "--mig-map-file", dir.resolve("mig-uuids").toString()));
    args.addAll(List.of(extra));
    return args;
  }

  private ExporterProcess start(int listeners, List<String> args) throws Exception {
    // The unit's own JVM flags (heap, stacks, C1 only): the attack must fail against the process as deployed.
    return ExporterProcess.start(dir, dir.resolve("no-scenario"), SystemdUnit.jvmFlags(), JAR, args, listeners);
  }

  @Test
  void thirtySlowClientsOnEveryListenerNeitherStallScrapesNorStayConnected() throws Exception {
    try (ExporterProcess exporter = start(3, args(dir))) {
      List<SlowHttpClients> slow = new ArrayList<>();
      try {
        for (String profile : PROFILES) {
          slow.add(SlowHttpClients.open(HOST, exporter.port(profile), 30));
        }
        long started = System.nanoTime();
        while (System.nanoTime() - started < 8_000_000_000L) {
          for (String profile : PROFILES) {
            // ExporterProcess.scrape fails on anything but 200; its read timeout is the test's 10 s bound.
            assertTrue(scrapeWithin10s(exporter, profile).contains("dgxmon_scrape_collector_success"), profile);
          }
          Thread.sleep(250);
        }
        for (int i = 0; i < PROFILES.size(); i++) {
          assertEquals(0, slow.get(i).stillOpen(), PROFILES.get(i) + ": the 5 s header timeout closed them");
        }
      } finally {
        slow.forEach(SlowHttpClients::close);
      }
    }
  }

  private static String scrapeWithin10s(ExporterProcess exporter, String profile) throws Exception {
    long start = System.nanoTime();
    String body = exporter.scrape(profile);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 10_000, profile + " answered after " + millis + " ms");
    return body;
  }

  @Test
  void onlyMetricsAndTheLandingPageAndOnlyGetAndHead() throws Exception {
    try (ExporterProcess exporter = start(3, args(dir))) {
      for (String profile : PROFILES) {
        int port = exporter.port(profile);
        assertEquals(200, RawHttp.status(HOST, port, "GET", "/metrics"), profile);
        assertEquals(200, RawHttp.status(HOST, port, "HEAD", "/metrics"), profile);
        assertEquals(200, RawHttp.status(HOST, port, "GET", "/"), profile);
        for (String path : List.of("/foo", "/../../etc/passwd", "/metrics/x", "/-/healthy")) {
          assertEquals(404, RawHttp.status(HOST, port, "GET", path), profile + " " + path);
        }
        for (String method : List.of("POST", "PUT", "DELETE", "TRACE")) {
          assertEquals(405, RawHttp.status(HOST, port, method, "/metrics"), profile + " " + method);
          assertEquals(405, RawHttp.status(HOST, port, method, "/"), profile + " " + method);
        }
      }
    }
  }

  @Test
  void clientsHangingUpMidAnswerLeaveNoStackTrace() throws Exception {
    try (ExporterProcess exporter = start(3, args(dir, "--collect.max-age", "0"))) {
      int port = exporter.port("cgroup");
      for (int i = 0; i < 20; i++) {
        RawHttp.hangUpMidAnswer(HOST, port);
      }
      assertTrue(exporter.scrape("cgroup").contains("cgroup_memory_rss_bytes{jobid=\"100299\""));
      Thread.sleep(500);
      String log = exporter.log();
      assertFalse(log.contains("SEVERE") || log.contains("Exception") || log.contains("\tat "), log);
    }
  }
}
