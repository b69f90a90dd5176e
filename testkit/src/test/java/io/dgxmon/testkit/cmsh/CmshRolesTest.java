package io.dgxmon.testkit.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.cmsh.ClusterState.Category;
import io.dgxmon.testkit.cmsh.ClusterState.Node;
import io.dgxmon.testkit.cmsh.ClusterState.Overlay;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Roles, categories, configuration overlays, WLM settings and edits (docs/reference/cmsh.md §1.6, §2). */
class CmshRolesTest {
  /** The overlays of docs/reference/cmsh.md §1.6 after cm-wlm-setup. */
  static ClusterState wlmCluster() {
    ClusterState state = new ClusterState();
    state.nodes.add(Node.head("basecm11", "10.141.255.254"));
    for (int i = 1; i <= 4; i++) {
      state.nodes.add(Node.physical(String.format("node%03d", i), "default", "10.141.0." + i));
    }
    state.categories.add(Category.of("default", "cgroupsupervisor", "slurmclient"));
    state.overlays.add(withHeads(Overlay.of("slurm-accounting", List.of(), List.of(), "slurmaccounting")));
    state.overlays.add(Overlay.of("slurm-client", List.of("node001", "node002"), List.of("default"), "slurmclient"));
    state.overlays.add(withHeads(Overlay.of("slurm-server", List.of(), List.of(), "slurmserver")));
    state.overlays.add(Overlay.of("slurm-submit", List.of(), List.of("default"), "slurmsubmit"));
    Overlay headSubmit = withHeads(Overlay.of("wlm-headnode-submit", List.of(), List.of(), "slurmsubmit"));
    headSubmit.priority = 600;
    state.overlays.add(headSubmit);
    return state;
  }

  private static Overlay withHeads(Overlay o) {
    o.allheadnodes = true;
    return o;
  }

  private static CmshSimulator.Result run(ClusterState state, String commands) {
    return CmshSimulator.run(state, commands, true);
  }

  private static String ok(ClusterState state, String commands) {
    CmshSimulator.Result result = run(state, commands);
    assertEquals(0, result.exitCode(), result.output());
    return result.output();
  }

  @Test
  void overlayListHasTheManualsColumnsWidthsAndBlankCells() {
    List<String> lines = ok(wlmCluster(), "configurationoverlay; list").lines().toList();
    assertEquals("Name (key)           Priority   All head nodes Nodes            Categories       Roles", lines.get(0));
    assertEquals(List.of(20, 10, 14, 16, 16, 15), Arrays.stream(lines.get(1).split(" ")).map(String::length).toList());
    assertEquals("slurm-accounting     500        yes" + " ".repeat(46) + "slurmaccounting",
        lines.get(2));
    assertEquals("slurm-client         500        no             node001,node002  default          slurmclient",
        lines.get(3));
    assertEquals(7, lines.size());
  }

  @Test
  void overlayNodesPrintAsDotRanges() {
    ClusterState state = wlmCluster();
    state.overlay("slurm-client").orElseThrow().nodes = List.of("node001", "node002", "node003", "node004");
    assertTrue(ok(state, "configurationoverlay; list -f name:0,nodes:0 -d {}")
        .contains("\"nodes\": \"node001..node004\""));
    assertEquals("node001 node002 node003 node004\n", ok(state, "configurationoverlay; use slurm-client; get nodes"));
  }

  @Test
  void deviceRolesShowInheritedRolesWithSourcePrefixes() {
    ClusterState state = wlmCluster();
    assertEquals("""
        Name (key)
        -----------------------------------
        [category:default] cgroupsupervisor
        [category:default] slurmclient
        [overlay:slurm-client] slurmclient
        [overlay:slurm-submit] slurmsubmit
        """, ok(state, "device; use node001; roles; list"));
    assertEquals(ok(state, "device; use node001; roles; list"), ok(state, "device roles node001; list"));
    String head = ok(state, "device; use basecm11; roles; list");
    assertTrue(head.contains("[overlay:slurm-server] slurmserver\n"), head);
    assertTrue(head.contains("[overlay:wlm-headnode-submit] slurmsubmit\n"), head);
  }

  @Test
  void aNodeRoleHidesInheritedRolesOfTheSameName() {
    ClusterState state = wlmCluster();
    state.node("node003").orElseThrow().roles.add("slurmclient");
    assertEquals("""
        Name (key)
        -----------------------------------
        slurmclient
        [category:default] cgroupsupervisor
        [overlay:slurm-submit] slurmsubmit
        """, ok(state, "device; use node003; roles; list"));
  }

  @Test
  void categoryRolesArePlainNames() {
    assertEquals("""
        Name (key)
        ------------------------------
        cgroupsupervisor
        slurmclient
        """, ok(wlmCluster(), "category; use default; roles; list"));
  }

  @Test
  void wlmPrologQueriesAndList() {
    assertEquals("/cm/local/apps/cmd/scripts/prolog\n/cm/local/apps/cmd/scripts/epilog\n\n",
        ok(wlmCluster(), "wlm; use slurm; get prolog; get epilog; get epilogslurmctld"));
    String list = ok(wlmCluster(), "wlm list");
    assertTrue(list.startsWith("Type   Name (key)       Server nodes     Submit nodes"), list);
    assertTrue(list.contains("basecm11         basecm11,node001..node004 "), list);
  }

  @Test
  void editsTakeEffectOnlyOnCommitAndRefreshDiscardsThem() {
    ClusterState state = wlmCluster();
    CmshSession session = new CmshSession(state, true);
    session.runLine("category; use default; roles; unassign slurmclient; ..; ..; refresh");
    assertEquals(null, session.changedState());
    session.runLine("device; use node004; roles; assign gpu; commit");
    assertEquals(List.of("gpu"), session.changedState().node("node004").orElseThrow().roles);
    session.runLine("configurationoverlay; use slurm-client; removefrom nodes node001; append nodes node003; commit");
    assertEquals(List.of("node002", "node003"), session.changedState().overlay("slurm-client").orElseThrow().nodes);
    session.runLine("device; use node001; set category nosuch");
    assertTrue(session.output().endsWith("set: no category nosuch\n"), session.output());
  }

  @Test
  void unknownObjectPrintsAnErrorAndExitsNonZeroOnlyUnderQuit() {
    CmshSimulator.Result quit = run(wlmCluster(), "device; use nosuch; get ip");
    assertEquals(1, quit.exitCode());
    assertEquals("Unknown object: nosuch (no such device)\n", quit.output());
    CmshSimulator.Result goOn = CmshSimulator.run(wlmCluster(), "device; use nosuch; list -f hostname:0 -t headnode", false);
    assertEquals(0, goOn.exitCode());
    assertTrue(goOn.output().startsWith("Unknown object: nosuch (no such device)\nhostname (key)\n"), goOn.output());
  }

  @Test
  void grabimageDryRunChangesNothingAndWriteIsRecorded() {
    ClusterState state = wlmCluster();
    CmshSession dry = new CmshSession(state, true);
    dry.runLine("device; use node001; grabimage");
    assertTrue(dry.output().contains(ImageActions.DRY_RUN) && dry.output().endsWith("grabimage [ COMPLETED ]\n"));
    assertEquals(null, dry.changedState());
    CmshSession real = new CmshSession(state, true);
    real.runLine("softwareimage; clone default-image default-image1; commit; "
        + "device; grabimage -w -i default-image1 node001");
    assertEquals(List.of(new ClusterState.GrabImage("node001", "default-image1", true)),
        real.changedState().grabImages);
    assertTrue(real.output().contains("[notice] basecm10: Provisioning completed on node node001\n"), real.output());
  }

  @Test
  void nodeListSyntax() {
    assertEquals(List.of("node001", "node002", "node003"), NodeListSyntax.expand("node001..node003"));
    assertEquals(List.of("node001", "node002"), NodeListSyntax.expand("node00[1-2]"));
    assertEquals(List.of("node001", "node002", "node003", "node005"),
        NodeListSyntax.expand("node[001-005],-node[004-100:4]"));
    assertEquals("basecm11,node001,node002,node007..node009", NodeListSyntax.compress(
        List.of("basecm11", "node001", "node002", "node007", "node008", "node009")));
  }
}
