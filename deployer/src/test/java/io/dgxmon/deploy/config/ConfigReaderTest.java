package io.dgxmon.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.common.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
  @Test
  void shippedExamplesAreValid() throws Exception {
    DeployConfig example = ConfigReader.read(Path.of("../configs/config.example.json"));
    assertEquals(32 + 4, example.nodes().stream().mapToInt(g -> g.hosts().size()).sum());
    assertEquals("/cm/images/dgx-os-image", example.nodes().get(2).targetRoot());
    assertEquals("arm64", example.nodes().get(1).arch());
    DeployConfig existing = ConfigReader.read(Path.of("../configs/config.existing-prometheus.json"));
    assertEquals(128, existing.nodes().get(0).hosts().size());
    assertEquals("dgx-001", existing.nodes().get(0).hosts().get(0));
    assertEquals("http://bcm-head:9090", existing.prometheus().url());
  }

  @Test
  void defaultsAreDesignMdValues() throws Exception {
    DeployConfig c = ConfigReader.parse("t", "{\"nodes\": [\"dgx-[01-02]\"], \"components\": {\"roleMonitor\": false}}");
    assertEquals("slurm", c.cluster());
    assertEquals("root", c.ssh().user());
    assertEquals(22, c.ssh().port());
    assertEquals(32, c.ssh().concurrency());
    assertTrue(c.ssh().sudo());
    assertEquals("/opt/dgxmon", c.paths().installDir());
    assertEquals("/etc/dgxmon", c.paths().configDir());
    assertEquals("/run/dcgm-job-map", c.paths().jobMapDir());
    assertEquals("/cm/shared/apps/slurm/var/cm", c.paths().sharedSlurmDir());
    assertEquals(new DeployConfig.Ports(9400, 9445, 9306, 9100, 9489), c.ports());
    assertEquals("/", c.nodes().get(0).targetRoot());
    assertEquals(DeployConfig.NvmlCheck.WARN, c.preflight().nvml());
    assertNull(c.headNode());
    assertNull(c.grabImage());
  }

  @Test
  void reportsEveryProblemAtOnceWithFieldPaths() {
    String json = """
        {
          "cluster": "bad name",
          "ssh": {"prot": 22, "concurrency": 0},
          "paths": {"installDir": "opt/dgxmon", "configDir": "/etc/../root"},
          "nodes": [
            "dgx-[05-01]",
            {"hosts": "dgx-01", "ssh": {"port": 70000}},
            {"hosts": ["dgx-01", 7], "targetRoot": "/tmp/x", "softwareImage": "img"},
            {"hosts": "dgx-[02-03]", "address": "10.0.0.1", "arch": "sparc"}
          ],
          "ports": {"gpu": 9400},
          "grabImage": {"write": "yes"},
          "extra": 1
        }
        """;
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("cfg.json", json));
    List<String> expected = List.of(
        "cluster: \"bad name\" is not a cluster name",
        "ssh.prot: unknown key (did you mean \"port\"?)",
        "ssh.concurrency: 0 is not an integer in [1, 1024]",
        "paths.installDir: \"opt/dgxmon\" is not an absolute normalised path",
        "paths.configDir: \"/etc/../root\" is not an absolute",
        "nodes[0].hosts: range \"05-01\"",
        "nodes[1].ssh.port: 70000 is not an integer in [1, 65535]",
        "nodes[2].hosts[1]: expected a host name or range, got 7",
        "nodes[2].targetRoot: give either targetRoot or softwareImage",
        "nodes[3].address: can only be given for a group of exactly one host",
        "nodes[3].arch: \"sparc\" is not",
        "grabImage.fromNode: is required",
        "grabImage.write: expected true or false",
        "extra: unknown key",
        "headNode: is required",
        "nodes: host \"dgx-01\" is listed twice",
        "ports.gpu: 9400 is already used by ports.dcgm");
    for (String problem : expected) {
      assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(problem)),
          "missing \"" + problem + "\" in:\n" + e.getMessage());
    }
    assertTrue(e.getMessage().startsWith("cfg.json: "), e.getMessage());
  }

  @Test
  void roleMonitorLabelsFollowTheRoleMonitorsOwnRule() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("cfg.json",
        "{\"headNode\": {\"host\": \"h\"}, \"nodes\": [\"n\"],"
            + " \"roleMonitor\": {\"labels\": {\"site\": \"a\", \"job\": \"x\", \"__meta\": \"y\"}}}"));
    assertEquals(List.of(
        "roleMonitor.labels.job: is not a Prometheus label name (not job/cluster/hostname/category, no leading __)",
        "roleMonitor.labels.__meta: is not a Prometheus label name (not job/cluster/hostname/category, no leading __)"),
        e.problems());
  }

  @Test
  void aHeadNodeWithoutHostIsReportedNotACrash() {
    // Found by ConfigReaderFuzzTest: the cross check of head node and nodes threw NullPointerException.
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigReader.parse("cfg.json", "{\"headNode\": {\"kost\": \"head\"}, \"nodes\": [\"n1\"]}"));
    assertEquals(List.of("headNode.host: is required", "headNode.kost: unknown key (did you mean \"host\"?)"),
        e.problems());
  }

  @Test
  void invalidJsonNamesLineAndColumn() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigReader.parse("cfg.json", "{\n  \"nodes\": [\"a\",]\n}"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void imageGroupsNeedNoHostsButNeedAHeadNode() throws Exception {
    DeployConfig c = ConfigReader.parse("t",
        "{\"headNode\": {\"host\": \"head\", \"targetRoot\": \"/tmp/h\"}, \"nodes\": [{\"softwareImage\": \"img\"}]}");
    assertEquals("/cm/images/img", c.nodes().get(0).targetRoot());
    assertFalse(c.headNode().targetRoot().isEmpty());
  }
}
