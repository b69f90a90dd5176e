package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.common.web.WebServer;
import io.dgxmon.rolemonitor.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /targets never answers [] for "don't know yet": that would make Prometheus drop every target. */
class TargetsEndpointTest {
  @TempDir Path dir;

  @Test
  void answers503UntilACycleSucceedsAndCountsTheFailure() throws Exception {
    SimulatedHeadNode head = new SimulatedHeadNode(dir);
    head.set("cmsh", "\"/bin/false\"").set("metricsListenAddress", "\"127.0.4.3:0\"");
    RoleMonitorDaemon daemon = new RoleMonitorDaemon(ConfigLoader.load(head.configFile),
        new EventLog(new PrintWriter(new StringWriter(), true)));
    try (WebServer server = daemon.startMetrics()) {
      assertEquals(1, daemon.runOnce());
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.4.3:" + server.port();
      HttpResponse<String> targets = http.send(HttpRequest.newBuilder(URI.create(base + "/targets")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(503, targets.statusCode());
      String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(metrics.contains("dgxmon_role_monitor_cmsh_failures_total 1.0"), metrics);
      assertTrue(metrics.contains("dgxmon_role_monitor_last_success_timestamp_seconds 0.0\n"), metrics);
    }
  }
}
