package io.dgxmon.testkit.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.testkit.cmsh.ClusterState.Node;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Device listings against the verbatim real-terminal samples of docs/reference/cmsh.md §1.2–1.4. */
class CmshListingTest {
  /** docs/reference/cmsh.md §1.2, BCM 10 [AIR], verbatim. */
  private static final String AIR_LIST = """
      Type                   Hostname (key)   MAC                Category         Ip              Network        Status
      ---------------------- ---------------- ------------------ ---------------- --------------- -------------- --------------------------------
      HeadNode               bcm-nv-air       48:B0:2D:11:FE:92                   192.168.200.254 internalnet    [   UP   ]
      PhysicalNode           compute0         44:38:39:22:AA:04  default          192.168.200.14  internalnet    [     INSTALLING      ] (provis+
      PhysicalNode           node001          00:00:00:00:00:00  default          192.168.200.1   internalnet    [  DOWN  ], unassigned
      Switch                 leaf02           44:38:39:22:AA:03                   192.168.200.13  internalnet    [       BOOTING       ] (/switc+
      """;

  /** docs/reference/cmsh.md §1.2, BCM 11-era [GB200], verbatim (prompt line dropped). */
  private static final String GB200_HEAD = """
      Type             Hostname (key)   MAC                Category         IP               Network          Status
      ---------------- ---------------- ------------------ ---------------- ---------------- ---------------- --------------------------------
      HeadNode         std-bcm-mst01    40:5B:7F:9F:C4:9B                   10.135.8.2       internalnet      [   UP   ], health check failed+
      """;

  static ClusterState airCluster() {
    ClusterState state = new ClusterState();
    Node head = Node.head("bcm-nv-air", "192.168.200.254");
    head.mac = "48:B0:2D:11:FE:92";
    Node compute0 = Node.physical("compute0", "default", "192.168.200.14");
    compute0.mac = "44:38:39:22:AA:04";
    compute0.status = "INSTALLING";
    compute0.statusReason = "provisioning software";
    Node node001 = Node.physical("node001", "default", "192.168.200.1");
    node001.status = "DOWN";
    node001.statusFlags.add("unassigned");
    Node leaf02 = Node.device("Switch", "leaf02", "192.168.200.13");
    leaf02.mac = "44:38:39:22:AA:03";
    leaf02.status = "BOOTING";
    leaf02.statusReason = "/switch/boot";
    // Deliberately out of order: the listing sorts by type, then hostname.
    state.nodes.addAll(List.of(leaf02, node001, compute0, head));
    state.categories.add(ClusterState.Category.of("default"));
    return state;
  }

  private static String run(ClusterState state, String commands) {
    CmshSimulator.Result result = CmshSimulator.run(state, commands, true);
    assertEquals(0, result.exitCode(), result.output());
    return result.output();
  }

  @Test
  void bcm10DefaultListMatchesTheRealTerminalByteForByte() {
    assertEquals(AIR_LIST, run(airCluster(), "device; list"));
    assertEquals(AIR_LIST, run(airCluster(), "device list"));
  }

  @Test
  void bcm11ProfileMatchesTheGb200Sample() {
    ClusterState state = new ClusterState();
    state.profile = "bcm11";
    Node head = Node.head("std-bcm-mst01", "10.135.8.2");
    head.mac = "40:5B:7F:9F:C4:9B";
    head.statusFlags.addAll(List.of("health check failed", "restart-required"));
    state.nodes.addAll(List.of(head, Node.physical("gpu001", "gb200", "10.135.8.10")));
    assertEquals(GB200_HEAD, run(state, "device; list -t HeadNode"));
    assertEquals(GB200_HEAD, run(state, "device; list --type headnode"));
  }

  @Test
  void bcm11RangeWidthsFollowTheLongestHostnameLikeTheRackListing() {
    ClusterState state = new ClusterState();
    state.profile = "bcm11";
    state.nodes.add(Node.physical("GB200-Rack2-N01", "gb200", "10.135.9.1"));
    Node nvswitch = Node.device("Switch", "GB200-Rack2-NVSW1", "10.135.9.100");
    nvswitch.status = "DOWN";
    state.nodes.add(nvswitch);
    String dashes = run(state, "device; list").lines().toList().get(1);
    assertEquals(List.of(16, 18, 18, 16, 16, 16, 32), Arrays.stream(dashes.split(" ")).map(String::length).toList());
  }

  @Test
  void rangeColumnIsClampOfLongestPlusOne() {
    ClusterState state = airCluster();
    state.nodes.get(1).statusFlags.clear();
    state.nodes.get(1).statusFlags.add("restart-required"); // "[  DOWN  ], restart-required" = 28
    state.nodes.removeIf(n -> n.statusReason != null);
    String dashes = run(state, "device; list").lines().toList().get(1);
    assertEquals(29, dashes.substring(dashes.lastIndexOf(' ') + 1).length());
  }

  @Test
  void filtersByTypeRackStatusCategoryAndNodeList() {
    ClusterState state = airCluster();
    state.nodes.get(1).rack = "r1";
    assertEquals(List.of("compute0", "node001"), hostnames(run(state, "device; list -t physicalnode")));
    assertEquals(List.of("node001"), hostnames(run(state, "device; list -r r1")));
    assertEquals(List.of("bcm-nv-air"), hostnames(run(state, "device; list --status up")));
    assertEquals(List.of("compute0", "node001"), hostnames(run(state, "device; list -c default")));
    assertEquals(List.of("node001"), hostnames(run(state, "device; list -n node001..node004")));
  }

  private static List<String> hostnames(String table) {
    return table.lines().skip(2).map(l -> l.substring(23, 39).strip()).toList();
  }

  @Test
  void customFieldsCutHeadersWithoutPlusAndValuesWithPlus() {
    String out = run(airCluster(), "device; list -f hostname:10,status:12 -t physicalnode");
    assertEquals("""
        hostname ( status
        ---------- ------------
        compute0   [     INSTA+
        node001    [  DOWN  ],+
        """, out);
  }

  @Test
  void widthZeroIsUnlimitedAndDelimiterPadsCells() {
    String out = run(airCluster(), "device; list -f hostname:0,ip:0 -d \"|\" -t physicalnode");
    assertEquals("""
        hostname (key)|ip
        --------------|--------------
        compute0      |192.168.200.14
        node001       |192.168.200.1
        """, out);
  }

  @Test
  void braceDelimiterGivesJsonKeyedByLowerCaseFieldNames() throws Exception {
    String out = run(airCluster(), "device; list -f hostname,ip,mac,status -d {}");
    assertTrue(out.startsWith("[\n  {\n    \"hostname (key)\": \"bcm-nv-air\",\n"), out);
    JsonNode rows = new ObjectMapper().readTree(out);
    assertEquals(4, rows.size());
    assertEquals("[  DOWN  ], unassigned", rows.get(2).get("status").asText());
    assertEquals("[     INSTALLING      ] (provisioning software)", rows.get(1).get("status").asText());
    assertTrue(run(airCluster(), "device; list -t headnode -d {4}").contains("\n        \"type\": \"HeadNode\""));
  }

  @Test
  void statusLinesPutDotsToACommonColumnAndCentreTheState() {
    ClusterState state = airCluster();
    Node node001 = state.node("node001").orElseThrow();
    node001.statusReason = "hostname changed";
    node001.statusFlags.set(0, "restart-required");
    assertEquals("""
        compute0 ............ [     INSTALLING      ] (provisioning software)
        node001 ............. [  DOWN  ] (hostname changed) restart-required
        """, run(state, "device; status -n compute0,node001"));
    assertEquals("bcm-nv-air .......... [   UP   ]\n", run(state, "device status bcm-nv-air"));
    assertEquals("[ CLOSED ]", StatusText.bracket("CLOSED"));
    assertEquals("[ INSTALLER_CALLINGINIT ]", StatusText.bracket("INSTALLER_CALLINGINIT"));
  }

  @Test
  void getForeachAndAliases() {
    ClusterState state = airCluster();
    assertEquals("192.168.200.1\ndefault\n", run(state, "device; use node001; get ip; get category"));
    assertEquals("compute0\nnode001\n", run(state, "device; foreach -t physicalnode (get hostname)"));
    assertEquals("""
        node001
        node001 ............. [  DOWN  ] unassigned
        compute0
        compute0 ............ [     INSTALLING      ] (provisioning software)
        """, run(state, "device; foreach node001 compute0 (get hostname; status)"));
    assertEquals(4, run(state, "device; foreach * (get hostname)").lines().count());
    assertEquals(run(state, "device; list"), run(state, "device; ls"));
    assertEquals(run(state, "device status node001"), run(state, "ds node001"));
  }
}
