package io.dgxmon.rolemonitor.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dgxmon.rolemonitor.cmsh.ClusterSnapshot;
import io.dgxmon.rolemonitor.cmsh.CmshParseException;
import io.dgxmon.rolemonitor.cmsh.Device;
import io.dgxmon.rolemonitor.cmsh.Overlay;
import io.dgxmon.rolemonitor.cmsh.RoleListing;
import io.dgxmon.rolemonitor.cmsh.VersionInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Effective roles = own rows ∪ category ∪ enabled covering overlays (docs/Role-Monitor.md). */
class EffectiveRolesTest {
  private static final Device HEAD = new Device("head", "HeadNode", "", "10.0.0.254", "");
  private static final Device A = new Device("a", "PhysicalNode", "dgx", "10.0.0.1", "");
  private static final Device B = new Device("b", "PhysicalNode", "dgx", "10.0.0.2", "");
  private static final Device C = new Device("c", "PhysicalNode", "login", "10.0.0.3", "");
  private static final Device SWITCH = new Device("sw", "Switch", "", "10.0.0.250", "");
  private static final VersionInfo VERSION = new VersionInfo(List.of(Map.entry("Cluster Manager", "10.0")));

  private static Map<String, Map<String, List<String>>> grants(ClusterSnapshot s, Set<String> types)
      throws CmshParseException {
    return EffectiveRoles.compute(s, types).stream()
        .collect(Collectors.toMap(n -> n.device().hostname(), NodeRoles::grantedBy));
  }

  private static ClusterSnapshot snapshot(Map<String, RoleListing> nodeRoles, List<Overlay> overlays) {
    return new ClusterSnapshot(List.of(HEAD, A, B, C, SWITCH), nodeRoles,
        Map.of("dgx", RoleListing.of("cgroupsupervisor"), "login", RoleListing.of()), overlays, VERSION, List.of());
  }

  private static Map<String, RoleListing> ownRoles() {
    return Map.of("head", RoleListing.of(), "a", RoleListing.of("boot"), "b", RoleListing.of(), "c", RoleListing.of());
  }

  @Test
  void unionOfNodeCategoryAndOverlaysByNodeByCategoryAndAllHeadNodesWithTheirSources() throws Exception {
    ClusterSnapshot s = snapshot(ownRoles(), List.of(
        new Overlay("by-node", 500, false, Set.of("b"), Set.of(), Set.of("slurmclient")),
        new Overlay("by-category", 500, false, Set.of(), Set.of("login"), Set.of("slurmsubmit")),
        new Overlay("heads", 600, true, Set.of(), Set.of(), Set.of("slurmserver", "slurmclient"))));
    Map<String, Map<String, List<String>>> grants = grants(s, Set.of("physicalnode", "headnode"));
    assertEquals(Map.of("boot", List.of("node"), "cgroupsupervisor", List.of("category dgx")), grants.get("a"));
    assertEquals(Map.of("cgroupsupervisor", List.of("category dgx"), "slurmclient", List.of("overlay by-node")),
        grants.get("b"));
    assertEquals(Map.of("slurmsubmit", List.of("overlay by-category")), grants.get("c"));
    assertEquals(Set.of("slurmserver", "slurmclient"), grants.get("head").keySet());
    assertFalse(grants.containsKey("sw"));
  }

  @Test
  void aDisabledOverlayGivesNothingAndPrefixedRowsFromCmshAreNotUsed() throws Exception {
    // cmsh may or may not list inherited rows, and may list them for a disabled overlay: neither counts.
    RoleListing withInherited = new RoleListing(Set.of(), List.of("overlay:old slurmclient"), RoleListing.Form.ROWS);
    ClusterSnapshot s = snapshot(Map.of("head", RoleListing.of(), "a", RoleListing.of(), "b", withInherited,
        "c", RoleListing.of()), List.of(new Overlay("old", -1, true, Set.of("a", "b"), Set.of("login"),
        Set.of("slurmclient"))));
    Map<String, Map<String, List<String>>> grants = grants(s, Set.of("physicalnode", "headnode"));
    assertEquals(Map.of("cgroupsupervisor", List.of("category dgx")), grants.get("b"));
    assertEquals(Map.of(), grants.get("c"));
    assertEquals(Map.of(), grants.get("head"));
  }

  @Test
  void sourcesAddUpWhenSeveralGrantTheSameRole() throws Exception {
    ClusterSnapshot s = snapshot(Map.of("head", RoleListing.of(), "a", RoleListing.of("cgroupsupervisor"),
        "b", RoleListing.of(), "c", RoleListing.of()), List.of());
    assertEquals(List.of("node", "category dgx"), grants(s, Set.of("physicalnode")).get("a").get("cgroupsupervisor"));
  }

  @Test
  void physicalNodesOnlyUnlessAsked() throws Exception {
    assertEquals(Set.of("a", "b", "c"), grants(snapshot(ownRoles(), List.of()), Set.of("physicalnode")).keySet());
  }

  @Test
  void aNodeWithoutARolesBlockMakesTheAnswerUnusable() {
    ClusterSnapshot s = new ClusterSnapshot(List.of(A), Map.of(), Map.of("dgx", RoleListing.of()), List.of(),
        VERSION, List.of());
    assertThrows(CmshParseException.class, () -> EffectiveRoles.compute(s, Set.of("physicalnode")));
    ClusterSnapshot noCategory = new ClusterSnapshot(List.of(A), Map.of("a", RoleListing.of()), Map.of(), List.of(),
        VERSION, List.of());
    assertThrows(CmshParseException.class, () -> EffectiveRoles.compute(noCategory, Set.of("physicalnode")));
  }
}
