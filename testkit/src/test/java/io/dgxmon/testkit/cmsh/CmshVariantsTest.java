package io.dgxmon.testkit.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.testkit.cmsh.ClusterState.Category;
import io.dgxmon.testkit.cmsh.ClusterState.Node;
import io.dgxmon.testkit.cmsh.ClusterState.Overlay;
import io.dgxmon.testkit.cmsh.CmshVariants.EmptyRoleList;
import io.dgxmon.testkit.cmsh.CmshVariants.InheritedRoleRows;
import io.dgxmon.testkit.cmsh.CmshVariants.ShellEscape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The switches for undocumented cmsh behaviour, the disabled overlay, {@code versioninfo}, {@code category; list -f}. */
class CmshVariantsTest {
  private static ClusterState cluster(ShellEscape shell, EmptyRoleList empty, InheritedRoleRows inherited) {
    ClusterState state = new ClusterState();
    state.variants = new CmshVariants(shell, empty, inherited);
    state.nodes.add(Node.physical("node001", "default", "10.141.0.1", "boot"));
    state.nodes.add(Node.physical("node002", "bare", "10.141.0.2"));
    state.categories.add(Category.of("default", "slurmclient"));
    state.categories.add(Category.of("bare"));
    Overlay off = Overlay.of("off", List.of("node001", "node002"), List.of(), "slurmsubmit");
    off.priority = Overlay.DISABLED;
    state.overlays.add(off);
    return state;
  }

  private static CmshSimulator.Result run(ClusterState state, String commands) {
    return CmshSimulator.run(state, commands, true);
  }

  private static ClusterState defaults() {
    return cluster(ShellEscape.RUNS_TO_NEXT_SEMICOLON, EmptyRoleList.HEADER_ONLY, InheritedRoleRows.SHOWN);
  }

  @Test
  void shellEscapeUnknownRunsToNextSemicolonOrTakesTheRestOfTheScript() {
    String script = "!echo start; category; list -f name:0; main; showprofile";
    ClusterState state = defaults();
    assertEquals(new CmshSimulator.Result("start\nname (key)\n----------\nbare\ndefault\nadmin\n", 0), run(state, script));
    state.variants = new CmshVariants(ShellEscape.UNKNOWN_COMMAND, EmptyRoleList.HEADER_ONLY, InheritedRoleRows.SHOWN);
    assertEquals(new CmshSimulator.Result("Unknown command: !echo\n", 1), run(state, script));
    state.variants = new CmshVariants(ShellEscape.REST_OF_SCRIPT_TO_SHELL, EmptyRoleList.HEADER_ONLY,
        InheritedRoleRows.SHOWN);
    assertEquals(new CmshSimulator.Result("start\nsh: 1: category: not found\nsh: 1: list: not found\n"
        + "sh: 1: main: not found\nsh: 1: showprofile: not found\n", 0), run(state, script));
  }

  @Test
  void anEmptyRolesListIsHeaderOnlyOrNothing() {
    String script = "device; use node002; roles; list";
    assertEquals("Name (key)\n------------------------------\n", run(defaults(), script).output());
    ClusterState nothing = cluster(ShellEscape.UNKNOWN_COMMAND, EmptyRoleList.NOTHING, InheritedRoleRows.SHOWN);
    assertEquals(new CmshSimulator.Result("", 0), run(nothing, script));
    assertEquals("", run(nothing, "category; use bare; roles; list").output());
  }

  @Test
  void inheritedRowsShownOrHiddenAndADisabledOverlayGivesNoRows() {
    String script = "device; use node001; roles; list";
    assertEquals("Name (key)\n------------------------------\nboot\n[category:default] slurmclient\n",
        run(defaults(), script).output());
    ClusterState hidden = cluster(ShellEscape.UNKNOWN_COMMAND, EmptyRoleList.NOTHING, InheritedRoleRows.HIDDEN);
    assertEquals("Name (key)\n------------------------------\nboot\n", run(hidden, script).output());
    assertEquals("", run(hidden, "device; use node002; roles; list").output());
  }

  @Test
  void versionInfoInMainModeOnly() {
    String bcm10 = run(defaults(), "main; versioninfo").output();
    assertEquals("Cluster Manager          10.23.12", bcm10.lines().toList().get(2));
    ClusterState bcm11 = defaults();
    bcm11.profile = "bcm11";
    assertEquals("Cluster Manager          11.25.08", run(bcm11, "versioninfo").output().lines().toList().get(2));
    assertEquals(1, run(defaults(), "device; versioninfo").exitCode());
  }

  @Test
  void everyCombinationOnce() {
    assertEquals(12, CmshVariants.all().size());
    assertEquals(12, CmshVariants.all().stream().distinct().count());
  }

  @Test
  void categoryListTakesFieldsAndJson() {
    assertEquals("[\n  {\n    \"name (key)\": \"bare\"\n  },\n  {\n    \"name (key)\": \"default\"\n  }\n]\n",
        run(defaults(), "category; list -f name:0 -d {}").output());
  }
}
