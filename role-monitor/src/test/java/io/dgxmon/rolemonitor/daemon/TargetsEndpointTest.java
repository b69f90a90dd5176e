package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgxmon.common.web.WebServer;
import io.dgxmon.rolemonitor.config.ConfigLoader;
import io.dgxmon.rolemonitor.targets.TargetFileFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
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

  /** Every target group (targets and labels, the managed marker left out) in a file_sd / http_sd document. */
  private static Set<String> targetsIn(String json) throws Exception {
    Set<String> groups = new TreeSet<>();
    for (JsonNode group : new ObjectMapper().readTree(json)) {
      ((ObjectNode) group.path("labels")).remove(TargetFileFormat.MANAGED_LABEL);
      groups.add(group.toString());
    }
    return groups;
  }

  @Test
  void removalsHeldBackByTheDeletionGuardStayInTargetsLikeTheirFiles() throws Exception {
    SimulatedHeadNode head = new SimulatedHeadNode(dir);
    head.set("metricsListenAddress", "\"127.0.4.3:0\"");
    StringWriter log = new StringWriter();
    RoleMonitorDaemon daemon = new RoleMonitorDaemon(ConfigLoader.load(head.configFile),
        new EventLog(new PrintWriter(log, true)));
    try (WebServer server = daemon.startMetrics()) {
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.4.3:" + server.port() + "/targets");
      assertEquals(0, daemon.runOnce(), log.toString());
      Set<String> before = targetsIn(http.send(HttpRequest.newBuilder(uri).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      assertEquals(4, head.files().size());

      head.state.categories.get(0).roles.clear();
      head.state.overlays.clear();
      head.save();
      assertEquals(0, daemon.runOnce(), log.toString());
      assertTrue(log.toString().contains("holding 3 of 4 target files"), log.toString());
      Set<String> inFiles = new TreeSet<>();
      for (String name : head.files().stream().filter(n -> n.endsWith(".json")).toList()) {
        inFiles.addAll(targetsIn(Files.readString(head.targets.resolve(name))));
      }
      String held = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertEquals(inFiles, targetsIn(held), "/targets must keep the held-back files' targets, as file_sd does");
      assertEquals(before, targetsIn(held));

      assertEquals(0, daemon.runOnce(), log.toString());
      assertEquals(Set.of("dgx-04.json"), head.files());
      String after = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertEquals(targetsIn(Files.readString(head.targets.resolve("dgx-04.json"))), targetsIn(after));
    }
  }
}
