package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dgxmon.common.web.WebServer;
import io.dgxmon.rolemonitor.config.ConfigLoader;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Prometheus;
import io.dgxmon.testkit.Promtool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor feeding a real Prometheus, both by file_sd (the targets directory) and by http_sd
 * ({@code /targets}); the targets are small HTTP endpoints on 127.0.4.x standing in for node exporters.
 */
class RoleMonitorPrometheusIT {
  private static final String YML = """
      global: {scrape_interval: 1s, evaluation_interval: 1s}
      scrape_configs:
        - job_name: via-file-sd
          scrape_interval: 1s
          scrape_timeout: 1s
          file_sd_configs:
            - files: ['${FILE_SD_DIR}/*.json']
              refresh_interval: 1s
        - job_name: via-http-sd
          scrape_interval: 1s
          scrape_timeout: 1s
          http_sd_configs:
            - url: http://127.0.4.1:%d/targets
              refresh_interval: 1s
      """;

  @TempDir Path dir;
  private final List<HttpServer> endpoints = new ArrayList<>();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    endpoints.forEach(e -> e.stop(0));
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  /** One fake exporter per node address, all on the same port. */
  private int startEndpoints(String... addresses) throws Exception {
    int port = 0;
    for (String address : addresses) {
      HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
      server.createContext("/metrics", exchange -> {
        byte[] body = "# TYPE fake_node_up gauge\nfake_node_up 1\n".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      endpoints.add(server);
      port = server.getAddress().getPort();
    }
    return port;
  }

  private static Set<String> upInstances(JsonNode targets, String pool) {
    Set<String> up = new TreeSet<>();
    for (JsonNode t : targets) {
      if (t.get("scrapePool").asText().equals(pool) && t.get("health").asText().equals("up")) {
        up.add(t.get("labels").get("instance").asText());
      }
    }
    return up;
  }

  private static Predicate<JsonNode> exactlyUp(String pool, Set<String> instances) {
    return targets -> upInstances(targets, pool).equals(instances)
        && countPool(targets, pool) == instances.size();
  }

  private static long countPool(JsonNode targets, String pool) {
    long n = 0;
    for (JsonNode t : targets) {
      n += t.get("scrapePool").asText().equals(pool) ? 1 : 0;
    }
    return n;
  }

  @Test
  void exactlyTheRoleCarryingNodesComeUpAndARemovedRoleDisappearsWithin20Seconds() throws Exception {
    int port = startEndpoints("127.0.4.11", "127.0.4.12", "127.0.4.13", "127.0.4.14", "127.0.4.15");
    SimulatedHeadNode head = new SimulatedHeadNode(dir.resolve("head"));
    Path promDir = dir.resolve("prom");
    head.set("targetsDir", "\"" + promDir.resolve("file_sd") + "\"").set("address", "\"ip\"")
        .set("pollIntervalSeconds", "1").set("metricsListenAddress", "\"127.0.4.1:0\"")
        .set("exporters", "{\"node\": {\"port\": " + port + "}, \"cgroup\": {\"enabled\": false},"
            + " \"gpu\": {\"enabled\": false}, \"dcgm\": {\"enabled\": false}}");
    MonitorConfig config = ConfigLoader.load(head.configFile);
    StringWriter log = new StringWriter();
    RoleMonitorDaemon daemon = new RoleMonitorDaemon(config, new EventLog(new PrintWriter(log, true)));
    WebServer metrics = daemon.startMetrics();
    closing.add(metrics);
    Thread loop = new Thread(daemon::runUntilStopped, "role-monitor");
    loop.start();
    closing.add(() -> {
      daemon.stop();
      loop.join(10_000);
    });
    Files.createDirectories(promDir);
    Prometheus prometheus = Prometheus.start(promDir, YML.formatted(metrics.port()));
    closing.add(prometheus);

    Set<String> roleNodes = Set.of("127.0.4.11:" + port, "127.0.4.12:" + port, "127.0.4.13:" + port,
        "127.0.4.14:" + port);
    JsonNode targets = prometheus.awaitTargets(
        exactlyUp("via-file-sd", roleNodes).and(exactlyUp("via-http-sd", roleNodes)), Duration.ofSeconds(60));
    JsonNode first = targets.get(0).get("labels");
    assertEquals("node_exporter", first.get("job").asText());
    assertEquals("slurm", first.get("cluster").asText());
    assertTrue(first.has("hostname") && first.has("category"), first.toString());
    assertTrue(!first.toString().contains("dgxmon_managed_by"), "the ownership marker must not reach series");

    head.state.overlays.removeIf(o -> o.name.equals("slurm-client")); // dgx-02 and dgx-03 lose the role
    head.save();
    long start = System.nanoTime();
    Set<String> remaining = Set.of("127.0.4.11:" + port, "127.0.4.14:" + port);
    prometheus.awaitTargets(exactlyUp("via-file-sd", remaining).and(exactlyUp("via-http-sd", remaining)),
        Duration.ofSeconds(20));
    System.out.printf("role removal reached Prometheus in %.1f s%n", (System.nanoTime() - start) / 1e9);
    try (var files = Files.list(prometheus.fileSdDir())) {
      assertEquals(Set.of("dgx-01.json", "dgx-04.json"),
          files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
    }

    ProcessResult check = Promtool.run(null, "check", "config", prometheus.configFile().toString());
    assertEquals(0, check.exitCode(), check.stdout() + check.stderr());
    assertTrue((check.stdout() + check.stderr()).contains("SUCCESS"), check.stdout() + check.stderr());
  }
}
