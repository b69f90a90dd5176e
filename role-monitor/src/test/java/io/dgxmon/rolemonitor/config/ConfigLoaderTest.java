package io.dgxmon.rolemonitor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.common.config.ConfigException;
import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.rolemonitor.config.MonitorConfig.AddressMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, overrides and the errors a bad config gets. */
public class ConfigLoaderTest {
  @TempDir Path dir;

  public static MonitorConfig config(String json) throws Exception {
    return ConfigLoader.parse("role-monitor.json", json);
  }

  private static String error(String json) {
    return assertThrows(ConfigException.class, () -> config(json)).getMessage();
  }

  @Test
  void emptyObjectGivesTheDocumentedDefaults() throws Exception {
    MonitorConfig c = config("{}");
    assertEquals(List.of("/cm/local/apps/cmd/bin/cmsh"), c.cmsh());
    assertEquals(Set.of("slurmclient"), c.roles());
    assertEquals(Set.of("physicalnode"), c.nodeTypes());
    assertEquals(Path.of("/cm/shared/apps/dgxmon/prometheus-targets"), c.targetsDir());
    assertEquals(30, c.pollIntervalSeconds());
    assertEquals(60, c.cmshTimeoutSeconds());
    assertEquals("slurm", c.cluster());
    assertEquals(AddressMode.HOSTNAME, c.address());
    assertEquals(List.of("node_exporter:9100", "cgroup_exporter:9306", "gpu_exporter:9445", "dcgm_exporter:9400"),
        c.enabledExporters().stream().map(e -> e.job() + ":" + e.port()).toList());
    assertEquals(Map.of(), c.labels());
    assertEquals(Optional.of(ListenAddress.onPort(9489)), c.metricsListenAddress());
    assertEquals(0.5, c.maxDeletionFraction());
    assertEquals(c, ConfigLoader.defaults());
  }

  @Test
  void everyKeyCanBeSet() throws Exception {
    MonitorConfig c = config("""
        {"cmsh": ["/usr/bin/ssh", "head1", "cmsh"], "roles": ["SlurmClient", "slurmsubmit"],
         "nodeTypes": ["PhysicalNode", "HeadNode"], "targetsDir": "/srv/targets", "pollIntervalSeconds": 5,
         "cmshTimeoutSeconds": 9, "cluster": "c1", "address": "ip", "labels": {"site": "x"},
         "exporters": {"extra": {"port": 9999, "job": "extra_exporter"}},
         "metricsListenAddress": "127.0.0.1:0", "maxDeletionFraction": 0.2}""");
    assertEquals(List.of("/usr/bin/ssh", "head1", "cmsh"), c.cmsh());
    assertEquals(Set.of("slurmclient", "slurmsubmit"), c.roles());
    assertEquals(Set.of("physicalnode", "headnode"), c.nodeTypes());
    assertEquals(5, c.exporters().size());
    assertEquals(Optional.of(new ListenAddress("127.0.0.1", 0)), c.metricsListenAddress());
    assertEquals(Optional.empty(), config("{\"metricsListenAddress\": \"off\"}").metricsListenAddress());
    assertEquals(List.of("/opt/cmsh"), config("{\"cmsh\": \"/opt/cmsh\"}").cmsh());
  }

  @Test
  void unknownKeysAreRefusedWithTheNearestValidKey() {
    assertEquals("role-monitor.json: 1 problem(s):\n  targetDir: unknown key (did you mean \"targetsDir\"?)",
        error("{\"targetDir\": \"/x\"}"));
    assertTrue(error("{\"exporters\": {\"dcgm\": {\"prot\": 1}}}")
        .contains("exporters.dcgm.prot: unknown key (did you mean \"port\"?)"));
  }

  @Test
  void badValuesNameTheFieldTheValueAndWhatWasExpected() {
    assertEquals("role-monitor.json: 1 problem(s):\n  pollIntervalSeconds: 0 is not an integer in [1, 86400]",
        error("{\"pollIntervalSeconds\": 0}"));
    assertEquals("role-monitor.json: 1 problem(s):\n  address: \"fqdn\" is not \"hostname\" or \"ip\"",
        error("{\"address\": \"fqdn\"}"));
    assertTrue(error("{\"targetsDir\": \"relative/dir\"}")
        .contains("targetsDir: \"relative/dir\" is not an absolute directory path"));
    assertTrue(error("{\"targetsDir\": \"/a/../etc\"}").contains("without '..'"));
    assertTrue(error("{\"labels\": {\"job\": \"x\"}}").contains("labels.job: is not a Prometheus label name"));
    assertTrue(error("{\"exporters\": {\"dcgm\": {\"port\": 70000}}}").contains("exporters.dcgm.port: 70000 is not an integer"));
    assertTrue(error("{\"exporters\": {\"mine\": {\"port\": 1}}}").contains("exporters.mine: a new exporter needs"));
    assertTrue(error("{\"metricsListenAddress\": \"9489\"}").contains("metricsListenAddress: \"9489\" is not"));
    assertTrue(error("{\"roles\": []}").contains("roles: expected a string or a non-empty list of strings, got []"));
    assertTrue(error("[]").contains("expected a JSON object"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String message = error("""
        {"pollIntervalSeconds": 0, "roles": ["slurmclient", "bad role"], "labels": {"__x": "y"},
         "exporters": {"dcgm": {"port": "9400"}}, "clustr": "c1"}""");
    assertEquals(String.join("\n  ", "role-monitor.json: 5 problem(s):",
        "roles[1]: \"bad role\" is not a BCM role name such as slurmclient",
        "pollIntervalSeconds: 0 is not an integer in [1, 86400]",
        "exporters.dcgm.port: \"9400\" is not an integer in [1, 65535]",
        "labels.__x: is not a Prometheus label name (not job/cluster/hostname/category, no leading __)",
        "clustr: unknown key (did you mean \"cluster\"?)"), message);
  }

  @Test
  void fileErrorsNameTheFile() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"roles\": [\"slurmclient\",]}");
    String message = assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).getMessage();
    assertTrue(message.startsWith(file + ": 1 problem(s):\n  line 1, column 26: not valid JSON"), message);
    assertEquals(dir.resolve("none.json") + ": 1 problem(s):\n  no such file",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("none.json"))).getMessage());
  }
}
