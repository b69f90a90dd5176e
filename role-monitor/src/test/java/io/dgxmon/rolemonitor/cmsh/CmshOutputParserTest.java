package io.dgxmon.rolemonitor.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.ClusterState.Category;
import io.dgxmon.testkit.cmsh.ClusterState.Node;

import io.dgxmon.testkit.cmsh.CmshSimulator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing the one-call cmsh answer, and refusing answers that cannot be trusted. */
class CmshOutputParserTest {
  static final Set<String> PHYSICAL = Set.of("physicalnode");

  /** Head node, three DGX nodes in two categories, a switch, and the overlays cm-wlm-setup creates. */
  static ClusterState cluster() {
    ClusterState state = new ClusterState();
    state.nodes.add(Node.head("basecm11", "10.141.255.254"));
    state.nodes.add(Node.physical("dgx-01", "dgx", "10.141.0.1"));
    state.nodes.add(Node.physical("dgx-02", "dgx", "10.141.0.2", "SlurmClient"));
    state.nodes.add(Node.physical("login01", "login", "10.141.0.100"));
    state.nodes.add(Node.device("Switch", "leaf02", "10.141.0.250"));
    state.categories.add(Category.of("dgx", "cgroupsupervisor"));
    state.categories.add(Category.of("login"));
    state.overlays.add(ClusterState.Overlay.of("slurm-client", List.of("dgx-01"), List.of(), "slurmclient"));
    state.overlays.add(ClusterState.Overlay.of("slurm-submit", List.of(), List.of("login"), "slurmsubmit"));
    return state;
  }

  static String answer(ClusterState state, Set<String> types) {
    CmshSimulator.Result result = CmshSimulator.run(state, CmshQuery.script(types), true);
    assertEquals(0, result.exitCode(), result.output());
    return result.output();
  }

  @Test
  void parsesDevicesRolesCategoriesAndOverlaysFromOneAnswer() throws Exception {
    ClusterSnapshot snapshot = CmshOutputParser.parse(answer(cluster(), PHYSICAL));
    assertEquals(5, snapshot.devices().size());
    assertEquals(new Device("basecm11", "HeadNode", "", "10.141.255.254", "[   UP   ]"), snapshot.devices().get(0));
    assertEquals(Set.of("dgx-01", "dgx-02", "login01"), snapshot.nodeRoles().keySet());
    // The simulator, like real cmsh, lists inherited roles with prefixes; the parser strips them and lower-cases.
    assertEquals(Set.of("cgroupsupervisor", "slurmclient"), snapshot.nodeRoles().get("dgx-01"));
    assertEquals(Set.of("cgroupsupervisor", "slurmclient"), snapshot.nodeRoles().get("dgx-02"));
    assertEquals(Map.of("dgx", Set.of("cgroupsupervisor"), "login", Set.of()), snapshot.categoryRoles());
    assertEquals(new io.dgxmon.rolemonitor.cmsh.Overlay("slurm-submit", false, Set.of(), Set.of("login"), Set.of("slurmsubmit")),
        snapshot.overlays().get(1));
    assertEquals(List.of(), snapshot.warnings());
  }

  @Test
  void expandsOverlayNodeRangesAndReadsHeadNodeBlocksWhenAsked() throws Exception {
    ClusterState state = cluster();
    state.overlays.get(0).nodes = List.of("dgx-01", "dgx-02", "dgx-03");
    state.overlays.get(0).allheadnodes = true;
    ClusterSnapshot snapshot = CmshOutputParser.parse(answer(state, Set.of("physicalnode", "headnode")));
    assertEquals(Set.of("dgx-01", "dgx-02", "dgx-03"), snapshot.overlays().get(0).nodes());
    assertTrue(snapshot.overlays().get(0).allHeadNodes());
    assertTrue(snapshot.nodeRoles().containsKey("basecm11"));
  }

  @Test
  void scriptIsOneCmshCallWithMarkedSections() {
    String script = CmshQuery.script(PHYSICAL);
    assertEquals("!echo @@dgxmon-role-monitor:devices@@; device; list -f type:0,hostname:0,category:0,ip:0,status:0 -d {}; "
        + "!echo @@dgxmon-role-monitor:node-roles@@; foreach -t physicalnode (get hostname; roles; list); "
        + "!echo @@dgxmon-role-monitor:category-roles@@; category; foreach * (get name; roles; list); "
        + "!echo @@dgxmon-role-monitor:overlays@@; "
        + "configurationoverlay; list -f name:0,allheadnodes:0,nodes:0,categories:0,roles:0 -d {}; "
        + "!echo @@dgxmon-role-monitor:end@@", script);
    assertEquals(List.of("/usr/bin/ssh", "head2", "/cm/local/apps/cmd/bin/cmsh", "'--color=no'", "'-q'", "'-c'",
        "'" + script + "'"), CmshQuery.commandLine(List.of("/usr/bin/ssh", "head2", "/cm/local/apps/cmd/bin/cmsh"), PHYSICAL));
  }

  @Test
  void acceptsFixedWidthTablesInsteadOfJson() throws Exception {
    // docs/reference/cmsh.md §1.2 (BCM 10, verbatim) and §1.6 (overlay widths 20,10,14,16,16,15).
    String output = String.join("\n",
        CmshQuery.marker("devices"),
        "Type                   Hostname (key)   MAC                Category         Ip              Network        Status",
        "---------------------- ---------------- ------------------ ---------------- --------------- -------------- --------------------------------",
        "HeadNode               bcm-nv-air       48:B0:2D:11:FE:92                   192.168.200.254 internalnet    [   UP   ]",
        "PhysicalNode           compute0         44:38:39:22:AA:04  default          192.168.200.14  internalnet    [     INSTALLING      ] (provis+",
        "PhysicalNode           node001          00:00:00:00:00:00  default          192.168.200.1   internalnet    [  DOWN  ], unassigned",
        "Switch                 leaf02           44:38:39:22:AA:03                   192.168.200.13  internalnet    [       BOOTING       ] (/switc+",
        CmshQuery.marker("node-roles"),
        "compute0", "Name (key)", "------------------------------", "[category:default] slurmclient",
        "node001", "Name (key)", "------------------------------",
        CmshQuery.marker("category-roles"),
        "default", "Name (key)", "------------------------------", "slurmclient",
        CmshQuery.marker("overlays"),
        "Name (key)           Priority   All head nodes Nodes            Categories       Roles",
        "-------------------- ---------- -------------- ---------------- ---------------- ---------------",
        "slurm-client         500        no             node001,node002  default          slurmclient",
        "slurm-server         500        yes                                              slurmserver",
        CmshQuery.marker("end"), "");
    ClusterSnapshot snapshot = CmshOutputParser.parse(output);
    assertEquals(new Device("leaf02", "Switch", "", "192.168.200.13", "[       BOOTING       ] (/switc+"),
        snapshot.devices().get(3));
    assertEquals("", snapshot.devices().get(0).category());
    assertEquals(Set.of(), snapshot.nodeRoles().get("node001"));
    assertEquals(new io.dgxmon.rolemonitor.cmsh.Overlay("slurm-client", false, Set.of("node001", "node002"), Set.of("default"),
        Set.of("slurmclient")), snapshot.overlays().get(0));
    assertTrue(snapshot.overlays().get(1).allHeadNodes());
  }

  @Test
  void refusesAHostnameCutByCmsh() {
    String output = answer(cluster(), PHYSICAL).replaceFirst("(?s)\\[.*?]\n(@@dgxmon-role-monitor:node-roles@@)", String.join("\n",
        "Type         Hostname (key)", "------------ ----------", "PhysicalNode dgx-node-0+", "$1"));
    CmshParseException e = assertThrows(CmshParseException.class, () -> CmshOutputParser.parse(output));
    assertTrue(e.getMessage().contains("hostname was cut"), e.getMessage());
  }

  @Test
  void refusesGarbageErrorsAndCutOffAnswers() {
    String good = answer(cluster(), PHYSICAL);
    assertRefused("", "never came");
    assertRefused("\u001b[1;31mcmsh: protocol error\u001b[0m\n@@ 5f3a {\"incomplete\": [\n", "unexpected cmsh output");
    assertRefused(good.substring(0, good.indexOf(CmshQuery.marker("overlays"))), "overlays@@ never came");
    assertRefused(good.replace("[category:dgx] cgroupsupervisor", "Unknown object: dgx-09 (no such device)"),
        "not a role name");
    assertRefused("Unable to connect to CMDaemon\n" + good, "unexpected cmsh output");
    assertRefused(good + "trailing text\n", "unexpected cmsh output");
    assertRefused(good.replace("\"type\": \"Switch\"", "\"type\": \"Switch\"\n  }{"), "not valid JSON");
    String twice = good.replace(CmshQuery.marker("category-roles"),
        "dgx-01\nName (key)\n----------\n" + CmshQuery.marker("category-roles"));
    assertRefused(twice, "listed twice");
  }

  private static void assertRefused(String output, String why) {
    CmshParseException e = assertThrows(CmshParseException.class, () -> CmshOutputParser.parse(output));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void skipsDevicesWhoseHostnameCannotBeAFileName() throws Exception {
    ClusterState state = cluster();
    state.nodes.add(Node.device("Switch", "../etc", "10.141.0.251"));
    ClusterSnapshot snapshot = CmshOutputParser.parse(answer(state, PHYSICAL));
    assertEquals(5, snapshot.devices().size());
    assertEquals(1, snapshot.warnings().size());
  }

  @Test
  void ignoresColourAndInterleavedEvents() throws Exception {
    String good = answer(cluster(), PHYSICAL);
    String noisy = "Sun Nov 22 04:30:00 2026 [notice] basecm11: Check 'DeviceIsUp' is in state FAIL on node001\n"
        + good.replace("slurmclient", "\u001b[32mslurmclient\u001b[0m");
    assertEquals(CmshOutputParser.parse(good), CmshOutputParser.parse(noisy));
  }

  @Test
  void nodeListExpansion() throws Exception {
    assertEquals(List.of("node001", "node002", "node003", "gpu9"), NodeListExpander.expand("node001..node003,gpu9"));
    assertEquals(List.of("dgx-a08", "dgx-a09", "dgx-a10"), NodeListExpander.expand("dgx-a[08-10]"));
    assertThrows(CmshParseException.class, () -> NodeListExpander.expand("a01..b02"));
  }
}
