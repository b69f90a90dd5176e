package io.dgxmon.rolemonitor.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.ClusterState.Category;
import io.dgxmon.testkit.cmsh.ClusterState.Node;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import java.util.List;
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

  private static ClusterSnapshot parse(String output) throws CmshParseException {
    return CmshOutputParser.parse(output, PHYSICAL);
  }

  @Test
  void parsesDevicesRolesCategoriesOverlaysAndVersionFromOneAnswer() throws Exception {
    ClusterSnapshot snapshot = parse(answer(cluster(), PHYSICAL));
    assertEquals(5, snapshot.devices().size());
    assertEquals(new Device("basecm11", "HeadNode", "", "10.141.255.254", "[   UP   ]"), snapshot.devices().get(0));
    assertEquals(Set.of("dgx-01", "dgx-02", "login01"), snapshot.nodeRoles().keySet());
    // Rows with a source prefix are kept apart from the node's own rows; names are lower-cased.
    assertEquals(new RoleListing(Set.of(), List.of("category:dgx cgroupsupervisor", "overlay:slurm-client slurmclient"),
        RoleListing.Form.ROWS), snapshot.nodeRoles().get("dgx-01"));
    assertEquals(Set.of("slurmclient"), snapshot.nodeRoles().get("dgx-02").direct());
    assertEquals(RoleListing.of("cgroupsupervisor"), snapshot.categoryRoles().get("dgx"));
    assertEquals(RoleListing.Form.HEADER_ONLY, snapshot.categoryRoles().get("login").form());
    assertEquals(new Overlay("slurm-submit", 500, false, Set.of(), Set.of("login"), Set.of("slurmsubmit")),
        snapshot.overlays().get(1));
    assertEquals("10.23.12", snapshot.version().clusterManager());
    assertEquals(List.of(), snapshot.warnings());
  }

  @Test
  void expandsOverlayNodeRangesAndReadsHeadNodeBlocksWhenAsked() throws Exception {
    ClusterState state = cluster();
    state.overlays.get(0).nodes = List.of("dgx-01", "dgx-02", "dgx-03");
    state.overlays.get(0).allheadnodes = true;
    state.overlays.get(1).priority = -1;
    ClusterSnapshot snapshot = CmshOutputParser.parse(answer(state, Set.of("physicalnode", "headnode")),
        Set.of("physicalnode", "headnode"));
    assertEquals(Set.of("dgx-01", "dgx-02", "dgx-03"), snapshot.overlays().get(0).nodes());
    assertTrue(snapshot.overlays().get(0).allHeadNodes());
    assertFalse(snapshot.overlays().get(1).enabled());
    assertTrue(snapshot.nodeRoles().containsKey("basecm11"));
  }

  @Test
  void scriptUsesDocumentedCommandsOnlyAndNoShellEscape() {
    String script = CmshQuery.script(PHYSICAL);
    assertEquals("device; list -f type:0,hostname:0,category:0,ip:0,status:0 -d {}; "
        + "foreach -t physicalnode (get hostname; roles; list); category; list -f name:0 -d {}; "
        + "foreach * (get name; roles; list); "
        + "configurationoverlay; list -f name:0,priority:0,allheadnodes:0,nodes:0,categories:0,roles:0 -d {}; "
        + "main; versioninfo", script);
    assertFalse(CmshQuery.script(Set.of("physicalnode", "headnode", "litenode")).contains("!"));
    assertEquals(List.of("/usr/bin/ssh", "head2", "/cm/local/apps/cmd/bin/cmsh", "'--color=no'", "'-q'", "'-c'",
        "'" + script + "'"), CmshQuery.commandLine(List.of("/usr/bin/ssh", "head2", "/cm/local/apps/cmd/bin/cmsh"), PHYSICAL));
  }

  @Test
  void refusesAHostnameCutByCmsh() {
    String output = answer(cluster(), PHYSICAL).replace("\"dgx-02\"", "\"dgx-0+\"");
    assertRefused(output, "hostname \"dgx-0+\" was cut by cmsh");
  }

  @Test
  void refusesEveryAnswerCutOffBeforeTheVersionAtItsEnd() {
    String good = answer(cluster(), PHYSICAL);
    List<String> lines = good.lines().toList();
    int version = lines.indexOf(lines.stream().filter(l -> l.startsWith("Cluster Manager")).findFirst().orElseThrow());
    for (int cut = 0; cut < version; cut++) {
      String prefix = String.join("\n", lines.subList(0, cut)) + "\n";
      assertThrows(CmshParseException.class, () -> parse(prefix), "accepted the first " + cut + " lines");
    }
    for (int cut = 1; cut < good.indexOf("Version Information"); cut += 7) {
      String prefix = good.substring(0, cut);
      assertThrows(CmshParseException.class, () -> parse(prefix), "accepted the first " + cut + " characters");
    }
  }

  @Test
  void refusesGarbageErrorsAndAnswersThatDisagreeWithThemselves() {
    String good = answer(cluster(), PHYSICAL);
    assertRefused("", "printed nothing");
    assertRefused("\u001b[1;31mcmsh: protocol error\u001b[0m\n@@ 5f3a {\"incomplete\": [\n", "unexpected cmsh output");
    assertRefused(good.replace("[category:dgx] cgroupsupervisor", "Unknown object: dgx-09 (no such device)"),
        "not a role name");
    assertRefused("Unable to connect to CMDaemon\n" + good, "unexpected cmsh output");
    assertRefused(good + "trailing text\n", "unexpected cmsh output at the end");
    assertRefused(good.replace("\"type\": \"Switch\"", "\"type\": \"Switch\"\n  }{"), "not valid JSON");
    String categoriesStart = "[\n  {\n    \"name (key)\": \"dgx\"";
    assertRefused(good.replace(categoriesStart, "dgx-01\nName (key)\n----------\n" + categoriesStart),
        "not a role name: \"Name (key)\"");
    assertRefused(good.replace("]\ndgx-01\n", "]\ndgx-01\ndgx-01\n"), "dgx-01 listed twice");
    assertRefused(good.replaceFirst("dgx-02\nName \\(key\\)\n-+\nSlurmClient\n\\[category:dgx] cgroupsupervisor\n", ""),
        "no roles listed for 1 of 3 nodes, e.g. dgx-02");
    assertRefused(good.replace("\"name (key)\": \"login\"", "\"name (key)\": \"login2\""), "category roles: not a role name");
  }

  @Test
  void refusesANodeWhoseCategoryTheCategoryListLacks() {
    ClusterState state = cluster();
    state.nodes.get(3).category = "gone";
    assertRefused(answer(state, PHYSICAL), "login01 is in category gone, which the category list does not have");
  }

  private static void assertRefused(String output, String why) {
    CmshParseException e = assertThrows(CmshParseException.class, () -> parse(output));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void skipsDevicesWhoseHostnameCannotBeAFileName() throws Exception {
    ClusterState state = cluster();
    state.nodes.add(Node.device("Switch", "../etc", "10.141.0.251"));
    ClusterSnapshot snapshot = parse(answer(state, PHYSICAL));
    assertEquals(5, snapshot.devices().size());
    assertEquals(1, snapshot.warnings().size());
  }

  @Test
  void ignoresColourAndInterleavedEvents() throws Exception {
    String good = answer(cluster(), PHYSICAL);
    String noisy = "Sun Nov 22 04:30:00 2026 [notice] basecm11: Check 'DeviceIsUp' is in state FAIL on node001\n"
        + good.replace("slurmclient", "\u001b[32mslurmclient\u001b[0m");
    assertEquals(parse(good), parse(noisy));
  }

  @Test
  void noOverlaysAsAnEmptyArrayAndUpperCasePrefixesAreRead() throws Exception {
    ClusterState state = cluster();
    state.overlays.clear();
    String empty = answer(state, PHYSICAL);
    assertTrue(empty.contains("\n[]\nVersion Information"), empty);
    assertEquals(List.of(), parse(empty).overlays());
    // Were an empty list printed as nothing, the last category block would run into the version: refused, loudly.
    assertRefused(empty.replace("\n[]\nVersion Information", "\nVersion Information"),
        "category roles: not a role name: \"Version Information\"");
    String upper = empty.replace("[category:dgx]", "[Category:dgx]");
    assertEquals(List.of("Category:dgx cgroupsupervisor"), parse(upper).nodeRoles().get("dgx-01").inherited());
  }

  @Test
  void readsAVersionInfoOfPlainKeyValueLinesToo() throws Exception {
    String good = answer(cluster(), PHYSICAL);
    String plain = good.substring(0, good.indexOf("Version Information")) + "Cluster Manager   11.0\nCMDaemon   3.1\n";
    assertEquals("11.0", parse(plain).version().clusterManager());
    assertRefused(good.substring(0, good.indexOf("Version Information")) + "Unknown command: versioninfo\n",
        "unexpected cmsh output at the end (versioninfo)");
    assertRefused(good.substring(0, good.indexOf("Version Information")) + "Cluster Manager   unknown\n",
        "no version number");
  }

  @Test
  void nodeListExpansion() throws Exception {
    assertEquals(List.of("node001", "node002", "node003", "gpu9"), NodeListExpander.expand("node001..node003,gpu9"));
    assertEquals(List.of("dgx-a08", "dgx-a09", "dgx-a10"), NodeListExpander.expand("dgx-a[08-10]"));
    assertThrows(CmshParseException.class, () -> NodeListExpander.expand("a01..b02"));
  }
}
