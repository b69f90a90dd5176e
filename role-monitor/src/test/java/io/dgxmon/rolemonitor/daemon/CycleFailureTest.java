package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.rolemonitor.config.ConfigLoader;
import io.dgxmon.testkit.cmsh.ClusterState.Node;
import io.dgxmon.common.web.WebServer;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cycle that could not write what it should have is a failure that the staleness alert sees, and one node the
 * directory cannot hold is skipped alone (issue 13). Metrics are read from the daemon's own {@code /metrics}.
 */
class CycleFailureTest {
  private static final Set<String> FIRST_FILES = Set.of("dgx-01.json", "dgx-02.json", "dgx-03.json", "dgx-04.json");

  @TempDir Path dir;
  private SimulatedHeadNode head;
  private final StringWriter log = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    head = new SimulatedHeadNode(dir);
    head.set("metricsListenAddress", "\"127.0.0.1:0\"");
  }

  private RoleMonitorDaemon daemon() throws Exception {
    return new RoleMonitorDaemon(ConfigLoader.load(head.configFile), new EventLog(new PrintWriter(log, true)));
  }

  private static double metric(WebServer server, String name) throws Exception {
    String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
    assertTrue(m.find(), name + " missing in\n" + text);
    return Double.parseDouble(m.group(1));
  }

  private void replaceNode(Node node) {
    head.state.nodes.removeIf(n -> n.hostname.equals(node.hostname));
    head.state.nodes.add(node);
    head.save();
  }

  @Test
  void aFileThatCannotBeWrittenFailsTheCycleAndLeavesLastSuccessAlone() throws Exception {
    RoleMonitorDaemon daemon = daemon();
    try (WebServer server = daemon.startMetrics()) {
      assertEquals(0, daemon.runOnce(), log.toString());
      double lastSuccess = metric(server, "dgxmon_role_monitor_last_success_timestamp_seconds");
      assertTrue(lastSuccess > 0);
      // dgx-05 gains the role, but its file cannot be written (here: the name is taken, like a full disk would).
      replaceNode(Node.physical("dgx-05", "spare", "127.0.4.15", "slurmclient"));
      Files.createDirectory(head.targets.resolve("dgx-05.json"));
      Thread.sleep(20);
      assertEquals(1, daemon.runOnce());
      assertEquals(lastSuccess, metric(server, "dgxmon_role_monitor_last_success_timestamp_seconds"),
          "a cycle that did not write what it should must not look successful");
      assertEquals(1.0, metric(server, "dgxmon_role_monitor_write_failures_total"));
      assertEquals(0.0, metric(server, "dgxmon_role_monitor_cmsh_failures_total"));
      assertTrue(log.toString().contains("failed for 1 file(s), first: dgx-05.json"), log.toString());
    }
  }

  @Test
  void aHostnameTooLongForItsTempFileSkipsOnlyThatNodeAndWarnsOnce() throws Exception {
    String tooLong = "n".repeat(63) + "." + "n".repeat(63) + "." + "n".repeat(63) + "." + "n".repeat(17); // 209
    head.state.nodes.add(Node.physical(tooLong, "dgx", "127.0.4.20"));
    head.save();
    RoleMonitorDaemon daemon = daemon();
    try (WebServer server = daemon.startMetrics()) {
      assertEquals(0, daemon.runOnce(), log.toString());
      assertEquals(0, daemon.runOnce(), log.toString());
      assertEquals(new TreeSet<>(FIRST_FILES), head.files());
      assertEquals(1.0, metric(server, "dgxmon_role_monitor_devices_skipped"));
      assertEquals(0.0, metric(server, "dgxmon_role_monitor_write_failures_total"));
      assertEquals(1, log.toString().split("skipped node " + tooLong, -1).length - 1,
          "warned once, not every cycle:\n" + log);
    }
  }

  @Test
  void ipCellsThatAreNotAddressesSkipThoseNodesAndShowInCheck() throws Exception {
    head.set("address", "\"ip\"");
    replaceNode(Node.physical("dgx-04", "spare", "10.0.0.1:22/metrics?x=", "slurmclient"));
    head.node("dgx-01").ip = "a:9999,10.0.0.2";
    head.save();
    SimulatedHeadNode.Run run = head.once();
    assertEquals(0, run.exitCode(), run.log());
    assertEquals(new TreeSet<>(Set.of("dgx-02.json", "dgx-03.json")), head.files());
    assertTrue(run.log().contains("skipped node dgx-04: its IP cell \"10.0.0.1:22/metrics?x=\" is not an IPv4 or IPv6"
        + " address"), run.log());
    SimulatedHeadNode.Run check = head.run("--check");
    assertTrue(check.out().contains("warning: skipped node dgx-01: its IP cell \"a:9999,10.0.0.2\""), check.out());
  }

  @Test
  void anAnswerOverTheCapIsRefusedAtOnceAndChangesNoFile() throws Exception {
    assertEquals(0, head.once().exitCode());
    String before = Files.readString(head.targets.resolve("dgx-01.json"));
    head.set("cmsh", "[\"/bin/sh\", \"-c\", \"yes | head -c 3145728; sleep 300\", \"sh\"]")
        .set("cmshMaxOutputMiB", "1");
    long start = System.nanoTime();
    SimulatedHeadNode.Run run = head.once();
    assertEquals(1, run.exitCode());
    assertTrue(run.log().contains("cmsh failed, no target file changed: cmsh printed more than 1 MiB"
        + " (cmshMaxOutputMiB)"), run.log());
    assertTrue(System.nanoTime() - start < 20_000_000_000L, "killed at the cap, not at cmshTimeoutSeconds (30 s)");
    assertEquals(new TreeSet<>(FIRST_FILES), head.files());
    assertEquals(before, Files.readString(head.targets.resolve("dgx-01.json")));
  }
}
