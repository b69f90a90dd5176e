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
    assertEquals(DeployConfig.ExporterPrivileges.MINIMAL, c.exporter().privileges());
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
    assertReported(e, expected);
    assertTrue(e.getMessage().startsWith("cfg.json: "), e.getMessage());
  }

  @Test
  void exporterPrivilegesAreMinimalOrProfilingAndTheAllowListHoldsAddresses() throws Exception {
    String nodes = "\"nodes\": [\"n\"], \"components\": {\"roleMonitor\": false}";
    DeployConfig.Exporter exporter = ConfigReader.parse("t", "{" + nodes + ", \"exporter\": {\"privileges\": "
        + "\"profiling\", \"ipAddressAllow\": [\"10.1.2.3\", \"10.0.0.0/8\", \"fd00::/8\", \"localhost\"]}}")
        .exporter();
    assertEquals(DeployConfig.ExporterPrivileges.PROFILING, exporter.privileges());
    assertEquals(List.of("10.1.2.3", "10.0.0.0/8", "fd00::/8", "localhost"), exporter.ipAddressAllow());
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("cfg.json", "{" + nodes
        + ", \"exporter\": {\"privileges\": \"root\", \"privilege\": \"x\", \"ipAddressAllow\": "
        + "[\"10.0.0.0/33\", \"256.1.1.1\", \"prometheus.example.org\"]}}"));
    assertTrue(e.problems().containsAll(List.of("exporter.privileges: \"root\" is not \"minimal\" or \"profiling\"",
        "exporter.privilege: unknown key (did you mean \"privileges\"?)",
        "exporter.ipAddressAllow[2]: \"prometheus.example.org\" is not an IP address or prefix (10.1.0.0/16, fd00::/8)"
            + " or localhost/link-local/multicast")), e.getMessage());
    assertEquals(3, e.problems().stream().filter(p -> p.startsWith("exporter.ipAddressAllow")).count(),
        e.getMessage());
  }

  @Test
  void theInstallDirIsNeverOnBcmSharedStorage() throws Exception {
    String nodes = "\"nodes\": [\"n\"], \"components\": {\"roleMonitor\": false}";
    for (String dir : List.of("/cm/shared", "/cm/shared/apps/dgxmon")) {
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("cfg.json",
          "{" + nodes + ", \"paths\": {\"installDir\": \"" + dir + "\"}}"));
      assertEquals(List.of("paths.installDir: \"" + dir + "\" is on BCM's shared storage, which dgxmon does not run "
          + "from: use a directory on each node's own disk such as /opt/dgxmon, or a software image for many nodes "
          + "(docs/Scaling.md, \"One runtime on /cm/shared? (no)\")"), e.problems());
    }
    assertEquals("/cm/shared-local/dgxmon", ConfigReader.parse("t",
        "{" + nodes + ", \"paths\": {\"installDir\": \"/cm/shared-local/dgxmon\"}}").paths().installDir());
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
  void imageUpdatesNeedTheImagesCategories() throws Exception {
    String json = """
        {"headNode": {"host": "h"}, "nodes": [{"softwareImage": "img"}, {"hosts": "n1", "categories": ["dgx"]}],
         "provisioning": {"updateImages": true, "pollSeconds": 0}}
        """;
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("cfg.json", json));
    assertEquals(List.of("nodes[1].categories: only goes with softwareImage (they are the image's categories)",
        "provisioning.pollSeconds: 0 is not an integer in [1, 3600]",
        "nodes[0].categories: is required when provisioning.updateImages is true (imageupdate -c <category> updates "
            + "the nodes of those categories)"), e.problems());
    DeployConfig ok = ConfigReader.parse("ok.json", "{\"headNode\": {\"host\": \"h\"}, \"nodes\": [{\"softwareImage\": "
        + "\"img\", \"categories\": [\"dgx\"]}], \"provisioning\": {\"updateImages\": true}}");
    assertEquals(new DeployConfig.Provisioning(true, 1800, 10), ok.provisioning());
    assertEquals(List.of("dgx"), ok.nodes().get(0).categories());
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

  @Test
  void pathLikeValuesRefuseDotAndEmptySegmentsAndControlCharactersAllAtOnce() {
    String json = """
        {"cluster": "..",
         "headNode": {"host": "head", "targetRoot": "/srv/./head"},
         "ssh": {"identityFile": "~/../../etc/shadow", "knownHostsFile": "/root//known_hosts"},
         "paths": {"installDir": "/opt/dgxmon/", "configDir": "/etc/dgxmon\\u0007", "unitDir": "/."},
         "roleMonitor": {"cmsh": "/cm/local/apps/cmd/bin/.."},
         "nodes": [{"softwareImage": ".."}, {"softwareImage": "."}, {"hosts": "dgx-01", "targetRoot": "/srv/../"}]}
        """;
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.parse("cfg.json", json));
    List<String> expected = List.of(
        "cluster: \"..\" is not a cluster name",
        "headNode.targetRoot: \"/srv/./head\" is not an absolute normalised path",
        "ssh.identityFile: \"~/../../etc/shadow\" is not a path",
        "ssh.knownHostsFile: \"/root//known_hosts\" is not a path",
        "paths.installDir: \"/opt/dgxmon/\" is not an absolute normalised path",
        "paths.configDir: \"/etc/dgxmon\u0007\" is not an absolute normalised path",
        "paths.unitDir: \"/.\" is not an absolute normalised path",
        "roleMonitor.cmsh: \"/cm/local/apps/cmd/bin/..\" is not an absolute normalised path",
        "nodes[0].softwareImage: \"..\" is not a software image name",
        "nodes[1].softwareImage: \".\" is not a software image name",
        "nodes[2].targetRoot: \"/srv/../\" is not an absolute normalised path");
    assertReported(e, expected);
    assertTrue(e.getMessage().contains("no '.', '..' or empty segments"), e.getMessage());
  }

  @Test
  void namesThatMerelyContainDotsAreStillFine() throws Exception {
    DeployConfig c = ConfigReader.parse("t", """
        {"cluster": "slurm.prod", "headNode": {"host": "head", "targetRoot": "/srv/.hidden/a..b"},
         "ssh": {"identityFile": "~/.ssh/id_ed25519"}, "nodes": [{"softwareImage": "dgx-os-6.1..2"}]}
        """);
    assertEquals("/cm/images/dgx-os-6.1..2", c.nodes().get(0).targetRoot());
    assertEquals("/srv/.hidden/a..b", c.headNode().targetRoot());
  }

  /** Each expected problem starts one reported problem line. */
  private static void assertReported(ConfigException e, List<String> expected) {
    for (String problem : expected) {
      assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(problem)),
          "missing \"" + problem + "\" in:\n" + e.getMessage());
    }
  }
}
