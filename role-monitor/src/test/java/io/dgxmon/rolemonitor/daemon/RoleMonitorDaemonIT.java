package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.Promtool;
import io.dgxmon.testkit.RequiredTool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped jar as a daemon: self-metrics (checked by promtool), /targets, and a clean SIGTERM stop. */
class RoleMonitorDaemonIT {
  private static final Pattern PORT = Pattern.compile("metrics and /targets on port (\\d+)");
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;
  private Path log;

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.4.2:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesMetricsAndTargetsAndStopsCleanlyOnSigterm() throws Exception {
    RequiredTool.require("promtool", "prometheus"); // before starting anything
    SimulatedHeadNode head = new SimulatedHeadNode(dir);
    log = dir.resolve("daemon.log");
    head.set("metricsListenAddress", "\"127.0.4.2:0\"").set("pollIntervalSeconds", "1");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process daemon = new ProcessBuilder(java, "-jar", Path.of("target/dgxmon-role-monitor.jar").toAbsolutePath().toString(),
        "--config", head.configFile.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      int port = awaitPort();
      // 503 until the first cycle has run.
      HttpResponse<String> targets = Await.until("/targets after the first cycle", Duration.ofSeconds(60),
          () -> get(port, "/targets"), answer -> answer.statusCode() != 503);
      assertEquals(200, targets.statusCode(), targets.body());
      JsonNode groups = new ObjectMapper().readTree(targets.body());
      assertEquals(16, groups.size(), "4 nodes × 4 exporters");
      assertEquals("node_exporter", groups.get(0).get("labels").get("job").asText());

      String metrics = get(port, "/metrics").body();
      for (String name : List.of("dgxmon_role_monitor_last_success_timestamp_seconds ",
          "dgxmon_role_monitor_nodes{state=\"targeted\"} 4.0", "dgxmon_role_monitor_nodes{state=\"untargeted\"} 1.0",
          "dgxmon_role_monitor_cmsh_duration_seconds ", "dgxmon_role_monitor_cmsh_failures_total 0.0",
          "dgxmon_role_monitor_files_written_total 4.0", "dgxmon_role_monitor_files_removed_total 0.0")) {
        assertTrue(metrics.contains(name), name + " missing in:\n" + metrics);
      }
      Promtool.checkMetrics(metrics);
      assertEquals(404, get(port, "/nothing").statusCode());

      daemon.destroy(); // SIGTERM
      assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), "no exit after SIGTERM");
      assertEquals(143, daemon.exitValue(), "JVM exit status after SIGTERM (systemd: SuccessExitStatus=143)");
      List<String> lines = Files.readAllLines(log);
      assertTrue(lines.get(lines.size() - 1).endsWith("INFO stopped"), String.join("\n", lines));
    } finally {
      daemon.destroyForcibly();
    }
  }

  private int awaitPort() {
    String reported = Await.until("the daemon to log its port", Duration.ofSeconds(60), () -> Files.readString(log),
        text -> PORT.matcher(text).find());
    Matcher port = PORT.matcher(reported);
    port.find();
    return Integer.parseInt(port.group(1));
  }
}
