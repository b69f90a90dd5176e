package io.dgxmon.rolemonitor.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.common.io.AtomicFile;
import io.dgxmon.rolemonitor.cmsh.Device;
import io.dgxmon.rolemonitor.config.ConfigLoaderTest;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node whose hostname or IP cell cannot make a target is left out, alone, with a reason. */
class SkippedNodesTest {
  @TempDir Path dir;

  private static NodeRoles node(String hostname, String ip) {
    return new NodeRoles(new Device(hostname, "PhysicalNode", "dgx", ip, ""), Set.of("slurmclient"));
  }

  /** {@code n} characters, a valid DNS-style name made of 63-character labels. */
  private static String hostname(int n) {
    StringBuilder name = new StringBuilder();
    while (name.length() < n) {
      name.append(name.length() % 64 == 63 ? '.' : 'a');
    }
    return name.toString();
  }

  @Test
  void ipCellsThatAreNotAddressesSkipOnlyThatNode() throws Exception {
    MonitorConfig config = ConfigLoaderTest.config("{\"address\": \"ip\"}");
    List<NodeRoles> nodes = List.of(node("dgx-01", "10.141.0.1"), node("dgx-02", "10.0.0.1:22/metrics?x="),
        node("dgx-03", "a:9999,10.0.0.2"), node("dgx-04", "fd00::4"), node("dgx-05", ""));
    var desired = DesiredTargets.compute(nodes, config);
    assertEquals(Set.of("dgx-01", "dgx-04", "dgx-05"), desired.keySet());
    assertEquals(List.of("[fd00::4]:9100"), desired.get("dgx-04").get(0).targets());
    assertEquals(List.of("dgx-05:9100"), desired.get("dgx-05").get(0).targets(), "no IP: by name, as before");
    List<String> skipped = DesiredTargets.skipped(nodes, config);
    assertEquals(2, skipped.size(), skipped.toString());
    assertTrue(skipped.get(0).startsWith("skipped node dgx-02: its IP cell \"10.0.0.1:22/metrics?x=\" is not"),
        skipped.get(0));
  }

  @Test
  void addressByHostnameIgnoresTheIpCell() throws Exception {
    MonitorConfig config = ConfigLoaderTest.config("{}");
    List<NodeRoles> nodes = List.of(node("dgx-02", "10.0.0.1:22/metrics?x="));
    assertEquals(Set.of("dgx-02"), DesiredTargets.compute(nodes, config).keySet());
    assertEquals(List.of(), DesiredTargets.skipped(nodes, config));
  }

  @Test
  void hostnamesWhoseTempFileNameWouldPass255BytesAreSkipped() throws Exception {
    MonitorConfig config = ConfigLoaderTest.config("{}");
    String longest = hostname(208);
    List<NodeRoles> nodes = List.of(node(longest, ""), node(hostname(209), ""), node(hostname(253), ""));
    assertEquals(Set.of(longest), DesiredTargets.compute(nodes, config).keySet());
    assertEquals(2, DesiredTargets.skipped(nodes, config).size());
    // The boundary is the real one: the longest accepted name is written, through the real temp-file naming.
    AtomicFile.write(dir.resolve(longest + ".json"), "[]", AtomicFile.WORLD_READABLE);
    assertTrue(Files.exists(dir.resolve(longest + ".json")));
  }
}
